import { parseJsonFeed, parseRssFeed } from "feedsmith";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createMedia, createPerson, createSection, createTag } from "../../test/factories.js";
import { assertWellFormedXml, readWithFeedparser } from "../../test/feed-readers.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import type { BodyDocument } from "../newsroom/body.types.js";

const HOSTILE = `<script>alert("x")</script> ]]> & Co's "news"`;
const RFC_822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

const body: BodyDocument = {
  type: "doc",
  content: [
    { type: "paragraph", content: [{ type: "text", text: "First paragraph of the full text." }] },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "See " },
        { type: "text", text: "the map", marks: [{ type: "link", attrs: { href: "/en/maps/bakhmut" } }] },
        { type: "text", text: " <b>not bold</b>." },
      ],
    },
    { type: "embed", attrs: { provider: "youtube", videoId: "abcDEF12345", title: "Video title" } },
    { type: "takeaways", attrs: { title: "Key takeaways", items: ["One"] } },
  ],
};

describe.each(DIALECTS)("feeds on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      editions: ["uk", "en"],
    });
  });
  afterEach(async () => t.close());

  async function fullArticle() {
    const { db } = t.database;
    const section = await createSection(db, "en", { slug: "analysis", name: "Analysis" });
    const tag = await createTag(db, "en", { slug: "bakhmut", name: "Bakhmut" });
    const people = [
      await createPerson(db, "en", { slug: "mariia", name: "Mariia Lysenko" }),
      await createPerson(db, "en", { slug: "taras", name: "Taras Hnatiuk" }),
    ];
    const lead = await createMedia(db, { file_key: "lead0001", width: 1600, height: 900, alt: "Smoke over a town" });
    return createArticle(
      t.services.articles,
      {
        edition: "en",
        title: HOSTILE,
        dek: "A dek & more.",
        sectionId: section.id,
        tagIds: [tag.id],
        authorIds: people.map((p) => p.id),
        leadMediaId: lead.id,
        body,
      },
      { publishAt: new Date("2026-03-21T17:30:00Z") },
    );
  }

  it("serves RSS 2.0 that a feed reader reads: full text, stable guids, RFC 822 dates, the lead image", async () => {
    const article = await fullArticle();
    const response = await t.app.inject({ url: "/en/feed.xml" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/rss+xml; charset=utf-8");
    assertWellFormedXml(response.body);

    const { meta, items } = await readWithFeedparser(response.body);
    expect(meta["#type"]).toBe("rss");
    expect(meta.title).toBe("Gazette");
    expect(meta.link).toBe("https://news.example/en/");
    expect(meta.xmlurl).toBe("https://news.example/en/feed.xml");
    expect(items).toHaveLength(1);
    const item = items[0]!;
    // The hostile title is XML-escaped once: the element's text is exactly the title, and a reader
    // that treats RSS titles as HTML (feedparser does) finds no markup it could run.
    expect(item["rss:title"]["#"]).toBe(HOSTILE);
    expect(item.title).toBe(`alert("x") ]]> & Co's "news"`);
    expect(item.link).toBe(`https://news.example/en/news/${article.slug}`);
    expect(item.guid).toBe(`tag:news.example,${article.created_at.slice(0, 10)}:article-${article.id}`);
    expect(item["rss:guid"]["@"].ispermalink).toBe("false");
    expect(item["rss:pubdate"]["#"]).toMatch(RFC_822);
    expect(item.pubdate?.toISOString()).toBe("2026-03-21T17:30:00.000Z");
    expect(item.categories).toEqual(["Analysis", "Bakhmut"]);
    expect(item.summary).toBe("A dek & more.");
    // content:encoded: the whole body as HTML, with absolute links and the embed as a link.
    expect(item.description).toContain("<p>First paragraph of the full text.</p>");
    expect(item.description).toContain('<a href="https://news.example/en/maps/bakhmut">the map</a>');
    expect(item.description).toContain("&lt;b&gt;not bold&lt;/b&gt;");
    expect(item.description).toContain('<a href="https://www.youtube.com/watch?v=abcDEF12345">Video title</a>');
    expect(item.description).not.toMatch(/<iframe|<script/);
    expect(item.enclosures).toEqual([
      expect.objectContaining({ url: "https://news.example/media/lead0001/1200.jpg", type: "image/jpeg", length: "0" }),
    ]);

    // A second, independent parser for the extensions: Dublin Core creators and Media RSS.
    const rss = parseRssFeed(response.body);
    const entry = rss.items?.[0];
    expect(entry?.title).toBe(HOSTILE);
    expect(entry?.dc?.creators).toEqual(["Mariia Lysenko", "Taras Hnatiuk"]);
    expect(entry?.content?.encoded).toContain("First paragraph of the full text.");
    expect(entry?.media?.contents?.[0]).toMatchObject({
      url: "https://news.example/media/lead0001/1200.jpg",
      medium: "image",
      width: 1200,
      height: 675,
    });
    expect(entry?.media?.contents?.[0]?.description?.value).toBe("Smoke over a town");
    expect(rss.atom?.links?.find((link) => link.rel === "self")?.href).toBe("https://news.example/en/feed.xml");
  });

  it("serves Atom (RFC 4287) with ids, published and updated times, authors and HTML content", async () => {
    const article = await fullArticle();
    await t.services.articles.update(article.id, { dek: "Corrected dek." });
    const after = await t.services.articleQueries.getById(article.id);
    const response = await t.app.inject({ url: "/en/atom.xml" });
    expect(response.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
    assertWellFormedXml(response.body);
    const { meta, items } = await readWithFeedparser(response.body);
    expect(meta["#type"]).toBe("atom");
    expect(meta.xmlurl).toBe("https://news.example/en/atom.xml");
    expect(meta.date?.toISOString()).toBe(after.updated_at);
    const item = items[0]!;
    expect(item["atom:title"]["#"]).toBe(HOSTILE);
    expect(item["atom:title"]["@"].type).toBe("text");
    expect(item.guid).toBe(`tag:news.example,${article.created_at.slice(0, 10)}:article-${article.id}`);
    expect(item.pubdate?.toISOString()).toBe("2026-03-21T17:30:00.000Z");
    expect(item.date?.toISOString()).toBe(after.updated_at);
    // Every byline is an <author> with a name and the author page as uri.
    const authors = item["atom:author"] as { name: { "#": string }; uri: { "#": string } }[];
    expect(authors.map((a) => [a.name["#"], a.uri["#"]])).toEqual([
      ["Mariia Lysenko", "https://news.example/en/author/mariia"],
      ["Taras Hnatiuk", "https://news.example/en/author/taras"],
    ]);
    expect(item.summary).toBe("Corrected dek.");
    expect(item.description).toContain("<p>First paragraph of the full text.</p>");
    expect(item["atom:content"]["@"].type).toBe("html");
  });

  it("serves JSON Feed 1.1 that a JSON Feed parser accepts", async () => {
    const article = await fullArticle();
    const response = await t.app.inject({ url: "/en/feed.json" });
    expect(response.headers["content-type"]).toBe("application/feed+json; charset=utf-8");
    expect(JSON.parse(response.body).version).toBe("https://jsonfeed.org/version/1.1");
    const feed = parseJsonFeed(response.body);
    expect(feed.feed_url).toBe("https://news.example/en/feed.json");
    expect(feed.home_page_url).toBe("https://news.example/en/");
    const item = feed.items?.[0];
    expect(item?.id).toBe(`tag:news.example,${article.created_at.slice(0, 10)}:article-${article.id}`);
    expect(item?.title).toBe(HOSTILE);
    expect(item?.content_html).toContain("<p>First paragraph of the full text.</p>");
    expect(item?.date_published).toBe("2026-03-21T17:30:00.000Z");
    expect(item?.authors).toEqual([
      { name: "Mariia Lysenko", url: "https://news.example/en/author/mariia" },
      { name: "Taras Hnatiuk", url: "https://news.example/en/author/taras" },
    ]);
    expect(item?.image).toBe("https://news.example/media/lead0001/1200.jpg");
    expect(item?.tags).toEqual(["Analysis", "Bakhmut"]);
  });

  it("lists the edition's 30 newest published stories, newest first, and nothing of other editions", async () => {
    for (let i = 0; i < 33; i++) {
      await createArticle(
        t.services.articles,
        { edition: "en", title: `Story ${i}` },
        {
          publishAt: new Date(Date.UTC(2026, 2, 1, i)),
        },
      );
    }
    await createArticle(t.services.articles, { edition: "en", title: "Draft story" }, { publish: false });
    await createArticle(t.services.articles, { edition: "uk", title: "Українська новина" });
    const { items } = await readWithFeedparser((await t.app.inject({ url: "/en/feed.xml" })).body);
    expect(items.map((item) => item.title)).toEqual(Array.from({ length: 30 }, (_, i) => `Story ${32 - i}`));
    const uk = await readWithFeedparser((await t.app.inject({ url: "/feed.xml" })).body);
    expect(uk.items.map((item) => item.title)).toEqual(["Українська новина"]);
    expect(uk.meta.language).toBe("uk-ua");
  });

  it("serves feeds of a section, a tag and an author, and 404 for one that does not exist", async () => {
    const { db } = t.database;
    const section = await createSection(db, "en", { slug: "war", name: "War" });
    const tag = await createTag(db, "en", { slug: "drones", name: "Drones" });
    const person = await createPerson(db, "en", { slug: "taras", name: "Taras Hnatiuk" });
    await createArticle(t.services.articles, {
      edition: "en",
      title: "In all three",
      sectionId: section.id,
      tagIds: [tag.id],
      authorIds: [person.id],
    });
    await createArticle(t.services.articles, { edition: "en", title: "In none" });
    for (const [list, title] of [
      ["section/war", "War — Gazette"],
      ["tag/drones", "Drones — Gazette"],
      ["author/taras", "Taras Hnatiuk — Gazette"],
    ] as const) {
      for (const file of ["feed.xml", "atom.xml"]) {
        const response = await t.app.inject({ url: `/en/${list}/${file}` });
        expect(response.statusCode, `${list}/${file}`).toBe(200);
        const { meta, items } = await readWithFeedparser(response.body);
        expect(meta.title).toBe(title);
        expect(meta.link).toBe(`https://news.example/en/${list}`);
        expect(items.map((item) => item.title)).toEqual(["In all three"]);
      }
      const json = parseJsonFeed((await t.app.inject({ url: `/en/${list}/feed.json` })).body);
      expect(json.items?.map((item) => item.title)).toEqual(["In all three"]);
    }
    for (const url of [
      "/en/section/nope/feed.xml",
      "/en/tag/nope/atom.xml",
      "/xx/feed.xml",
      "/en/author/nope/feed.json",
    ]) {
      expect((await t.app.inject({ url })).statusCode, url).toBe(404);
    }
  });

  it("sends ETag and Last-Modified and answers 304 to a reader that has the feed", async () => {
    const article = await createArticle(t.services.articles, { edition: "en" });
    const lastModified = new Date(article.updated_at).toUTCString();
    const first = await t.app.inject({ url: "/en/feed.xml" });
    expect(first.headers.etag).toBeDefined();
    expect(first.headers["last-modified"]).toBe(lastModified);
    expect(first.headers["surrogate-key"]).toContain("home:en");
    const byTag = await t.app.inject({ url: "/en/feed.xml", headers: { "if-none-match": String(first.headers.etag) } });
    expect(byTag.statusCode).toBe(304);
    const byDate = await t.app.inject({ url: "/en/feed.xml", headers: { "if-modified-since": lastModified } });
    expect(byDate.statusCode).toBe(304);
    const second = new Date(Date.parse(lastModified) - 1000).toUTCString();
    const older = await t.app.inject({ url: "/en/feed.xml", headers: { "if-modified-since": second } });
    expect(older.statusCode).toBe(200);
  });

  it("is cached, and publishing, editing or withdrawing a story purges it", async () => {
    const first = await createArticle(t.services.articles, { edition: "en", title: "First story" });
    await t.app.inject({ url: "/en/feed.json" });
    expect((await t.app.inject({ url: "/en/feed.json" })).headers["x-cache"]).toBe("HIT");
    await createArticle(t.services.articles, { edition: "en", title: "Second story" });
    const afterPublish = await t.app.inject({ url: "/en/feed.json" });
    expect(afterPublish.headers["x-cache"]).toBe("MISS");
    expect(parseJsonFeed(afterPublish.body).items?.map((i) => i.title)).toEqual(["Second story", "First story"]);
    await t.services.articles.update(first.id, { title: "First story, corrected" });
    expect(parseJsonFeed((await t.app.inject({ url: "/en/feed.json" })).body).items?.[1]?.title).toBe(
      "First story, corrected",
    );
    await t.services.articles.unpublish(first.id);
    expect(parseJsonFeed((await t.app.inject({ url: "/en/feed.json" })).body).items?.map((i) => i.title)).toEqual([
      "Second story",
    ]);
  });

  it("without the page cache, shows an edited story's new text and an author's new name in the next feed of every format", async () => {
    const u = await startTestApp(dialect, { env: { PAGE_CACHE: "false" }, editions: ["en"] });
    try {
      const person = await createPerson(u.database.db, "en", { slug: "olena", name: "Olena Marchenko" });
      const paragraph = (text: string): BodyDocument => ({
        type: "doc",
        content: [{ type: "paragraph", content: [{ type: "text", text }] }],
      });
      const story = await createArticle(u.services.articles, {
        edition: "en",
        title: "Bridge reopens",
        authorIds: [person.id],
        body: paragraph("The old wording of the story."),
      });
      await createArticle(u.services.articles, { edition: "en", title: "Another story" });
      const feeds = async () =>
        Promise.all(
          ["/en/feed.xml", "/en/atom.xml", "/en/feed.json"].map(async (url) => (await u.app.inject({ url })).body),
        );

      const before = await feeds();
      for (const feed of before) expect(feed).toContain("The old wording of the story.");
      // Kept for the next request: the second render is the same bytes, from the kept items.
      expect(u.services.feeds.keptItems).toBe(2);
      expect(await feeds()).toEqual(before);

      await u.services.articles.update(story.id, { body: paragraph("The corrected wording of the story.") });
      for (const feed of await feeds()) {
        expect(feed).toContain("The corrected wording of the story.");
        expect(feed).not.toContain("The old wording of the story.");
      }

      await u.services.taxonomy.update("person", person.id, { name: "Olena Marchenko-Bondar" });
      for (const feed of await feeds()) expect(feed).toContain("Olena Marchenko-Bondar");
      const rss = parseRssFeed((await u.app.inject({ url: "/en/feed.xml" })).body);
      expect(rss.items?.map((i) => i.title)).toEqual(["Another story", "Bridge reopens"]);
    } finally {
      await u.close();
    }
  });

  it("declares no WebSub hub when none is configured", async () => {
    await createArticle(t.services.articles, { edition: "en" });
    expect((await t.app.inject({ url: "/en/feed.xml" })).body).not.toContain('rel="hub"');
    expect((await t.app.inject({ url: "/en/atom.xml" })).body).not.toContain('rel="hub"');
    expect(parseJsonFeed((await t.app.inject({ url: "/en/feed.json" })).body).hubs).toBeUndefined();
  });
});
