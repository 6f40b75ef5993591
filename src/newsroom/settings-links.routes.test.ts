import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle } from "../../test/factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import { EditionRevenueSettingsSchema } from "../revenue/revenue.schemas.js";
import { RaiseBannerBody } from "./breaking-banner.schemas.js";
import { demoEditionSettings } from "./demo/demo-settings.js";
import { isSafeUrlSchema } from "./safe-url.schemas.js";
import { SettingsRepository } from "./settings.repository.js";
import { EditionSettingsSchema } from "./settings.schemas.js";

/** Every link field of a schema, as "a.b[].c" paths, found by walking the schema itself. */
function linkFields(schema: unknown, path = ""): string[] {
  if (typeof schema !== "object" || schema === null) return [];
  if (isSafeUrlSchema(schema)) return [path];
  const node = schema as {
    properties?: Record<string, unknown>;
    items?: unknown;
    anyOf?: unknown[];
    patternProperties?: Record<string, unknown>;
  };
  const found: string[] = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    found.push(...linkFields(child, path ? `${path}.${key}` : key));
  }
  for (const child of Object.values(node.patternProperties ?? {})) found.push(...linkFields(child, `${path}.*`));
  if (node.items) found.push(...linkFields(node.items, `${path}[]`));
  for (const variant of node.anyOf ?? []) found.push(...linkFields(variant, path));
  return [...new Set(found)];
}

const SETTINGS = [
  { name: "edition settings", schema: EditionSettingsSchema },
  { name: "edition revenue settings", schema: EditionRevenueSettingsSchema },
  { name: "breaking banner", schema: RaiseBannerBody },
] as const;

const HOSTILE = [
  "javascript:alert(1)",
  " JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  '"><script>alert(1)</script>',
  "//evil.example",
  "/\\evil.example",
  'https://t.me/x"><script>alert(1)</script>',
];
const FINE = ["https://t.me/x", "/en/support"];

describe("link settings", () => {
  it("finds every link field of every settings schema, and each one has a case below", () => {
    const found = SETTINGS.flatMap(({ name, schema }) => linkFields(schema).map((field) => `${name}: ${field}`));
    // A new link field shows up here first; add a setter for it to CASES so the API test covers it.
    expect(found.sort()).toEqual(Object.keys(CASES).sort());
  });
});

type Put = { method: "PUT"; url: string; payload: object };
const bannerExpiry = new Date(Date.now() + 3_600_000).toISOString();
/** For each link field: the request that stores `href` in it, starting from valid settings. */
const CASES: Record<string, (href: string, revenue: object) => Put> = {
  "edition settings: articlePromos[].href": (href) => ({
    method: "PUT",
    url: "/admin/api/settings/en",
    payload: {
      ...demoEditionSettings("en"),
      articlePromos: [{ type: "map", title: "Map", description: "", href }],
    },
  }),
  ...Object.fromEntries(
    (["x", "facebook", "googleNews", "telegram"] as const).map((key) => [
      `edition settings: follow.${key}`,
      (href: string) => ({
        method: "PUT",
        url: "/admin/api/settings/en",
        payload: { ...demoEditionSettings("en"), follow: { [key]: href } },
      }),
    ]),
  ),
  "edition settings: supportUrl": (href) => ({
    method: "PUT",
    url: "/admin/api/settings/en",
    payload: { ...demoEditionSettings("en"), supportUrl: href },
  }),
  "edition revenue settings: patronUrl": (href, revenue) => ({
    method: "PUT",
    url: "/admin/api/revenue/settings/editions/en",
    payload: { ...revenue, patronUrl: href },
  }),
  "edition revenue settings: paypalUrl": (href, revenue) => ({
    method: "PUT",
    url: "/admin/api/revenue/settings/editions/en",
    payload: { ...revenue, paypalUrl: href },
  }),
  "breaking banner: url": (href) => ({
    method: "PUT",
    url: "/admin/api/banners/en",
    payload: { text: "Air raid alert", url: href, expiresAt: bannerExpiry },
  }),
};

describe.each(DIALECTS)("link settings through the API on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      editions: ["en"],
    });
  });
  afterEach(async () => t.close());

  const admin = () => t.bearer("admin");

  it("refuses script, data and protocol-relative links in every link field with 400 validation_failed", async () => {
    const headers = await admin();
    const revenue = (await t.app.inject({ url: "/admin/api/revenue/settings", headers })).json().editions.en;
    for (const [field, request] of Object.entries(CASES)) {
      for (const href of HOSTILE) {
        const response = await t.app.inject({ ...request(href, revenue), headers });
        expect(response.statusCode, `${field} = ${JSON.stringify(href)}`).toBe(400);
        expect(response.json().code).toBe("validation_failed");
        expect(response.json().message).toContain(field.split(": ")[1]!.replace("[]", "").split(".").pop());
      }
      for (const href of FINE) {
        const response = await t.app.inject({ ...request(href, revenue), headers });
        expect(response.statusCode, `${field} = ${JSON.stringify(href)}: ${response.body}`).toBe(200);
      }
    }
  });

  it("drops a script link stored before the check, on the page and in the admin API", async () => {
    const settings = {
      ...demoEditionSettings("en"),
      articlePromos: [
        { type: "map", title: "Front map", description: "", href: "javascript:alert(1)" },
        { type: "follow" },
        { type: "support", title: "Support us", description: "" },
      ],
      follow: { telegram: "javascript:alert(2)", x: "https://x.com/gazette" },
      supportUrl: "data:text/html,x",
    };
    const repository = new SettingsRepository(t.database.db);
    await repository.set("en", "edition", JSON.stringify(settings), new Date().toISOString());
    await repository.set(
      "en",
      "breaking-banner",
      JSON.stringify({
        text: "Air raid alert",
        url: "javascript:alert(3)",
        expiresAt: bannerExpiry,
        raisedAt: new Date().toISOString(),
      }),
      new Date().toISOString(),
    );
    const { slug } = await createArticle(t.services.articles, { edition: "en" });
    const page = await t.app.inject({ url: `/en/news/${slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/javascript:|data:text/i);
    expect(page.body).toContain("https://x.com/gazette");
    expect(page.body).toContain("Air raid alert");
    const stored = (await t.app.inject({ url: "/admin/api/settings/en", headers: await admin() })).json();
    expect(stored.follow).toEqual({ x: "https://x.com/gazette" });
    expect(stored.supportUrl).toBe("");
    expect(stored.articlePromos.map((p: { type: string }) => p.type)).toEqual(["follow", "support"]);
  });
});
