import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createMedia, createSection, createTag } from "../../test/factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

const ONION = `${"gazette".padEnd(56, "a").replace(/[^a-z2-7]/g, "a")}.onion`;
const PRIMARY = "https://news.example";

/**
 * Every address a page hands a browser or a feed reader to follow: attributes that take a URL,
 * meta contents, feed links and ids, JSON fields, share-link parameters. The parts that must name
 * the original host (canonical, hreflang alternates, JSON-LD) are cut out first.
 */
function followedAddresses(body: string): string[] {
  const followed = body
    .replace(/<link\b[^>]*\brel="canonical"[^>]*>/g, "")
    .replace(/<link\b[^>]*\bhreflang="[^"]*"[^>]*>/g, "")
    .replace(/<script\b[^>]*type="application\/ld\+json"[^>]*>[\s\S]*?<\/script>/g, "");
  const found: string[] = [];
  const patterns = [
    /\b(?:href|src|action|content|poster|data-[a-z-]+)="([^"]*)"/g,
    /\bsrcset="([^"]*)"/g,
    /<(?:link|id|guid|url|loc|icon|logo)>([^<]*)</g,
    /"(?:url|id|home_page_url|feed_url|image|external_url|icon|favicon)":\s*"([^"]*)"/g,
  ];
  for (const pattern of patterns) for (const match of followed.matchAll(pattern)) found.push(match[1] ?? "");
  return found.flatMap((value) => [value, decodeURIComponent(value.replace(/&amp;/g, "&"))]);
}

/** An address on the site's own host (an Atom entry's `tag:news.example,…` id names no place to go). */
const namesPrimary = (value: string) => /\/\/news\.example\b/.test(value);

