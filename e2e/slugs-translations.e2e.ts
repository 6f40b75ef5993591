/**
 * Slugs and translations in Chromium against a real server: a Russian translation of an English
 * story opens with the original beside it and every field still in English marked; its slug is
 * made from its own headline by Russian rules and follows the headline until edited by hand; the
 * slug field shows the full address as it is typed; publishing lists what is still untranslated.
 */
import fs from "node:fs";
import path from "node:path";
import type { AxeResults } from "axe-core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi, createApiToken, setUpOwnerViaApi } from "./support/admin-api.js";
import { type Browser, openBrowser } from "./support/browser.js";
import { ROOT, startServer, type TestServer } from "./support/server.js";

const SCREENSHOTS = path.join(ROOT, "test-results", "screenshots");
const AXE = path.join(ROOT, "node_modules", "axe-core", "axe.min.js");

let server: TestServer;
let browser: Browser;
/** For axe, injected by the test: the app's CSP allows only its own scripts. */
let checker: Browser;
/** The translation made by the first test, for the accessibility check. */
let translationId = 0;
let call: ReturnType<typeof adminApi>;
let sessionCookie = "";

interface ArticleDto {
  id: number;
  version: number;
  slug: string;
  url: string;
  title: string;
  section: number | null;
  tags: number[];
  slugFollowsTitle: boolean;
  untranslated: string[];
  translatedFrom?: number | null;
}

interface Term {
  id: number;
  slug: string;
  name: string;
}

async function openEditor(page: Page, id: number): Promise<void> {
  await page.goto(`${server.url}/admin/articles/${id}`);
  await page.getByRole("textbox", { name: "Body" }).waitFor();
}

/** Waits until the editor's autosave has stored what was typed. */
async function waitForSave(page: Page): Promise<void> {
  await page
    .locator(".save-state")
    .filter({ hasText: /^All changes saved at / })
    .waitFor({ timeout: 15_000 });
}

beforeAll(async () => {
  server = await startServer();
  const session = await setUpOwnerViaApi(server);
  sessionCookie = session.sessionCookie;
  call = adminApi(server, await createApiToken(server, session, "Translation desk", "editor"));
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await openBrowser(server.origin, { width: 1440, height: 1000 });
  await browser.context.addCookies([{ name: "gazette_session", value: sessionCookie, url: server.url }]);
  checker = await openBrowser(server.origin, { bypassCSP: true, width: 1440, height: 1000 });
  await checker.context.addCookies([{ name: "gazette_session", value: sessionCookie, url: server.url }]);
});

afterAll(async () => {
  await checker?.close();
  await browser?.close();
  await server?.stop();
});

