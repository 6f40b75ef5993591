import { parseJsonFeed } from "feedsmith";
import { describe, expect, it } from "vitest";
import { readWithFeedparser } from "../../test/feed-readers.js";
import { feedPage, MAX_FEED_BYTES } from "./feeds.renderer.js";
import type { FeedData, FeedItem } from "./feeds.service.js";

function item(n: number, contentBytes: number): FeedItem {
  const published = new Date(Date.UTC(2026, 2, 21, 12) - n * 3_600_000).toISOString();
  return {
    id: `tag:news.example,2026-03-21:article-${n}`,
    url: `https://news.example/en/news/story-${n}`,
    title: `Story ${n}`,
    summary: `Summary ${n}`,
    contentHtml: `<p>${"Long report. ".repeat(Math.ceil(contentBytes / 13))}</p>`,
    published,
    updated: published,
    authors: [],
    section: null,
    tags: [],
    image: null,
  };
}

function feed(items: FeedItem[]): FeedData {
  return {
    channel: {
      siteName: "Gazette",
      title: "Gazette",
      description: "News",
      locale: "en-GB",
      language: "en",
      pageUrl: "https://news.example/en/",
      feedUrls: {
        rss: "https://news.example/en/feed.xml",
        atom: "https://news.example/en/atom.xml",
        json: "https://news.example/en/feed.json",
      },
      hubUrl: null,
      logoUrl: "https://news.example/logo.png",
      updated: items[0]?.updated ?? null,
    },
    items,
    keys: ["home:en"],
  };
}

describe("feed size limit", () => {
  it("keeps every format under 2 MB by leaving out the oldest stories", async () => {
    // 30 stories of 150 kB each: about 4.5 MB of full text.
    const data = feed(Array.from({ length: 30 }, (_, n) => item(n, 150_000)));
    for (const format of ["rss", "atom"] as const) {
      const page = feedPage(format, data);
      expect(page.body.length, format).toBeLessThanOrEqual(MAX_FEED_BYTES);
      const { items } = await readWithFeedparser(page.body.toString("utf8"));
      expect(items.length, format).toBeGreaterThan(5);
      expect(items.length, format).toBeLessThan(30);
      expect(items[0]?.title).toBe("Story 0");
      expect(items[0]?.description).toContain("Long report.");
    }
    const json = feedPage("json", data);
    expect(json.body.length).toBeLessThanOrEqual(MAX_FEED_BYTES);
    expect(parseJsonFeed(json.body.toString("utf8")).items?.[0]?.title).toBe("Story 0");
  });

  it("falls back to summaries when even one full story is too big", async () => {
    const data = feed([item(0, 3_000_000), item(1, 3_000_000)]);
    const page = feedPage("rss", data);
    expect(page.body.length).toBeLessThanOrEqual(MAX_FEED_BYTES);
    const { items } = await readWithFeedparser(page.body.toString("utf8"));
    expect(items.map((i) => [i.title, i.summary])).toEqual([["Story 0", "Summary 0"]]);
    const json = parseJsonFeed(feedPage("json", data).body.toString("utf8"));
    expect(json.items?.[0]?.content_text).toBe("Summary 0");
  });

  it("leaves a feed that fits alone", () => {
    const data = feed(Array.from({ length: 30 }, (_, n) => item(n, 2_000)));
    expect(
      feedPage("atom", data)
        .body.toString("utf8")
        .match(/<entry>/g),
    ).toHaveLength(30);
  });
});