describe.each(DIALECTS)("pages on a mirror and on the onion address on %s", (dialect) => {
  let t: TestApp;
  let sectionSlug: string;
  let slug: string;
  let ruSlug: string;

  beforeEach(async () => {
    t = await startTestApp(dialect, {
      env: { MIRROR_HOSTS: "mirror.example=all,ru-mirror.example=ru", ONION_HOST: ONION },
      editions: ["uk", "ru", "en"],
    });
    const { db } = t.database;
    const section = await createSection(db, "uk", { slug: "frontline" });
    const tag = await createTag(db, "uk");
    const photo = await createMedia(db);
    sectionSlug = section.slug;
    const uk = await createArticle(t.services.articles, {
      edition: "uk",
      title: "Оборона міста",
      sectionId: section.id,
      tagIds: [tag.id],
      leadMediaId: photo.id,
      translationGroup: "defence",
    });
    const ru = await createArticle(t.services.articles, {
      edition: "ru",
      title: "Оборона города",
      translationGroup: "defence",
    });
    slug = uk.slug;
    ruSlug = ru.slug;
  });
  afterEach(async () => t.close());

  const get = (url: string, host: string) => t.app.inject({ url, headers: { host } });
  const pages = () => [
    "/",
    `/news/${slug}`,
    `/section/${sectionSlug}`,
    "/feed.xml",
    "/atom.xml",
    "/feed.json",
    `/ru/news/${ruSlug}`,
  ];

  it("points every link of an article, home, section and feed at the mirror, but keeps canonical, hreflang and JSON-LD", async () => {
    for (const url of pages()) {
      const response = await get(url, "mirror.example");
      expect(response.statusCode, url).toBe(200);
      const leaks = followedAddresses(response.body).filter(namesPrimary);
      expect(leaks, url).toEqual([]);
      expect(response.body, url).toContain("mirror.example");
    }
    const article = (await get(`/news/${slug}`, "mirror.example")).body;
    expect(article).toContain(`<link rel="canonical" href="${PRIMARY}/news/${slug}"/>`);
    expect(article).toMatch(new RegExp(`<link [^>]*href="${PRIMARY}/ru/news/${ruSlug}"[^>]*hreflang="ru"`));
    expect(article).toMatch(/"url":"https:\/\/news\.example\/news\//);
    expect(article).toContain(`content="https://mirror.example/news/${slug}"`);
  });

  it("serves the onion address like a mirror, over plain http, with no https links to the clearnet", async () => {
    for (const url of pages()) {
      const response = await get(url, ONION);
      expect(response.statusCode, url).toBe(200);
      const addresses = followedAddresses(response.body);
      expect(addresses.filter(namesPrimary), url).toEqual([]);
      expect(response.body, url).toContain(`http://${ONION}/`);
      expect(response.headers["onion-location"], url).toBeUndefined();
      expect(response.headers["strict-transport-security"], url).toBeUndefined();
    }
    const home = (await get("/", ONION)).body;
    const assets = [...home.matchAll(/<(?:link|script|img|source)\b[^>]*\b(?:href|src|srcset)="([^"]*)"/g)]
      .filter((match) => !/rel="(canonical|alternate)"/.test(match[0]))
      .map((match) => match[1]);
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.filter((url) => url?.startsWith("https://"))).toEqual([]);
  });

  it("announces the onion address on the clearnet site's HTML pages only", async () => {
    const page = await get(`/news/${slug}?ref=x`, "news.example");
    expect(page.headers["onion-location"]).toBe(`http://${ONION}/news/${slug}?ref=x`);
    expect(page.headers["strict-transport-security"]).toBe("max-age=31536000");
    expect((await get("/feed.xml", "news.example")).headers["onion-location"]).toBeUndefined();
    expect((await get("/mirrors.json", "news.example")).headers["onion-location"]).toBeUndefined();
    expect((await get("/", "mirror.example")).headers["onion-location"]).toBeUndefined();
  });

  it("renders a page once for every host, and serves each host its own copy from the cache", async () => {
    const url = `/news/${slug}`;
    const onMirror = await get(url, "mirror.example");
    expect(onMirror.headers["x-cache"]).toBe("MISS");
    const onPrimary = await get(url, "news.example");
    expect(onPrimary.headers["x-cache"]).toBe("HIT");
    expect(followedAddresses(onPrimary.body).some((value) => value.startsWith(`${PRIMARY}/`))).toBe(true);
    expect(onPrimary.body).not.toContain("mirror.example");
    const again = await get(url, "mirror.example");
    expect(again.headers["x-cache"]).toBe("HIT");
    expect(again.body).toBe(onMirror.body);
    expect(followedAddresses(again.body).filter(namesPrimary)).toEqual([]);
    expect((await get(url, ONION)).body).not.toContain("mirror.example");
  });

  it("gives each host's copy its own ETag, so a 304 never stands for another host's page", async () => {
    const url = `/news/${slug}`;
    const primary = await get(url, "news.example");
    const mirror = await get(url, "mirror.example");
    expect(mirror.headers.etag).not.toBe(primary.headers.etag);
    const revalidate = (host: string, etag: string) => t.app.inject({ url, headers: { host, "if-none-match": etag } });
    expect((await revalidate("mirror.example", String(mirror.headers.etag))).statusCode).toBe(304);
    expect((await revalidate("mirror.example", String(primary.headers.etag))).statusCode).toBe(200);
    expect((await revalidate("news.example", String(mirror.headers.etag))).statusCode).toBe(200);
    expect(mirror.headers["surrogate-key"]).toBe(primary.headers["surrogate-key"]);
  });

  it("sends the reader who opens a mirror of one edition to that edition's front page", async () => {
    const door = await get("/", "ru-mirror.example");
    expect(door.statusCode).toBe(302);
    expect(door.headers.location).toBe("/ru/");
    const front = await get("/ru/", "ru-mirror.example");
    expect(front.statusCode).toBe(200);
    expect(front.body).toContain(`href="/ru/news/${ruSlug}"`);
    expect(followedAddresses(front.body).filter(namesPrimary)).toEqual([]);
  });

  it("points the pages answered outside the page cache at the mirror too", async () => {
    const missing = await get("/news/no-such-story", "mirror.example");
    expect(missing.statusCode).toBe(404);
    expect(followedAddresses(missing.body).filter(namesPrimary)).toEqual([]);
    const search = await get("/search?q=%D0%BC%D1%96%D1%81%D1%82%D0%B0", "mirror.example");
    expect(search.statusCode).toBe(200);
    expect(followedAddresses(search.body).filter(namesPrimary)).toEqual([]);
    // A form's answer is sent to one reader, never cached: the last hook before the wire rewrites it.
    const newsletters = await get("/newsletters", "mirror.example");
    expect(newsletters.statusCode).toBe(200);
    expect(newsletters.headers["cache-control"]).toBe("no-store");
    expect(newsletters.body).toContain("https://mirror.example/");
    expect(followedAddresses(newsletters.body).filter(namesPrimary)).toEqual([]);
  });

  it("leaves sitemaps and robots.txt naming the site's own host", async () => {
    const robots = await get("/robots.txt", "mirror.example");
    expect(robots.body).toContain(`${PRIMARY}/sitemap.xml`);
    const index = await get("/sitemap.xml", "mirror.example");
    expect(index.body).toContain(`<loc>${PRIMARY}/`);
    expect(index.body).not.toContain("mirror.example");
  });
});
