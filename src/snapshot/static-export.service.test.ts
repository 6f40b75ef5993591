import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seedDemoExtras } from "../../test/demo-site.js";
import { createArticle, createPerson, createSection, createTag } from "../../test/factories.js";
import { checkSnapshotLinks } from "../../test/link-checker.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import { PROJECT_ROOT } from "../app.js";
import { type SigningKey, signingKeyOf } from "../platform/security/signing-key.js";
import { injectFetch } from "./site-fetch.js";
import { MANIFEST_FILE, readManifest, verifySnapshot } from "./snapshot-manifest.js";
import { exportStaticSite, type StaticExportOptions } from "./static-export.service.js";

// A fixed key: the suite checks signatures, not key generation (signing-key.test.ts does).
const KEY_PEM = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIHg6w2sqoGd0hX0mXm3IAQ3mGq3N9Fq0aD1T3Jm7dB5Z
-----END PRIVATE KEY-----
`;

describe.each(DIALECTS)("static snapshot on %s", (dialect) => {
  let t: TestApp;
  let out: string;
  let key: SigningKey;
  let assetsDir: string;
  const slugs: string[] = [];

  beforeEach(async () => {
    t = await startTestApp(dialect, {
      editions: ["uk", "en"],
    });
    key = signingKeyOf(KEY_PEM);
    out = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-snapshot-"));
    // The test app's pages name /assets/site.css and /assets/site.js in this folder.
    assetsDir = path.join(t.config.dataDir, "no-assets");
    fs.mkdirSync(assetsDir, { recursive: true });
    // The map pages name the built map island's files when `npm run build` has run.
    const built = path.join(PROJECT_ROOT, "dist", "client");
    if (fs.existsSync(built)) fs.cpSync(built, assetsDir, { recursive: true });
    fs.writeFileSync(path.join(assetsDir, "site.css"), "@font-face{src:url(/assets/serif.woff2)}body{margin:0}");
    fs.writeFileSync(path.join(assetsDir, "serif.woff2"), "font bytes");
    fs.writeFileSync(path.join(assetsDir, "site.js"), "export {};");
    fs.writeFileSync(path.join(assetsDir, "site.js.br"), "compressed");
    const { db } = t.database;
    const section = await createSection(db, "uk", { slug: "frontline", name: "Фронт" });
    const tag = await createTag(db, "uk", { slug: "bakhmut", name: "Бахмут" });
    const person = await createPerson(db, "uk", { slug: "olena", name: "Олена" });
    slugs.length = 0;
    // More than one feed page: the front page gets a "show more" page.
    for (let i = 0; i < 23; i++) {
      const article = await createArticle(t.services.articles, {
        edition: "uk",
        title: `Story ${i}`,
        sectionId: section.id,
        tagIds: [tag.id],
        authorIds: [person.id],
      });
      slugs.push(article.slug);
    }
    await createArticle(t.services.articles, { edition: "en", title: "An English story" });
    await seedDemoExtras(t.services);
  });

  afterEach(async () => {
    await t.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  function options(overrides: Partial<StaticExportOptions> = {}): StaticExportOptions {
    return {
      dir: out,
      site: t.config.publicUrl,
      fetch: injectFetch(t.app, new URL(t.config.publicUrl).host),
      editions: t.services.editions.list().map(({ code, basePath, language }) => ({ code, basePath, language })),
      pages: ["/maps/bakhmut", "/maps/bakhmut/preview.svg", "/en/maps/bakhmut", "/maps/no-such-map"],
      mirrors: ["https://news.example", "https://mirror-one.example"],
      assetsDir,
      key,
      ...overrides,
    };
  }

  const read = (file: string) => fs.readFileSync(path.join(out, file), "utf8");

  it("writes every page as a file whose links all lead to files in the folder", async () => {
    const report = await exportStaticSite(options());
    expect(report.failed).toEqual([]);
    for (const file of [
      "index.html",
      "en/index.html",
      `news/${slugs[0]}.html`,
      `news/${slugs[22]}.html`,
      "en/news/an-english-story.html",
      "section/frontline.html",
      "tag/bakhmut.html",
      "author/olena.html",
      "maps/bakhmut.html",
      "maps/bakhmut/preview.svg",
      "geo/basemap.topo.json",
      "sitemap.xml",
      "feed.xml",
      "404.html",
      "assets/site.css",
      "assets/serif.woff2",
    ]) {
      expect(fs.existsSync(path.join(out, file)), file).toBe(true);
    }
    expect(fs.existsSync(path.join(out, "assets/site.js.br"))).toBe(false);
    expect(fs.readdirSync(out).some((file) => /^index\.after-.+\.html$/.test(file))).toBe(true);
    const { checked, broken } = checkSnapshotLinks(out, t.config.publicUrl);
    expect(checked).toBeGreaterThan(500);
    expect(broken).toEqual([]);
  });

  it("keeps the canonical address, fonts found from the style sheet and the map's data in the folder", async () => {
    await exportStaticSite(options());
    const article = read(`news/${slugs[0]}.html`);
    expect(article).toContain(`<link rel="canonical" href="https://news.example/news/${slugs[0]}"`);
    expect(article).toContain('href="../section/frontline.html"');
    expect(read("assets/site.css")).toContain("url(serif.woff2)");
    expect(read("maps/bakhmut.html")).toContain('"basemapUrl":"../geo/basemap.topo.json"');
    // Feeds keep the live addresses their readers need.
    expect(read("feed.xml")).toContain("https://news.example/news/");
  });

  it("shows the note with the mirrors where the search and sign-up forms were", async () => {
    await exportStaticSite(options());
    const search = read("search.html");
    expect(search).not.toContain("<form");
    expect(search).toContain('class="snapshot-note"');
    expect(search).toContain('href="https://mirror-one.example"');
    expect(search).toContain("Пошук, підписка на розсилку");
  });

  it("signs a manifest that lists every file, which verify-snapshot accepts", async () => {
    const report = await exportStaticSite(options());
    const manifest = readManifest(out);
    expect(manifest?.files).toHaveLength(report.files);
    expect(manifest?.editions).toEqual(["uk", "en"]);
    expect(manifest?.files.find((file) => file.path === "index.html")?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(verifySnapshot(out, key.publicKey)).toEqual({ files: report.files, problems: [] });
  });

  it("fails verification after one byte is changed, a file is added or the key differs", async () => {
    await exportStaticSite(options());
    const target = path.join(out, `news/${slugs[3]}.html`);
    const bytes = fs.readFileSync(target);
    bytes[100] = (bytes[100] ?? 0) ^ 1;
    fs.writeFileSync(target, bytes);
    fs.writeFileSync(path.join(out, "news/planted.html"), "<p>not ours</p>");
    const check = verifySnapshot(out, key.publicKey);
    expect(check.problems).toEqual([
      { kind: "sha256", path: `news/${slugs[3]}.html` },
      { kind: "extra", path: "news/planted.html" },
    ]);
    const other = signingKeyOf(
      "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n",
    );
    expect(verifySnapshot(out, other.publicKey).problems).toContainEqual({ kind: "bad_signature" });
    fs.appendFileSync(path.join(out, MANIFEST_FILE), " ");
    expect(verifySnapshot(out, key.publicKey).problems).toContainEqual({ kind: "bad_signature" });
  });

  it("rewrites only the files that changed on a second run, and removes what is gone", async () => {
    const first = await exportStaticSite(options());
    const firstManifest = new Map(readManifest(out)?.files.map((file) => [file.path, file.sha256]));
    const untouched = path.join(out, `news/${slugs[5]}.html`);
    const before = fs.statSync(untouched).mtimeMs;
    const again = await exportStaticSite(options());
    expect(again).toMatchObject({ files: first.files, written: 0, unchanged: first.files, removed: 0 });
    expect(fs.statSync(untouched).mtimeMs).toBe(before);

    const [renamed] = await t.database.db
      .selectFrom("articles")
      .select("id")
      .where("slug", "=", slugs[22] as string)
      .execute();
    await t.services.articles.update(renamed?.id as number, { title: "Story 22, corrected" });
    const [gone] = await t.database.db
      .selectFrom("articles")
      .select("id")
      .where("slug", "=", slugs[0] as string)
      .execute();
    await t.services.articles.archive(gone?.id as number);
    const third = await exportStaticSite(options());
    // Exactly the files whose bytes differ were written (the retitled story is in every "more news").
    const changed = (readManifest(out)?.files ?? []).filter((file) => firstManifest.get(file.path) !== file.sha256);
    expect(third.written).toBe(changed.length);
    expect(changed.map((file) => file.path)).toContain(`news/${slugs[22]}.html`);
    expect(third.unchanged).toBeGreaterThan(0);
    expect(third.removed).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(path.join(out, `news/${slugs[0]}.html`))).toBe(false);
    expect(read(`news/${slugs[22]}.html`)).toContain("Story 22, corrected");
    expect(verifySnapshot(out, key.publicKey).problems).toEqual([]);
    expect(checkSnapshotLinks(out, t.config.publicUrl).broken).toEqual([]);
  });

  it("copies one edition with --edition, linking the others to the live site", async () => {
    await exportStaticSite(options({ only: ["en"] }));
    expect(fs.existsSync(path.join(out, "en/index.html"))).toBe(true);
    expect(fs.existsSync(path.join(out, "index.html"))).toBe(false);
    expect(readManifest(out)?.editions).toEqual(["en"]);
    const live = (url: URL) => !url.pathname.startsWith("/en/");
    expect(checkSnapshotLinks(out, t.config.publicUrl, live).broken).toEqual([]);
  });

  it("leaves out articles changed before --since, linking them to the live site", async () => {
    const report = await exportStaticSite(options({ since: new Date(Date.now() + 86_400_000) }));
    expect(report.failed).toEqual([]);
    expect(fs.existsSync(path.join(out, `news/${slugs[0]}.html`))).toBe(false);
    expect(read("index.html")).toContain(`href="https://news.example/news/${slugs[22]}"`);
    const live = (url: URL) => /^\/(en\/)?news\/[^/]+$/.test(url.pathname);
    expect(checkSnapshotLinks(out, t.config.publicUrl, live).broken).toEqual([]);
  });
});
