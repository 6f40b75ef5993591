import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createMedia, createPerson, paragraphs, socialPostNode } from "../../test/factories.js";
import { expectLitePage } from "../../test/lite-page.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import type { BodyDocument } from "../newsroom/body.types.js";
import { styleHash } from "../platform/http/security-headers.js";
import { LITE_CSS } from "./lite-style.js";

/** The budget of a lite page, as served compressed. */
const LITE_BUDGET_BYTES = 15 * 1024;
const editor = { staffId: null, tokenId: null, name: "Desk editor" };

const p = (text: string) => ({ type: "paragraph" as const, content: [{ type: "text" as const, text }] });

describe.each(DIALECTS)("lite edition on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      editions: [
        { code: "uk", locale: "uk-UA" },
        { code: "ru", locale: "ru-RU" },
        { code: "en", locale: "en-GB" },
      ],
    });
  });
  afterEach(async () => t.close());

  async function richArticle() {
    const { db } = t.database;
    const lead = await createMedia(db, {
      file_key: "lead0001",
      width: 1600,
      height: 900,
      alt: "Smoke over a town",
      caption: "Smoke over the town, March.",
      credit: "Photo: Demo Agency",
    });
    const inBody = await createMedia(db, { file_key: "body0001", width: 500, height: 400, alt: "A ruined bridge" });
    const person = await createPerson(db, "en", { slug: "mariia-lysenko", name: "Mariia Lysenko" });
    const body: BodyDocument = {
      type: "doc",
      content: [
        p("Paragraph one."),
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "What changed" }] },
        { type: "blockquote", attrs: { citation: "The monitor" }, content: [p("A quoted line.")] },
        {
          type: "bulletList",
          content: [{ type: "listItem", content: [p("A listed point.")] }],
        },
        { type: "image", attrs: { mediaId: inBody.id, caption: "The bridge at dawn.", credit: "Photo: A. Reporter" } },
        { type: "embed", attrs: { provider: "youtube", videoId: "dQw4w9WgXcQ", title: "Evening briefing" } },
        { type: "embed", attrs: { provider: "map", videoId: "bakhmut", title: "Battle for Bakhmut" } },
        { type: "takeaways", attrs: { title: "Key takeaways", items: ["First point", "Second point"] } },
      ],
    };
    return createArticle(t.services.articles, {
      edition: "en",
      title: "Fighting on the flanks of Bakhmut",
      dek: "A day of assessments.",
      authorIds: [person.id],
      leadMediaId: lead.id,
      body,
    });
  }

  it("gives a clip and a PDF as links to the file with their length and size, and the transcript as text", async () => {
    const { db } = t.database;
    const clip = await createMedia(db, {
      file_key: "clip0001",
      mime: "audio/mpeg",
      width: 0,
      height: 0,
      byte_size: 2_990_000,
      duration_ms: 187_400,
    });
    const pdf = await createMedia(db, {
      file_key: "pdf00001",
      mime: "application/pdf",
      width: 640,
      height: 905,
      byte_size: 860_000,
      page_count: 12,
    });
    const article = await createArticle(t.services.articles, {
      edition: "en",
      body: {
        type: "doc",
        content: [
          { type: "audio", attrs: { mediaId: clip.id, title: "Briefing", transcript: "Host: Good morning." } },
          { type: "document", attrs: { mediaId: pdf.id, title: "The report" } },
        ],
      },
    });
    const html = (await t.app.inject({ url: `/en/lite/news/${article.slug}` })).body;
    expectLitePage(html);
    expect(html).toContain(
      '<p><a href="/media/clip0001/audio.mp3">Listen: Briefing</a> (3:07, 2.9 MB)</p><p>Host: Good morning.</p>',
    );
    expect(html).toContain('<p><a href="/media/pdf00001/document.pdf">The report</a> (PDF, 840 KB)</p>');
    expect(html).not.toContain("<audio");
    expect(html).not.toContain("page-1.jpg");
  });

  it("renders an article as text: headline, dek, byline, date, body, takeaways, photos and embeds as links", async () => {
    const article = await richArticle();
    const response = await t.app.inject({ url: `/en/lite/news/${article.slug}` });
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expectLitePage(html);
    const order = [
      "<h1>Fighting on the flanks of Bakhmut</h1>",
      '<p class="dek">A day of assessments.</p>',
      "By Mariia Lysenko",
      "<time datetime=",
      '<a href="/media/lead0001/640.jpg">Show photo</a>: Smoke over a town',
      "Smoke over the town, March. Photo: Demo Agency",
      "Paragraph one.",
      "<h2>What changed</h2>",
      "<blockquote><p>A quoted line.</p>",
      "<li>A listed point.</li>",
      // A photo narrower than the lite width opens its own largest variant.
      '<a href="/media/body0001/480.jpg">Show photo</a>: A ruined bridge',
      "The bridge at dawn. Photo: A. Reporter",
      'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"',
      "Video: Evening briefing",
      '<a href="/en/maps/bakhmut">Map: Battle for Bakhmut</a>',
      '">Key takeaways</h2>',
      "<li>Second point</li>",
      `<a href="/en/news/${article.slug}">Full version of this story</a>`,
    ];
    let last = -1;
    for (const part of order) {
      const at = html.indexOf(part, last + 1);
      expect(at, `missing or out of order: ${part}`).toBeGreaterThan(last);
      last = at;
    }
    expect(html).toContain(`<link rel="canonical" href="https://news.example/en/news/${article.slug}"/>`);
  });

  it("links every full article page to its lite page, in the head and visibly", async () => {
    const article = await createArticle(t.services.articles, { edition: "en", title: "A story with a lite page" });
    const html = (await t.app.inject({ url: `/en/news/${article.slug}` })).body;
    expect(html).toContain(
      `<link rel="alternate" href="https://news.example/en/lite/news/${article.slug}" title="Lite version"/>`,
    );
    expect(html).toContain(`<a class="article__lite" href="/en/lite/news/${article.slug}">Lite version</a>`);
  });

  it("lists the 50 newest published stories on the lite front page, with time, dek and the way back", async () => {
    for (let i = 0; i < 52; i++) {
      await createArticle(
        t.services.articles,
        { edition: "en", title: `Story at hour ${i}`, dek: `Dek ${i}` },
        { publishAt: new Date(Date.UTC(2026, 10, 1, i)) },
      );
    }
    await createArticle(t.services.articles, { edition: "en", title: "An unpublished draft" }, { publish: false });
    const response = await t.app.inject({ url: "/en/lite/" });
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expectLitePage(html);
    const titles = [...html.matchAll(/<li><a href="\/en\/lite\/news\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(titles).toHaveLength(50);
    expect(titles[0]).toBe("Story at hour 51");
    expect(titles.at(-1)).toBe("Story at hour 2");
    expect(html).toContain("<p>Dek 51</p>");
    expect(html).toContain('<a href="/en/">Open the full site</a>');
    expect(html).not.toContain("An unpublished draft");
    expect((await t.app.inject({ url: "/en/lite" })).headers.location).toBe("/en/lite/");
  });

  it.each([
    ["/lite/", "uk", "Легка версія", "Відкрити повний сайт"],
    ["/ru/lite/", "ru", "Облегчённая версия", "Открыть полную версию сайта"],
    ["/en/lite/", "en", "Lite edition", "Open the full site"],
  ])("speaks the edition's language at %s", async (url, language, title, back) => {
    await createArticle(t.services.articles, { edition: language, title: `News in ${language}` });
    const html = (await t.app.inject({ url })).body;
    expect(html).toContain(`<html lang="${language}"`);
    expect(html).toContain(title);
    expect(html).toContain(back);
    expect(html).toContain(`News in ${language}`);
  });

  it("lists a live blog's entries as text", async () => {
    const article = await createArticle(t.services.articles, { edition: "en", title: "Live: the day", kind: "live" });
    await t.services.live.addEntry(
      article.id,
      { headline: "Sirens in the east", body: paragraphs("Air alert.") },
      editor,
    );
    await t.services.live.addEntry(article.id, { headline: "All clear", body: paragraphs("It is over.") }, editor);
    const html = (await t.app.inject({ url: `/en/lite/news/${article.slug}` })).body;
    expectLitePage(html);
    expect(html).toContain('<h2 id="live-updates">Live updates</h2>');
    expect(html.indexOf("<h3>All clear</h3>")).toBeLessThan(html.indexOf("<h3>Sirens in the east</h3>"));
    expect(html).toContain("<p>Air alert.</p>");
  });

  it("stays under 15 KB as served compressed, and the site's policy allows exactly its style", async () => {
    const article = await richArticle();
    for (const url of ["/en/lite/", `/en/lite/news/${article.slug}`]) {
      const response = await t.app.inject({ url, headers: { "accept-encoding": "br, gzip" } });
      expect(response.headers["content-encoding"]).toBe("br");
      expect(response.rawPayload.length, url).toBeLessThan(LITE_BUDGET_BYTES);
      expect(response.headers["content-security-policy"]).toContain(`style-src 'self' ${styleHash(LITE_CSS)}`);
    }
  });

  it("is cached under the article's keys, so a save purges it", async () => {
    const article = await createArticle(t.services.articles, { edition: "en", title: "First headline" });
    const url = `/en/lite/news/${article.slug}`;
    const first = await t.app.inject({ url });
    expect(first.headers["x-cache"]).toBe("MISS");
    expect(first.headers["surrogate-key"]).toContain(`article:${article.id}`);
    expect((await t.app.inject({ url })).headers["x-cache"]).toBe("HIT");
    await t.services.articles.update(article.id, { title: "Second headline" });
    const after = await t.app.inject({ url });
    expect(after.headers["x-cache"]).toBe("MISS");
    expect(after.body).toContain("<h1>Second headline</h1>");
  });

  it("redirects a renamed story's old lite address and answers 404 for an unknown one", async () => {
    const article = await createArticle(t.services.articles, { edition: "en", title: "Old name" });
    await t.services.articles.update(article.id, { slug: "new-name" });
    const moved = await t.app.inject({ url: `/en/lite/news/${article.slug}` });
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe("/en/lite/news/new-name");
    expect((await t.app.inject({ url: "/en/lite/news/no-such-story" })).statusCode).toBe(404);
  });

  it("shows a social post as a static card on the article page and as a quote with a link on the lite page", async () => {
    const photo = await createMedia(t.database.db, { file_key: "social01", width: 800, height: 600, alt: "Smoke" });
    const post = socialPostNode({ mediaId: photo.id, text: "Stay in shelters <script>alert(1)</script>" });
    const article = await createArticle(t.services.articles, { edition: "en", body: { type: "doc", content: [post] } });
    const page = (await t.app.inject({ url: `/en/news/${article.slug}` })).body;
    expect(page).toContain('data-block="socialPost"');
    expect(page).toContain("Stay in shelters &lt;script");
    expect(page).toContain('src="/media/social01/');
    expect(page).toContain("Post as quoted on 2 December 2026.");
    // Nothing on the page loads from the platform: its address is only ever a link.
    expect(page).not.toMatch(/\b(?:src|srcset)="[^"]*t\.me/);
    const lite = (await t.app.inject({ url: `/en/lite/news/${article.slug}` })).body;
    expectLitePage(lite);
    expect(lite).toContain("Stay in shelters &lt;script");
    expect(lite).toContain('<a class="social-post__original" href="https://t.me/frontline_news/4821"');
    expect(lite).not.toContain("data-social-embed");
    expect(lite).not.toContain("social01");
  });
});
