import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, paragraphs } from "../../test/factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

const editor = { staffId: null, tokenId: null, name: "Desk editor" };

function jsonLdOf(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map(
    (match) => JSON.parse(match[1] ?? "{}") as Record<string, unknown>,
  );
}

describe.each(DIALECTS)("live coverage on reader pages on %s", (dialect) => {
  let t: TestApp;
  let clock = new Date("2026-11-29T10:00:00.000Z");
  beforeEach(async () => {
    clock = new Date("2026-11-29T10:00:00.000Z");
    t = await startTestApp(dialect, {
      now: () => clock,
      editions: ["uk", "en"],
    });
  });
  afterEach(async () => t.close());

  const advance = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };

  async function liveBlog() {
    const article = await createArticle(t.services.articles, { edition: "en", title: "Live: day one", kind: "live" });
    const entries = [];
    for (const text of ["Morning", "Noon", "Evening"]) {
      advance(60_000);
      entries.push(
        await t.services.live.addEntry(article.id, { headline: text, body: paragraphs(`${text}.`) }, editor),
      );
    }
    return { article, entries };
  }

  it("shows the entries newest first, pinned on top, each with an anchor, under a Live badge", async () => {
    const { article, entries } = await liveBlog();
    await t.services.live.updateEntry(article.id, entries[0]?.id ?? 0, { pinned: true });
    const html = (await t.app.inject({ url: `/en/news/${article.slug}` })).body;
    expect(html).toContain('class="badge badge--live"');
    const order = [...html.matchAll(/<li class="live-entry[^"]*" id="entry-(\d+)"/g)].map((m) => Number(m[1]));
    expect(order).toEqual([entries[0]?.id, entries[2]?.id, entries[1]?.id]);
    expect(html).toContain(`href="#entry-${entries[2]?.id}"`);
    expect(html).toContain(`data-live-poll="/en/news/${article.slug}/live.json"`);
    expect(html).toContain(`data-live-after="${entries[2]?.id}"`);
  });

  it("describes the live blog as LiveBlogPosting with its coverage window and updates", async () => {
    const { article, entries } = await liveBlog();
    advance(60_000);
    await t.services.live.end(article.id);
    const html = (await t.app.inject({ url: `/en/news/${article.slug}` })).body;
    const posting = jsonLdOf(html).find((item) => item["@type"] === "LiveBlogPosting");
    expect(posting).toMatchObject({
      headline: "Live: day one",
      coverageStartTime: expect.stringMatching(/^2026-11-29T12:00:00/),
      coverageEndTime: expect.stringMatching(/^2026-11-29T12:04:00/),
    });
    const updates = posting?.liveBlogUpdate as { "@type": string; headline: string; url: string }[];
    expect(updates.map((u) => u.headline)).toEqual(["Evening", "Noon", "Morning"]);
    expect(updates[0]).toMatchObject({
      "@type": "BlogPosting",
      url: expect.stringContaining(`#entry-${entries[2]?.id}`),
    });
    expect(html).not.toContain("badge--live");
    expect(html).not.toContain("data-live-poll");
  });

  it("answers the poll with newer entries only, and purges its cached answer when an entry lands", async () => {
    const { article, entries } = await liveBlog();
    const url = `/en/news/${article.slug}/live.json?after=${entries[1]?.id}`;
    const first = await t.app.inject({ url });
    expect(first.headers["content-type"]).toContain("application/json");
    expect(first.headers["surrogate-key"]).toBe(`article:${article.id}`);
    const body = first.json() as { entries: { id: number; html: string }[]; ended: boolean };
    expect(body.entries.map((e) => e.id)).toEqual([entries[2]?.id]);
    expect(body.entries[0]?.html).toContain(`id="entry-${entries[2]?.id}"`);
    expect((await t.app.inject({ url })).headers["x-cache"]).toBe("HIT");
    const added = await t.services.live.addEntry(article.id, { body: paragraphs("Night.") }, editor);
    const after = await t.app.inject({ url });
    expect(after.headers["x-cache"]).toBe("MISS");
    expect(after.json().entries.map((e: { id: number }) => e.id)).toEqual([entries[2]?.id, added.id]);
  });

  it("answers 400 for a bad poll position and 404 for an article that is not a live blog", async () => {
    const { article } = await liveBlog();
    expect((await t.app.inject({ url: `/en/news/${article.slug}/live.json?after=-1` })).statusCode).toBe(400);
    expect((await t.app.inject({ url: `/en/news/${article.slug}/live.json?after=abc` })).statusCode).toBe(400);
    const standard = await createArticle(t.services.articles, { edition: "en" });
    expect((await t.app.inject({ url: `/en/news/${standard.slug}/live.json` })).statusCode).toBe(404);
  });

  describe("breaking banner", () => {
    it("appears on every page of its edition at once and disappears at its expiry", async () => {
      const story = await createArticle(t.services.articles, { edition: "en" });
      const pages = ["/en/", `/en/news/${story.slug}`, "/en/corrections"];
      for (const url of pages) expect((await t.app.inject({ url })).body).not.toContain("breaking-banner");
      await t.services.banners.raise("en", {
        text: "Air raid alert across the country",
        url: "/en/news/alert",
        expiresAt: new Date(clock.getTime() + 30 * 60_000).toISOString(),
      });
      for (const url of pages) {
        const html = (await t.app.inject({ url })).body;
        expect(html).toContain("Air raid alert across the country");
        expect(html).toContain('href="/en/news/alert"');
      }
      expect((await t.app.inject({ url: "/" })).body).not.toContain("Air raid alert");
      // Cached pages carry the banner until it expires, then are rendered without it.
      expect((await t.app.inject({ url: "/en/" })).headers["x-cache"]).toBe("HIT");
      advance(30 * 60_000);
      for (const url of pages) expect((await t.app.inject({ url })).body).not.toContain("Air raid alert");
    });

    it("disappears when lowered", async () => {
      await t.services.banners.raise("en", {
        text: "Major strike on the power grid",
        expiresAt: new Date(clock.getTime() + 3_600_000).toISOString(),
      });
      expect((await t.app.inject({ url: "/en/" })).body).toContain("Major strike on the power grid");
      await t.services.banners.lower("en");
      expect((await t.app.inject({ url: "/en/" })).body).not.toContain("Major strike on the power grid");
    });
  });

  describe("corrections and updates", () => {
    it("shows the notes on the article, moves dateModified and lists corrections in JSON-LD", async () => {
      const story = await createArticle(t.services.articles, { edition: "en", title: "Bridge struck" });
      const before = jsonLdOf((await t.app.inject({ url: `/en/news/${story.slug}` })).body).find(
        (item) => item["@type"] === "NewsArticle",
      );
      advance(3_600_000);
      const note = await t.services.live.addNote(story.id, "correction", "The bridge is in Zatoka, not Odesa.", editor);
      await t.services.live.addNote(story.id, "update", "Traffic has resumed.", editor);
      const html = (await t.app.inject({ url: `/en/news/${story.slug}` })).body;
      expect(html).toContain(`id="note-${note.id}"`);
      expect(html).toContain(">Correction</strong>");
      expect(html).toContain(">Update</strong>");
      const after = jsonLdOf(html).find((item) => item["@type"] === "NewsArticle");
      expect(after?.dateModified).not.toBe(before?.dateModified);
      expect(after?.correction).toEqual([
        expect.objectContaining({ "@type": "CorrectionComment", text: "The bridge is in Zatoka, not Odesa." }),
      ]);
    });

    it("lists every note of the edition on its corrections page, newest first, with links", async () => {
      const first = await createArticle(t.services.articles, { edition: "en", title: "First story" });
      const second = await createArticle(t.services.articles, { edition: "en", title: "Second story" });
      const other = await createArticle(t.services.articles, { edition: "uk", title: "Інша історія" });
      expect((await t.app.inject({ url: "/en/corrections" })).body).toContain("No corrections or updates yet.");
      advance(1000);
      const older = await t.services.live.addNote(first.id, "correction", "Older correction.", editor);
      advance(1000);
      const newer = await t.services.live.addNote(second.id, "update", "Newer update.", editor);
      await t.services.live.addNote(other.id, "update", "Оновлення.", editor);
      const response = await t.app.inject({ url: "/en/corrections" });
      expect(response.statusCode).toBe(200);
      const html = response.body;
      expect(html.indexOf("Newer update.")).toBeLessThan(html.indexOf("Older correction."));
      expect(html).toContain(`href="/en/news/${first.slug}#note-${older.id}"`);
      expect(html).toContain(`href="/en/news/${second.slug}#note-${newer.id}"`);
      expect(html).not.toContain("Оновлення.");
      expect((await t.app.inject({ url: "/corrections" })).body).toContain("Оновлення.");
    });
  });
});
