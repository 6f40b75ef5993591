import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createPerson, createSection, createTag } from "../../test/factories.js";
import { parseXml, textOf, type XmlNode, type XmlValue } from "../../test/feed-readers.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import type { DB } from "../platform/db/schema.js";
import { renderSitemap } from "./sitemap.renderer.js";
import { NEWS_MAX_URLS, SITEMAP_MAX_URLS, SitemapsService } from "./sitemaps.service.js";

const HOUR = 3_600_000;
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

interface UrlEntry {
  loc: string;
  lastmod?: string;
  alternates: { hreflang: string; href: string }[];
  news?: XmlNode;
}

/** The URLs of a sitemap, read with fast-xml-parser. */
function urlsOf(xml: string): UrlEntry[] {
  const doc = parseXml(xml, ["url", "xhtml:link"]);
  const urlset = doc.urlset as XmlNode;
  expect(urlset["@_xmlns"]).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
  return ((urlset.url as XmlValue[] | undefined) ?? []).map((value) => {
    const url = value as XmlNode;
    const links = (url["xhtml:link"] as XmlNode[] | undefined) ?? [];
    return {
      loc: textOf(url.loc) ?? "",
      lastmod: textOf(url.lastmod),
      alternates: links.map((link) => {
        expect(link["@_rel"]).toBe("alternate");
        return { hreflang: String(link["@_hreflang"]), href: String(link["@_href"]) };
      }),
      news: url["news:news"] as XmlNode | undefined,
    };
  });
}

function sitemapsOf(xml: string): { loc: string; lastmod?: string }[] {
  const index = parseXml(xml, ["sitemap"]).sitemapindex as XmlNode;
  expect(index["@_xmlns"]).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
  return (index.sitemap as XmlNode[]).map((s) => ({ loc: textOf(s.loc) ?? "", lastmod: textOf(s.lastmod) }));
}

/** Published articles inserted in bulk, for the limits (the service path would take minutes). */
async function insertPublished(db: Kysely<DB>, edition: string, count: number, publishedAt: (i: number) => Date) {
  const rows = Array.from({ length: count }, (_, i) => {
    const at = publishedAt(i).toISOString();
    return {
      edition_code: edition,
      slug: `bulk-${i}`,
      status: "published" as const,
      title: `Bulk ${i}`,
      body: JSON.stringify({ type: "doc", content: [] }),
      published_at: at,
      created_at: at,
      updated_at: at,
      is_breaking: 0,
      is_featured: 0,
    };
  });
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto("articles")
      .values(rows.slice(i, i + 200))
      .execute();
}

