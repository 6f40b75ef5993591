import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createEdition } from "../../test/factories.js";
import { parseXml, readWithFeedparser, textOf, type XmlNode } from "../../test/feed-readers.js";
import { createTestApp, DIALECTS, type TestApp } from "../../test/harness.js";
import { mp3Clip, mp3ClipMs } from "../../test/media-fixtures.js";
import { multipartBody } from "../../test/multipart.js";
import { createToken } from "../../test/staff-factories.js";

const square = (size: number) =>
  sharp({ create: { width: size, height: size, channels: 3, background: "#203040" } })
    .jpeg()
    .toBuffer();

describe.each(DIALECTS)("podcast feeds on %s", (dialect) => {
  let t: TestApp;
  let editor: Record<string, string>;
  beforeEach(async () => {
    t = await createTestApp(dialect, { prepare: async ({ db }) => void (await createEdition(db)) });
    editor = { authorization: `Bearer ${await createToken(t.services, "editor")}` };
  });
  afterEach(async () => t.close());

  async function uploadArtwork(size: number) {
    const body = multipartBody({}, { filename: "art.jpg", contentType: "image/jpeg", data: await square(size) });
    return t.app.inject({
      method: "POST",
      url: "/admin/api/podcast/en/artwork",
      headers: { ...editor, ...body.headers },
      payload: body.payload,
    });
  }

  const show = (artworkMediaId: number | null) => ({
    title: "Morning <Briefing>",
    description: "The war in ten minutes & the day ahead.",
    author: "Gazette Newsroom",
    category: "News/Daily News",
    explicit: false,
    artworkMediaId,
  });

  it("refuses artwork under 3000 px and a show whose artwork is an ordinary library image", async () => {
    const small = await uploadArtwork(1400);
    expect(small.statusCode).toBe(400);
    expect(small.json()).toMatchObject({ code: "validation_failed", details: { field: "artwork" } });
    const photo = await t.services.media.importImage(await square(900), { alt: "x" });
    const put = await t.app.inject({
      method: "PUT",
      url: "/admin/api/podcast/en",
      headers: editor,
      payload: show(photo.id),
    });
    expect(put.statusCode).toBe(400);
    expect(put.json().details).toEqual({ field: "artworkMediaId" });
  });

  it("lets only editors change the show, and has no feed before there is a show", async () => {
    const author = { authorization: `Bearer ${await createToken(t.services, "author")}` };
    const put = await t.app.inject({
      method: "PUT",
      url: "/admin/api/podcast/en",
      headers: author,
      payload: show(null),
    });
    expect(put.statusCode).toBe(403);
    expect((await t.app.inject({ url: "/en/podcast.xml" })).statusCode).toBe(404);
  });

  it("publishes an RSS feed for Apple Podcasts and Spotify: iTunes tags, real enclosure length and type", async () => {
    const artwork = await uploadArtwork(3000);
    expect(artwork.statusCode).toBe(201);
    const saved = await t.app.inject({
      method: "PUT",
      url: "/admin/api/podcast/en",
      headers: editor,
      payload: show(artwork.json().id),
    });
    expect(saved.statusCode).toBe(200);
    const art = await t.app.inject({ url: saved.json().artworkUrl });
    expect(await sharp(art.rawPayload).metadata()).toMatchObject({ width: 3000, height: 3000, format: "jpeg" });

    const clipBytes = mp3Clip(120);
    const clip = await t.services.media.importFile(clipBytes, "Episode 1");
    const episode = await createArticle(t.services.articles, {
      edition: "en",
      kind: "audio",
      title: "Episode 1: the front at dawn",
      dek: "What changed overnight.",
      body: {
        type: "doc",
        content: [
          { type: "audio", attrs: { mediaId: clip.id, title: "Episode 1", transcript: "Host: Good morning." } },
        ],
      },
    });
    // A standard article and an unpublished episode are not in the feed.
    await createArticle(t.services.articles, { edition: "en", title: "Not an episode" });
    await createArticle(
      t.services.articles,
      { edition: "en", kind: "audio", title: "Draft episode" },
      { publish: false },
    );

    const response = await t.app.inject({ url: "/en/podcast.xml" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("application/rss+xml");
    const channel = (parseXml(response.body, ["item", "itunes:category"]).rss as XmlNode).channel as XmlNode;
    expect(textOf(channel.title)).toBe("Morning <Briefing>");
    expect(textOf(channel["itunes:author"])).toBe("Gazette Newsroom");
    expect(textOf(channel["itunes:explicit"])).toBe("false");
    expect(textOf(channel["itunes:summary"])).toBe("The war in ten minutes & the day ahead.");
    expect((channel["itunes:image"] as XmlNode)["@_href"]).toBe(`https://news.example${saved.json().artworkUrl}`);
    const category = (channel["itunes:category"] as XmlNode[])[0] as XmlNode;
    expect(category["@_text"]).toBe("News");
    expect(((category["itunes:category"] as XmlNode[])[0] as XmlNode)["@_text"]).toBe("Daily News");
    const items = channel.item as XmlNode[];
    expect(items.map((item) => textOf(item.title))).toEqual(["Episode 1: the front at dawn"]);
    const item = items[0] as XmlNode;
    expect(textOf(item["itunes:duration"])).toBe(String(Math.round(mp3ClipMs(120) / 1000)));
    expect(textOf(item.guid)).toMatch(/^tag:/);
    expect(textOf(item.pubDate)).toMatch(/^\w{3}, \d{2} \w{3} \d{4} /);
    const enclosure = item.enclosure as XmlNode;
    expect(enclosure["@_type"]).toBe("audio/mpeg");
    expect(enclosure["@_length"]).toBe(String(clipBytes.length));
    const file = await t.app.inject({ url: new URL(String(enclosure["@_url"])).pathname });
    expect(file.rawPayload.length).toBe(clipBytes.length);
    // A feed reader's parser reads it as a feed with the enclosure.
    const parsed = await readWithFeedparser(response.body);
    expect(parsed.items[0]?.enclosures[0]).toMatchObject({ type: "audio/mpeg", length: String(clipBytes.length) });

    const page = await t.app.inject({ url: `/en/news/${episode.slug}` });
    expect(page.body).toContain(
      '<link rel="alternate" href="https://news.example/en/podcast.xml" type="application/rss+xml" title="Gazette (podcast)"/>',
    );
    expect(page.body).toContain('<audio controls preload="none"');

    const index = await t.app.inject({ url: "/sitemap.xml" });
    expect(index.body).toContain("<loc>https://news.example/en/podcast.xml</loc>");
  });
});
