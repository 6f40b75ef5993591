import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createPerson, createSection, createTag, paragraphs } from "../../test/factories.js";
import { createList } from "../../test/newsletter-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

describe.each(DIALECTS)("an edition on a host of its own on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      env: { EDITION_HOSTS: "en=english.example" },
      editions: ["uk", "en", "ru"],
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

  /**
   * Both editions get the same slugs, so every reader page has the same path on both hosts: the
   * host alone must pick the edition, and the page cache must keep the two apart.
   */
  async function sameSlugsInBothEditions(): Promise<void> {
    const editor = await t.signInAs("editor");
    const map = await t.app.inject({
      method: "POST",
      url: "/admin/api/maps",
      headers: editor.headers,
      payload: {
        slug: "bakhmut",
        texts: {
          en: { title: "Battle for Bakhmut", description: "" },
          uk: { title: "Битва за Бахмут", description: "" },
        },
        center: { lat: 48.59, lon: 38.0 },
        zoom: 10,
      },
    });
    expect(map.statusCode).toBe(201);
    await createList(t.services, { slug: "en-daily", edition: "en", name: "The Morning Briefing" });
    const desk = { staffId: null, tokenId: null, name: "Desk editor" };
    for (const [edition, text] of [
      ["en", "Shelling in Bakhmut"],
      ["uk", "Обстріл Бахмута"],
    ] as const) {
      const section = await createSection(t.database.db, edition, { slug: "front" });
      const tag = await createTag(t.database.db, edition, { slug: "grain" });
      const author = await createPerson(t.database.db, edition, { slug: "olena" });
      await createArticle(t.services.articles, {
        edition,
        slug: "story",
        title: text,
        body: paragraphs(`${text}.`),
        sectionId: section.id,
        tagIds: [tag.id],
        authorIds: [author.id],
      });
      const live = await createArticle(t.services.articles, { edition, slug: "live", title: text, kind: "live" });
      await t.services.live.addEntry(live.id, { headline: text, body: paragraphs(`${text}.`) }, desk);
    }
    await t.services.events.drain();
  }

  const PAGES = [
    "/",
    "/news/story",
    "/section/front",
    "/tag/grain",
    "/author/olena",
    "/corrections",
    "/maps/bakhmut",
    "/places/bakhmut",
    "/support",
    "/newsletters",
    "/search?q=Bakhmut",
  ];

  it("serves every reader page type of the host's edition, with canonicals on that host", async () => {
    await sameSlugsInBothEditions();
    for (const path of PAGES) {
      const en = await get(path, "english.example");
      expect(en.statusCode, `${path} on english.example`).toBe(200);
      expect(en.body, `${path} on english.example`).toContain('<html lang="en"');
      expect(en.body, `${path} on english.example`).toMatch(/<link rel="canonical" href="https:\/\/english\.example\//);
      const uk = await get(path, "news.example");
      expect(uk.statusCode, `${path} on news.example`).toBe(200);
      expect(uk.body, `${path} on news.example`).toContain('<html lang="uk"');
      expect(uk.body, `${path} on news.example`).toMatch(/<link rel="canonical" href="https:\/\/news\.example\//);
    }
    const enPoll = await get("/news/live/live.json", "english.example");
    expect(enPoll.statusCode).toBe(200);
    expect(enPoll.body).toContain("Shelling in Bakhmut");
    expect((await get("/news/live/live.json", "news.example")).body).toContain("Обстріл Бахмута");
  });

  it("never answers one host's request with the other host's cached page", async () => {
    await sameSlugsInBothEditions();
    for (const path of [...PAGES, "/news/live/live.json", "/maps/bakhmut/preview.svg", "/feed.xml"]) {
      const first = await get(path, "english.example");
      const second = await get(path, "news.example");
      expect(second.body, path).not.toBe(first.body);
      expect((await get(path, "english.example")).body, path).toBe(first.body);
      expect((await get(path, "news.example")).body, path).toBe(second.body);
    }
  });

  it("finds no edition segment under an edition's own host, on any reader page", async () => {
    await sameSlugsInBothEditions();
    for (const path of [
      "/ru/",
      "/ru/news/story",
      "/ru/corrections",
      "/ru/maps/bakhmut",
      "/ru/places/bakhmut",
      "/ru/support",
      "/ru/newsletters",
      "/ru/search?q=x",
      "/ru/feed.xml",
      "/ru",
    ]) {
      expect((await get(path, "english.example")).statusCode, path).toBe(404);
    }
  });
});
