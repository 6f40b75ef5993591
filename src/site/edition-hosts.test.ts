import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createEdition } from "../../test/factories.js";
import { createTestApp, DIALECTS, type TestApp } from "../../test/harness.js";

describe.each(DIALECTS)("an edition on a host of its own on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect, {
      env: { EDITION_HOSTS: "en=english.example" },
      prepare: async ({ db }) => {
        await createEdition(db, { code: "uk" });
        await createEdition(db, { code: "en", position: 1 });
      },
    });
  });
  afterEach(async () => t.close());

  const get = (url: string, host: string) => t.app.inject({ url, headers: { host } });

  it("serves the edition at / of its host, and the root edition at / of the site's host", async () => {
    const en = await createArticle(t.services.articles, { edition: "en", title: "Grain corridor" });
    const uk = await createArticle(t.services.articles, { edition: "uk", title: "Зерновий коридор" });
    const enHome = await get("/", "english.example");
    const ukHome = await get("/", "news.example");
    expect(enHome.body).toContain('<html lang="en"');
    expect(enHome.body).toContain(`href="/news/${en.slug}"`);
    expect(ukHome.body).toContain('<html lang="uk"');
    expect(ukHome.body).toContain(`href="/news/${uk.slug}"`);
    expect((await get(`/news/${en.slug}`, "english.example")).statusCode).toBe(200);
    // Its old path on the site's host is no longer an edition.
    expect((await get(`/en/news/${en.slug}`, "news.example")).statusCode).toBe(404);
  });

  it("builds the edition's canonical, feed, hreflang and sitemap URLs on its host", async () => {
    const uk = await createArticle(t.services.articles, { edition: "uk", title: "Оригінал", translationGroup: "g" });
    const en = await createArticle(t.services.articles, { edition: "en", title: "Original", translationGroup: "g" });
    const page = (await get(`/news/${en.slug}`, "english.example")).body;
    expect(page).toContain(`<link rel="canonical" href="https://english.example/news/${en.slug}"/>`);
    expect(page).toContain('href="https://english.example/feed.xml"');
    expect(page).toContain(`href="https://news.example/news/${uk.slug}" hreflang="uk"`);
    expect(page).toContain(`href="https://english.example/news/${en.slug}" hreflang="en"`);
    // The language switcher crosses hosts with absolute links.
    expect(page).toMatch(new RegExp(`<a href="https://news.example/news/${uk.slug}"[^>]*hreflang="uk"`));
    const ukPage = (await get(`/news/${uk.slug}`, "news.example")).body;
    expect(ukPage).toMatch(new RegExp(`<a href="https://english.example/news/${en.slug}"[^>]*hreflang="en"`));
    const feed = (await get("/feed.xml", "english.example")).body;
    expect(feed).toContain(`<link>https://english.example/news/${en.slug}</link>`);
    const month = en.published_at?.slice(0, 7);
    const sitemap = (await get(`/sitemaps/articles-${month}.xml`, "news.example")).body;
    expect(sitemap).toContain(`<loc>https://english.example/news/${en.slug}</loc>`);
  });

  it("keeps the page caches of the two hosts apart", async () => {
    await createArticle(t.services.articles, { edition: "en", title: "Grain corridor" });
    const first = await get("/", "english.example");
    const second = await get("/", "news.example");
    expect(first.body).not.toBe(second.body);
    expect((await get("/", "english.example")).headers["x-cache"]).toBe("HIT");
  });
});
