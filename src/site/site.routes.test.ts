import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createMedia, createPerson, createSection, createTag } from "../../test/factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import type { BodyDocument } from "../newsroom/body.types.js";
import { demoEditionSettings } from "../newsroom/demo/demo-settings.js";
import { seedDemoWaysToGive } from "../revenue/demo-revenue.seed.js";
import { encodeCursor } from "./feed-cursor.js";

const p = (text: string) => ({ type: "paragraph" as const, content: [{ type: "text" as const, text }] });

const fullBody: BodyDocument = {
  type: "doc",
  content: [
    p("Paragraph one."),
    p("Paragraph two."),
    { type: "blockquote", attrs: { citation: "The monitor" }, content: [p("A quoted line.")] },
    p("Paragraph three."),
    p("Paragraph four."),
    { type: "takeaways", attrs: { title: "Other key takeaways", items: ["First", "Second"] } },
  ],
};

function nextLink(html: string): string | undefined {
  return html.match(/<a class="button" rel="next"[^>]*href="([^"]+)"/)?.[1]?.replace(/&amp;/g, "&");
}

describe.each(DIALECTS)("reader site on %s", (dialect) => {
  let t: TestApp;
  let queries = 0;
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      onQuery: () => void queries++,
      editions: ["uk", "en"],
    });
  });
  afterEach(async () => t.close());

  async function fullArticle() {
    const { db } = t.database;
    const section = await createSection(db, "en", { slug: "analysis", name: "Analysis" });
    const tag = await createTag(db, "en", { slug: "bakhmut", name: "Bakhmut" });
    const person = await createPerson(db, "en", { slug: "mariia-lysenko", name: "Mariia Lysenko" });
    const media = await db
      .insertInto("media")
      .values({
        file_key: "lead0001",
        mime: "image/jpeg",
        width: 1600,
        height: 900,
        alt: "Smoke over a town",
        caption: "Smoke over the town, March.",
        credit: "Photo: Demo Agency",
        created_at: new Date().toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await t.services.settings.saveEditionSettings("en", demoEditionSettings("en"));
    // Without Stripe, the support card shows only when the edition has another way to give.
    await seedDemoWaysToGive(t.services.revenue.settings, t.services.editions.list());
    return createArticle(
      t.services.articles,
      {
        edition: "en",
        title: "Fighting on the flanks of Bakhmut",
        dek: "A day of assessments.",
        sectionId: section.id,
        tagIds: [tag.id],
        authorIds: [person.id],
        leadMediaId: media.id,
        sourceAttribution: "Based on the daily assessment of the Dnipro Conflict Monitor",
        body: fullBody,
      },
      { publishAt: new Date("2026-03-21T17:30:00Z") },
    );
  }

  it("serves the article page with every part in reading order", async () => {
    for (let i = 0; i < 10; i++) await createArticle(t.services.articles, { edition: "en", title: `Other ${i}` });
    const article = await fullArticle();
    const response = await t.app.inject({ url: `/en/news/${article.slug}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/html");
    const html = response.body;
    expect(html.startsWith('<!doctype html><html lang="en"')).toBe(true);
    const order = [
      '<h1 class="article__title">Fighting on the flanks of Bakhmut</h1>',
      '<time datetime="2026-03-21T17:30:00.000Z">21 March, 07:30 PM</time>',
      '<figcaption>Smoke over the town, March.<span class="credit"> Photo: Demo Agency</span></figcaption>',
      'rel="author" href="/en/author/mariia-lysenko"',
      "Paragraph three.",
      'data-slot="video-of-the-day"',
      "Paragraph four.",
      "Dnipro Conflict Monitor",
      'data-block="takeaways"',
      // The English newsletter takes the first newsletter slot on an English page.
      'data-list="en-daily"',
      'data-promo="map"',
      'data-promo="support"',
      'data-promo="follow"',
      'data-list="ru-digest"',
      'rel="next"',
    ];
    let last = -1;
    for (const part of order) {
      const at = html.indexOf(part, last + 1);
      expect(at, `missing or out of order: ${part}`).toBeGreaterThan(last);
      last = at;
    }
    expect(html).toContain('srcset="/media/lead0001/320.webp 320w');
    expect(html).toContain('lang="ru"');
    expect(html).toContain("С понедельника по пятницу");
  });

  it("answers 404 in the edition's language for an unpublished article", async () => {
    const draft = await createArticle(t.services.articles, { edition: "uk" }, { publish: false });
    const response = await t.app.inject({ url: `/news/${draft.slug}` });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('<html lang="uk"');
    expect(response.body).toContain("Сторінку не знайдено");
  });

  it.each(["/en/section/nope", "/en/tag/nope", "/en/author/nope", "/en/news/nope", "/xx/news/a", "/en/no/such/page"])(
    "answers 404 for %s",
    async (url) => {
      const response = await t.app.inject({ url });
      expect(response.statusCode).toBe(404);
    },
  );

  it("redirects an edition without its trailing slash", async () => {
    const response = await t.app.inject({ url: "/en" });
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe("/en/");
  });

  it("pages the home feed to the start of the archive by following 'Show more news'", async () => {
    const ids = new Set<number>();
    for (let i = 0; i < 45; i++) {
      const a = await createArticle(
        t.services.articles,
        { edition: "en", title: `Item ${i}` },
        { publishAt: new Date(Date.UTC(2026, 0, 1, i)) },
      );
      ids.add(a.id);
    }
    const seen: string[] = [];
    let url: string | undefined = "/en/";
    let pages = 0;
    while (url && pages < 10) {
      const response = await t.app.inject({ url });
      expect(response.statusCode).toBe(200);
      seen.push(
        ...[...response.body.matchAll(/<h[23] class="card__title"><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]!),
      );
      url = nextLink(response.body);
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(45);
    expect(seen[0]).toBe("Item 44");
    expect(seen.at(-1)).toBe("Item 0");
  });

  it("answers 400 with an explanation for a cursor of another list, never 500", async () => {
    const section = await createSection(t.database.db, "en");
    const foreign = encodeCursor(`section:${section.id}`, { publishedAt: "2026-01-01T00:00:00.000Z", id: 5 });
    for (const after of [foreign, "%%%", "a".repeat(300), "x".repeat(1000)]) {
      const response = await t.app.inject({ url: `/en/?after=${encodeURIComponent(after)}` });
      expect(response.statusCode, after.slice(0, 20)).toBe(400);
      expect(response.headers["content-type"]).toContain("text/html");
      expect(response.body).toContain("This page link is not valid");
    }
  });

  it("lists a section, a tag and an author", async () => {
    const { db } = t.database;
    const section = await createSection(db, "en", { slug: "war", name: "War" });
    const tag = await createTag(db, "en", { slug: "drones", name: "Drones" });
    const person = await createPerson(db, "en", {
      slug: "taras",
      name: "Taras Hnatiuk",
      role: "Military correspondent",
    });
    await createArticle(t.services.articles, {
      edition: "en",
      title: "Tagged story",
      sectionId: section.id,
      tagIds: [tag.id],
      authorIds: [person.id],
    });
    for (const [url, heading] of [
      ["/en/section/war", "War"],
      ["/en/tag/drones", "Drones"],
      ["/en/author/taras", "Taras Hnatiuk"],
    ] as const) {
      const response = await t.app.inject({ url });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain(`<h1>${heading}</h1>`);
      expect(response.body).toContain("Tagged story");
    }
  });

  it("serves a repeat request from the cache with ETag, Surrogate-Key and Cache-Control", async () => {
    const article = await createArticle(t.services.articles, { edition: "en" });
    const first = await t.app.inject({ url: `/en/news/${article.slug}` });
    expect(first.headers["x-cache"]).toBe("MISS");
    expect(first.headers["surrogate-key"]).toContain(`article:${article.id}`);
    expect(first.headers["cache-control"]).toMatch(/max-age=\d+, stale-while-revalidate=\d+, stale-if-error=\d+/);
    const second = await t.app.inject({ url: `/en/news/${article.slug}` });
    expect(second.headers["x-cache"]).toBe("HIT");
    expect(second.headers.etag).toBe(first.headers.etag);
    const conditional = await t.app.inject({
      url: `/en/news/${article.slug}`,
      headers: { "if-none-match": String(first.headers.etag) },
    });
    expect(conditional.statusCode).toBe(304);
    expect(conditional.body).toBe("");
  });

  it("serves a cache hit without running any SQL", async () => {
    const article = await createArticle(t.services.articles, { edition: "en" });
    for (const url of [`/en/news/${article.slug}`, "/en/"]) {
      await t.app.inject({ url });
      const before = queries;
      const hit = await t.app.inject({ url });
      expect(hit.headers["x-cache"]).toBe("HIT");
      expect(queries - before).toBe(0);
    }
  });

  it("shows a change on the next request and keeps unrelated pages cached", async () => {
    const a = await createArticle(t.services.articles, { edition: "en", title: "Original headline" });
    const other = await createArticle(t.services.articles, { edition: "uk", title: "Інша новина" });
    await t.app.inject({ url: `/en/news/${a.slug}` });
    await t.app.inject({ url: "/en/" });
    await t.app.inject({ url: `/news/${other.slug}` });
    await t.services.articles.update(a.id, { title: "Corrected headline" });
    const page = await t.app.inject({ url: `/en/news/${a.slug}` });
    expect(page.headers["x-cache"]).toBe("MISS");
    expect(page.body).toContain("Corrected headline");
    expect((await t.app.inject({ url: "/en/" })).body).toContain("Corrected headline");
    expect((await t.app.inject({ url: `/news/${other.slug}` })).headers["x-cache"]).toBe("HIT");
  });

  it("shows an image's new caption, credit and alt text on the pages that show it once the library entry is edited", async () => {
    const { db } = t.database;
    const lead = await createMedia(db, { alt: "Old lead alt", caption: "Old lead caption.", credit: "Old credit" });
    const inBody = await createMedia(db, { alt: "Old body alt", caption: "Old body caption." });
    const article = await createArticle(t.services.articles, {
      edition: "en",
      title: "A story with pictures",
      leadMediaId: lead.id,
      body: { type: "doc", content: [p("Before the picture."), { type: "image", attrs: { mediaId: inBody.id } }] },
    });
    const pages = [`/en/news/${article.slug}`, "/en/feed.xml"];
    for (const url of pages) await t.app.inject({ url });
    const editor = await t.bearer("editor");
    const edit = (id: number, payload: Record<string, string>) =>
      t.app.inject({ method: "PATCH", url: `/admin/api/media/${id}`, headers: editor, payload });
    const leadEdit = await edit(lead.id, { alt: "New lead alt", caption: "New lead caption.", credit: "New credit" });
    expect(leadEdit.statusCode).toBe(200);
    expect((await edit(inBody.id, { caption: "New body caption." })).statusCode).toBe(200);
    for (const url of pages) {
      const body = (await t.app.inject({ url })).body;
      expect(body).toContain("New lead alt");
      expect(body).toContain("New body caption.");
      expect(body).not.toContain("Old lead alt");
      expect(body).not.toContain("Old body caption.");
    }
    const page = (await t.app.inject({ url: pages[0] })).body;
    expect(page).toContain("New lead caption.");
    expect(page).toContain("New credit");
  });

  it("serves an article asked for before it was published as soon as it is published", async () => {
    const draft = await createArticle(t.services.articles, { edition: "en", title: "Embargoed" }, { publish: false });
    expect((await t.app.inject({ url: `/en/news/${draft.slug}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/en/news/${draft.slug}` })).headers["x-cache"]).toBe("HIT");
    await t.services.articles.publish(draft.id);
    const page = await t.app.inject({ url: `/en/news/${draft.slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Embargoed");
  });

  it("takes an unpublished article off its page and the home page at once", async () => {
    const a = await createArticle(t.services.articles, { edition: "en", title: "Soon withdrawn" });
    expect((await t.app.inject({ url: "/en/" })).body).toContain("Soon withdrawn");
    await t.services.articles.unpublish(a.id);
    expect((await t.app.inject({ url: `/en/news/${a.slug}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: "/en/" })).body).not.toContain("Soon withdrawn");
  });

  it("keeps an unpublished article off its page for readers who arrive while it renders again", async () => {
    const a = await createArticle(t.services.articles, { edition: "en", title: "Pulled story" });
    expect((await t.app.inject({ url: `/en/news/${a.slug}` })).statusCode).toBe(200);
    await t.services.articles.unpublish(a.id);
    const answers = await Promise.all(Array.from({ length: 8 }, () => t.app.inject({ url: `/en/news/${a.slug}` })));
    for (const answer of answers) {
      expect(answer.statusCode).toBe(404);
      expect(answer.body).not.toContain("Pulled story");
    }
  });

  it("renders an edited article once for readers who arrive together, the others getting the old page marked stale", async () => {
    const a = await createArticle(t.services.articles, { edition: "en", title: "First headline" });
    const first = await t.app.inject({ url: `/en/news/${a.slug}` });
    await t.services.articles.update(a.id, { title: "Second headline" });
    const rendersBefore = t.services.pageCache.renders;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.app.inject({ url: `/en/news/${a.slug}`, headers: { "if-none-match": String(first.headers.etag) } }),
      ),
    );
    expect(t.services.pageCache.renders - rendersBefore).toBe(1);
    for (const answer of answers) {
      expect(answer.statusCode).toBe(200);
      if (answer.headers["x-cache"] === "STALE") {
        expect(answer.body).toContain("First headline");
        expect(answer.headers.etag).toBeUndefined();
        expect(answer.headers["cache-control"]).toBe("no-cache");
        expect(Number(answer.headers.age)).toBeGreaterThanOrEqual(0);
      } else {
        expect(answer.body).toContain("Second headline");
      }
    }
  });

  it("compresses pages for clients that accept it", async () => {
    await createArticle(t.services.articles, { edition: "en" });
    const response = await t.app.inject({ url: "/en/", headers: { "accept-encoding": "br, gzip" } });
    expect(response.headers["content-encoding"]).toBe("br");
  });

  it("sends a content security policy that allows no third-party scripts", async () => {
    const response = await t.app.inject({ url: "/en/" });
    expect(response.headers["content-security-policy"]).toContain("script-src 'self'");
  });

  it("answers /healthz with JSON", async () => {
    const response = await t.app.inject({ url: "/healthz" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: "ok" });
  });
});