describe.each(DIALECTS)("sitemaps on %s", (dialect) => {
  let t: TestApp;
  let now = new Date("2026-03-21T12:00:00Z");
  beforeEach(async () => {
    now = new Date("2026-03-21T12:00:00Z");
    t = await startTestApp(dialect, {
      now: () => now,
      editions: ["uk", "ru", "en"],
    });
  });
  afterEach(async () => t.close());

  it("indexes the article sitemaps of each month, the sections/tags/authors sitemap and the news sitemaps", async () => {
    await createArticle(t.services.articles, { edition: "en" }, { publishAt: new Date("2026-02-10T10:00:00Z") });
    await createArticle(t.services.articles, { edition: "uk" }, { publishAt: new Date("2026-03-01T00:00:00Z") });
    await createArticle(t.services.articles, { edition: "en" }, { publish: false });
    const response = await t.app.inject({ url: "/sitemap.xml" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/xml; charset=utf-8");
    const maps = sitemapsOf(response.body);
    expect(maps.map((m) => m.loc)).toEqual([
      "https://news.example/sitemaps/taxonomy.xml",
      "https://news.example/sitemaps/articles-2026-02.xml",
      "https://news.example/sitemaps/articles-2026-03.xml",
      "https://news.example/news-sitemap.xml",
      "https://news.example/ru/news-sitemap.xml",
      "https://news.example/en/news-sitemap.xml",
    ]);
    for (const map of maps.filter((m) => m.lastmod)) expect(map.lastmod).toMatch(W3C_DATETIME);
    for (const map of maps) {
      const path = new URL(map.loc).pathname;
      expect((await t.app.inject({ url: path })).statusCode, path).toBe(200);
    }
  });

  it("lists a month's published articles of every edition, with lastmod, and nothing else", async () => {
    const march = await createArticle(
      t.services.articles,
      { edition: "en" },
      { publishAt: new Date("2026-03-05T08:00:00Z") },
    );
    const marchUk = await createArticle(
      t.services.articles,
      { edition: "uk" },
      { publishAt: new Date("2026-03-20T23:59:00Z") },
    );
    await createArticle(t.services.articles, { edition: "en" }, { publishAt: new Date("2026-02-28T23:59:00Z") });
    // Scheduled for later: not in any sitemap yet.
    await createArticle(t.services.articles, { edition: "en" }, { publishAt: new Date("2026-04-01T00:00:00Z") });
    const response = await t.app.inject({ url: "/sitemaps/articles-2026-03.xml" });
    expect(response.statusCode).toBe(200);
    const entries = urlsOf(response.body);
    expect(entries.map((e) => e.loc)).toEqual([
      `https://news.example/en/news/${march.slug}`,
      `https://news.example/news/${marchUk.slug}`,
    ]);
    for (const entry of entries) {
      expect(entry.lastmod).toMatch(W3C_DATETIME);
      expect(entry.alternates).toEqual([]);
    }
    for (const url of ["/sitemaps/articles-2026-05.xml", "/sitemaps/articles-2026-13.xml", "/sitemaps/other.xml"]) {
      expect((await t.app.inject({ url })).statusCode, url).toBe(404);
    }
  });

  it("names every published translation as an xhtml:link alternate, reciprocally, with x-default", async () => {
    const at = { publishAt: new Date("2026-03-10T09:00:00Z") };
    const uk = await createArticle(t.services.articles, { edition: "uk", translationGroup: "story-1" }, at);
    const ru = await createArticle(t.services.articles, { edition: "ru", translationGroup: "story-1" }, at);
    const en = await createArticle(t.services.articles, { edition: "en", translationGroup: "story-1" }, at);
    await createArticle(t.services.articles, { edition: "en", translationGroup: "story-1-draft" }, { publish: false });
    const entries = urlsOf((await t.app.inject({ url: "/sitemaps/articles-2026-03.xml" })).body);
    const expected = [
      { hreflang: "uk", href: `https://news.example/news/${uk.slug}` },
      { hreflang: "ru", href: `https://news.example/ru/news/${ru.slug}` },
      { hreflang: "en", href: `https://news.example/en/news/${en.slug}` },
    ];
    expect(entries).toHaveLength(3);
    for (const entry of entries) {
      const sorted = entry.alternates.filter((a) => a.hreflang !== "x-default");
      expect(new Set(sorted.map((a) => JSON.stringify(a)))).toEqual(new Set(expected.map((a) => JSON.stringify(a))));
      // Each URL lists itself among its alternates.
      expect(sorted.map((a) => a.href)).toContain(entry.loc);
      expect(entry.alternates.find((a) => a.hreflang === "x-default")?.href).toBe(
        `https://news.example/news/${uk.slug}`,
      );
    }
    // A withdrawn translation leaves the other URLs' alternates at once (the sitemap is purged).
    await t.services.articles.unpublish(ru.id);
    const after = urlsOf((await t.app.inject({ url: "/sitemaps/articles-2026-03.xml" })).body);
    expect(after).toHaveLength(2);
    for (const entry of after)
      expect(entry.alternates.map((a) => a.hreflang)).toEqual(expect.arrayContaining(["uk", "en", "x-default"]));
    expect(after[0]?.alternates).toHaveLength(3);
  });

  it("splits a month into files of at most the protocol's 50,000 URLs", async () => {
    expect(SITEMAP_MAX_URLS).toBe(50_000);
    for (let i = 0; i < 5; i++) {
      await createArticle(
        t.services.articles,
        { edition: "en", title: `March ${i}` },
        {
          publishAt: new Date(Date.UTC(2026, 2, 1 + i)),
        },
      );
    }
    // The same service with two URLs a file stands in for 50,000.
    const small = new SitemapsService(
      t.services.editions,
      t.services.articleQueries,
      t.services.taxonomy,
      t.services.settings,
      {
        publicUrl: "https://news.example",
        pageSize: 2,
      },
    );
    const index = sitemapsOf(renderSitemap(await small.index()));
    expect(index.map((m) => new URL(m.loc).pathname).filter((p) => p.includes("articles"))).toEqual([
      "/sitemaps/articles-2026-03.xml",
      "/sitemaps/articles-2026-03-2.xml",
      "/sitemaps/articles-2026-03-3.xml",
    ]);
    const pages = await Promise.all([1, 2, 3].map(async (page) => (await small.articleMonth("2026-03", page))!));
    const seen = pages.flatMap((page) => urlsOf(renderSitemap(page)).map((e) => e.loc));
    expect(pages.map((page) => page.entries.length)).toEqual([2, 2, 1]);
    expect(new Set(seen).size).toBe(5);
    expect(await small.articleMonth("2026-03", 4)).toBeUndefined();
    expect((await t.app.inject({ url: "/sitemaps/articles-2026-03-2.xml" })).statusCode).toBe(404);
  });

  it("gives Google News only the edition's articles of the last 48 hours, newest first", async () => {
    const make = (edition: string, title: string, hoursAgo: number) =>
      createArticle(t.services.articles, { edition, title }, { publishAt: new Date(now.getTime() - hoursAgo * HOUR) });
    const fresh = await make("en", `Fresh <b>&</b> "news"`, 1);
    const older = await make("en", "Two days old, nearly", 47.9);
    await make("en", "Too old", 48.1);
    await make("uk", "Інша версія", 1);
    await createArticle(t.services.articles, { edition: "en", title: "Draft" }, { publish: false });
    const response = await t.app.inject({ url: "/en/news-sitemap.xml" });
    expect(response.statusCode).toBe(200);
    const doc = parseXml(response.body, ["url"]);
    expect((doc.urlset as XmlNode)["@_xmlns:news"]).toBe("http://www.google.com/schemas/sitemap-news/0.9");
    const entries = urlsOf(response.body);
    expect(entries.map((e) => e.loc)).toEqual([
      `https://news.example/en/news/${fresh.slug}`,
      `https://news.example/en/news/${older.slug}`,
    ]);
    const news = entries[0]!.news!;
    const publication = news["news:publication"] as XmlNode;
    expect(textOf(publication["news:name"])).toBe("Gazette");
    expect(textOf(publication["news:language"])).toBe("en");
    expect(textOf(news["news:title"])).toBe(`Fresh <b>&</b> "news"`);
    // Kyiv time, with its offset written out.
    expect(textOf(news["news:publication_date"])).toBe("2026-03-21T13:00:00+02:00");

    // When the window moves on, the cached sitemap expires with it.
    now = new Date(now.getTime() + 2 * HOUR);
    const later = urlsOf((await t.app.inject({ url: "/en/news-sitemap.xml" })).body);
    expect(later.map((e) => e.loc)).toEqual([`https://news.example/en/news/${fresh.slug}`]);
  });

  it("holds at most 1,000 news articles", async () => {
    await insertPublished(t.database.db, "en", NEWS_MAX_URLS + 5, (i) => new Date(now.getTime() - (i + 1) * 60_000));
    const entries = urlsOf((await t.app.inject({ url: "/en/news-sitemap.xml" })).body);
    expect(entries).toHaveLength(1000);
    expect(entries[0]?.loc).toBe("https://news.example/en/news/bulk-0");
  });

  it("lists the editions' front pages and the sections, tags and authors that have published articles", async () => {
    const { db } = t.database;
    const section = await createSection(db, "en", { slug: "war" });
    await createSection(db, "en", { slug: "empty-section" });
    const tag = await createTag(db, "ru", { slug: "drony" });
    const person = await createPerson(db, "uk", { slug: "taras" });
    await createArticle(t.services.articles, { edition: "en", sectionId: section.id });
    await createArticle(t.services.articles, { edition: "ru", tagIds: [tag.id] });
    await createArticle(t.services.articles, { edition: "uk", authorIds: [person.id] });
    const entries = urlsOf((await t.app.inject({ url: "/sitemaps/taxonomy.xml" })).body);
    expect(entries.map((e) => e.loc)).toEqual([
      "https://news.example/",
      "https://news.example/ru/",
      "https://news.example/en/",
      "https://news.example/en/section/war",
      "https://news.example/ru/tag/drony",
      "https://news.example/author/taras",
    ]);
    expect(entries[1]?.alternates).toEqual([
      { hreflang: "uk", href: "https://news.example/" },
      { hreflang: "ru", href: "https://news.example/ru/" },
      { hreflang: "en", href: "https://news.example/en/" },
      { hreflang: "x-default", href: "https://news.example/" },
    ]);
    expect(entries[3]?.lastmod).toMatch(W3C_DATETIME);
  });

  it("names the sitemaps in robots.txt and keeps crawlers out of the newsroom", async () => {
    const response = await t.app.inject({ url: "/robots.txt" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/plain; charset=utf-8");
    const lines = response.body.split("\n");
    expect(lines).toContain("User-agent: *");
    expect(lines).toContain("Disallow: /admin");
    expect(lines.filter((line) => line.startsWith("Sitemap: "))).toEqual([
      "Sitemap: https://news.example/sitemap.xml",
      "Sitemap: https://news.example/news-sitemap.xml",
      "Sitemap: https://news.example/ru/news-sitemap.xml",
      "Sitemap: https://news.example/en/news-sitemap.xml",
    ]);
  });

  it("is cached and purged by publishing", async () => {
    await createArticle(t.services.articles, { edition: "en" }, { publishAt: new Date("2026-03-10T09:00:00Z") });
    await t.app.inject({ url: "/sitemaps/articles-2026-03.xml" });
    expect((await t.app.inject({ url: "/sitemaps/articles-2026-03.xml" })).headers["x-cache"]).toBe("HIT");
    await createArticle(t.services.articles, { edition: "uk" }, { publishAt: new Date("2026-03-11T09:00:00Z") });
    const after = await t.app.inject({ url: "/sitemaps/articles-2026-03.xml" });
    expect(after.headers["x-cache"]).toBe("MISS");
    expect(urlsOf(after.body)).toHaveLength(2);
  });
});