describe("translating a story and editing its slug", () => {
  it("makes a Russian translation with markers, the original beside it and a Russian slug", async () => {
    const [sections, tags, media] = await Promise.all([
      call<{ items: Term[] }>("GET", "/sections?edition=en"),
      call<{ items: Term[] }>("GET", "/tags?edition=en"),
      call<{ items: { id: number }[] }>("GET", "/media?limit=1"),
    ]);
    const section = sections.items.find((s) => s.slug === "war") ?? sections.items[0];
    const tag = tags.items[0];
    const image = media.items[0];
    expect(section && tag && image, "the demo content has sections, tags and images").toBeTruthy();
    if (!section || !tag || !image) return;
    const original = await call<ArticleDto>("POST", "/articles", {
      edition: "en",
      title: "Power cut in Horlivka",
      dek: "Residents spent the night without light.",
      body: {
        type: "doc",
        content: [{ type: "paragraph", content: [{ type: "text", text: "The substation was hit after midnight." }] }],
      },
      section: section.id,
      tags: [tag.id],
      leadImage: { mediaId: image.id, caption: "The damaged substation", credit: "Photo: Desk", alt: "A burnt wall" },
    });
    expect(original.slug).toBe("power-cut-in-horlivka");

    const { page } = browser;
    await openEditor(page, original.id);
    await page.getByRole("button", { name: "Translate into Русский" }).click();
    await page.waitForURL((url) => url.pathname !== `/admin/articles/${original.id}`);
    await page.getByRole("textbox", { name: "Body" }).waitFor();
    const copyId = Number(new URL(page.url()).pathname.split("/").pop());
    expect(copyId).not.toBe(original.id);
    translationId = copyId;

    // Every text field is marked, the section too (the Russian edition has no "war" section).
    await page.getByText("Translation in progress.").waitFor();
    await expect(page.getByText("Not translated yet: still the original's text.").count()).resolves.toBe(6);
    await page.getByText("Not chosen yet: this edition has no section like the original's.").waitFor();

    // The original, beside the editor.
    const panel = page.locator("details.translation-source");
    await panel.getByText("Original (English)").waitFor();
    await expect(panel.getAttribute("open")).resolves.not.toBeNull();
    for (const text of [
      "Power cut in Horlivka",
      "Residents spent the night without light.",
      "The substation was hit after midnight.",
      "The damaged substation",
      "Photo: Desk",
      "A burnt wall",
    ]) {
      await panel.getByText(text, { exact: true }).waitFor();
    }
    // It collapses.
    await panel.locator("summary").click();
    await expect(panel.getAttribute("open")).resolves.toBeNull();
    await panel.locator("summary").click();

    // The slug is the copy's own, in the Russian edition's address, and follows the headline.
    const slug = page.getByRole("textbox", { name: "Slug" });
    const preview = page.locator(".slug-field__url");
    await expect(slug.inputValue()).resolves.toBe("power-cut-in-horlivka");
    await expect(preview.textContent()).resolves.toBe(`${server.url}/ru/news/power-cut-in-horlivka`);
    await page.getByText("Made from the headline until you edit it or the story is published.").waitFor();

    await page.getByLabel("Headline").fill("Жители Горловки остались без света");
    await waitForSave(page);
    // Russian rules: г is g, и is i, ы is y.
    await page.waitForFunction(
      () =>
        (document.querySelector(".slug-field input") as HTMLInputElement | null)?.value ===
        "zhiteli-gorlovki-ostalis-bez-sveta",
    );
    await expect(preview.textContent()).resolves.toBe(`${server.url}/ru/news/zhiteli-gorlovki-ostalis-bez-sveta`);
    await page.getByLabel("Dek (standfirst)").fill("Жители провели ночь без света.");
    await expect(page.getByText("Not translated yet: still the original's text.").count()).resolves.toBe(4);
    await waitForSave(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "translation-editor.png"), fullPage: true });

    const copy = await call<ArticleDto>("GET", `/articles/${copyId}`);
    expect(copy).toMatchObject({
      translatedFrom: original.id,
      slug: "zhiteli-gorlovki-ostalis-bez-sveta",
      slugFollowsTitle: true,
      section: null,
      untranslated: ["body", "leadCaption", "leadCredit", "leadAlt", "section"],
    });
    // The tag came along, in the Russian edition.
    const ruTags = await call<{ items: Term[] }>("GET", "/tags?edition=ru");
    expect(copy.tags).toHaveLength(1);
    expect(ruTags.items.find((t) => t.id === copy.tags[0])?.slug).toBe(tag.slug);

    // Publishing asks first, naming what is still in English.
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    const check = page.getByRole("dialog", { name: "Publish anyway?" });
    await check
      .getByText(
        "Not yet translated (still in the original's language): body, lead image caption, lead image credit, lead image alternative text.",
      )
      .waitFor();
    await check.getByRole("button", { name: "Go back" }).click();
    await expect(call<ArticleDto>("GET", `/articles/${copyId}`)).resolves.toMatchObject({ status: "draft" });
  });

  it("shows the full address while the slug is typed, keeps a slug set by hand, and redirects a published one", async () => {
    const draft = await call<ArticleDto>("POST", "/articles", {
      edition: "ru",
      title: "Объявление о выборах",
      body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Текст." }] }] },
    });
    expect(draft.slug).toBe("obieiavlenie-o-vyborakh");
    const { page } = browser;
    await openEditor(page, draft.id);
    const slug = page.getByRole("textbox", { name: "Slug" });
    const preview = page.locator(".slug-field__url");
    await slug.fill("");
    await page.getByText("The slug cannot be empty.").waitFor();
    await slug.pressSequentially("Vybory 2026");
    // Tidied as typed; the preview follows each key.
    await expect(slug.inputValue()).resolves.toBe("vybory-2026");
    await expect(preview.textContent()).resolves.toBe(`${server.url}/ru/news/vybory-2026`);
    await waitForSave(page);
    await page.locator(".slug-field").screenshot({ path: path.join(SCREENSHOTS, "slug-field.png") });
    await page.getByText("Edited by hand: it stays as it is when the headline changes.").waitFor();

    await page.getByLabel("Headline").fill("Выборы перенесли");
    await waitForSave(page);
    await expect(slug.inputValue()).resolves.toBe("vybory-2026");
    await expect(call<ArticleDto>("GET", `/articles/${draft.id}`)).resolves.toMatchObject({
      slug: "vybory-2026",
      slugFollowsTitle: false,
      title: "Выборы перенесли",
    });

    // Published, a new slug waits for "Update" and the old address then redirects.
    const { url } = await call<{ url: string }>("POST", `/articles/${draft.id}/publish`);
    expect(url).toBe(`${server.url}/ru/news/vybory-2026`);
    await openEditor(page, draft.id);
    await page
      .getByText("Changing it moves the story: the old address keeps working and redirects to the new one.")
      .waitFor();
    await slug.fill("vybory-perenesli");
    await expect(preview.textContent()).resolves.toBe(`${server.url}/ru/news/vybory-perenesli`);
    await page.getByText(/^Changes saved at .*, not yet live\.$/).waitFor({ timeout: 15_000 });
    expect((await fetch(url, { redirect: "manual" })).status).toBe(200);
    await page.getByRole("button", { name: "Update", exact: true }).click();
    await page
      .getByRole("dialog", { name: "Update the live article?" })
      .getByRole("button", { name: "Update the live article" })
      .click();
    await page.getByText("Updated: the live page shows these changes.").waitFor();
    const old = await fetch(url, { redirect: "manual" });
    expect(old.status).toBe(301);
    expect(old.headers.get("location")).toBe("/ru/news/vybory-perenesli");
    expect((await fetch(`${server.url}/ru/news/vybory-perenesli`)).status).toBe(200);
  });

  it("the translation's editor, with its markers, slug field and the original beside it, has no axe violations", async () => {
    expect(translationId, "the first test made a translation").toBeGreaterThan(0);
    const { page } = checker;
    await openEditor(page, translationId);
    await page.locator("details.translation-source").getByText("Original (English)").waitFor();
    await page.locator(".translation-source__body p").first().waitFor();
    await page.addScriptTag({ path: AXE });
    const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
    const described = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`);
    expect(described).toEqual([]);
  });
});
