import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ImportEntry, ImportFormatError, type ImportItem } from "../import-item.types.js";
import { FeedReader } from "./feed.reader.js";

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

async function readAll(path: string): Promise<{ entries: ImportEntry[]; reader: FeedReader }> {
  const reader = new FeedReader(path);
  const entries: ImportEntry[] = [];
  for await (const entry of reader.entries()) entries.push(entry);
  return { entries, reader };
}

const items = (entries: ImportEntry[]): ImportItem[] => entries.flatMap((e) => ("item" in e ? [e.item] : []));

describe("RSS and Atom feed reader", () => {
  describe("with an RSS 2.0 feed", () => {
    let entries: ImportEntry[];
    let reader: FeedReader;
    beforeAll(async () => {
      ({ entries, reader } = await readAll(fixture("feed-rss.xml")));
    });

    it("reads the feed's title, address and language", () => {
      expect(reader.info).toEqual({
        source: "feed",
        title: "Valley Letters",
        siteUrl: "https://letters.example.com",
        language: "en",
      });
    });

    it("takes the full content as the body and the description as the dek", () => {
      const [first] = items(entries);
      expect(first).toMatchObject({
        sourceId: "letters-981",
        kind: "post",
        status: "published",
        title: "The ferry's last winter",
        dek: "The crossing closes in March.",
        publishedAt: "2026-11-03T07:15:00.000Z",
        authors: [{ key: "Iryna Bondar", name: "Iryna Bondar" }],
        tags: ["Transport", "River & Ports"],
        categories: [],
        oldUrls: ["https://letters.example.com/p/the-ferrys-last-winter"],
        slug: "the-ferrys-last-winter",
        language: "en",
        leadImage: { url: "https://letters.example.com/images/ferry-lead.jpg" },
        bodyImages: [{ url: "https://letters.example.com/images/ferry.jpg", alt: "The ferry" }],
      });
      expect(first?.html).toContain('<img src="https://letters.example.com/images/ferry.jpg"');
    });

    it("uses the description as the body when there is no full content, and reads the Media RSS photo", () => {
      const second = items(entries)[1];
      expect(second).toMatchObject({
        sourceId: "https://letters.example.com/p/market-prices",
        html: "Bread is up by a tenth.<br>Milk too.",
        authors: [{ key: "Taras Melnyk", name: "Taras Melnyk", email: "editor@letters.example.com" }],
        publishedAt: "2026-11-02T07:00:00.000Z",
        leadImage: {
          url: "https://cdn.example.com/market.jpg",
          caption: "Stalls on Sunday",
          credit: "Photo: Lesia K.",
        },
      });
      expect(second?.dek).toBeUndefined();
    });

    it("skips an item it cannot tell apart, reporting it, and reads on", () => {
      expect(entries[2]).toEqual({
        failure: {
          sourceId: null,
          title: "An item with nothing to identify it",
          reason: expect.stringContaining("neither a guid nor a link"),
        },
      });
      expect(entries).toHaveLength(4);
    });

    it("accepts an undeclared &nbsp; and warns about a date it cannot read", () => {
      const last = items(entries)[2];
      expect(last?.title).toBe("Зимовий розклад\u00a0поромів");
      expect(last?.sourceId).toBe("https://letters.example.com/p/winter-timetable");
      expect(last?.publishedAt).toBeUndefined();
      expect(last?.warnings).toEqual(['The date "not a date" could not be read; the story has no publication date.']);
    });
  });

  describe("with an Atom feed", () => {
    let entries: ImportEntry[];
    let reader: FeedReader;
    beforeAll(async () => {
      ({ entries, reader } = await readAll(fixture("feed-atom.xml")));
    });

    it("reads the feed's language from xml:lang and its address from the alternate link", () => {
      expect(reader.info).toMatchObject({ title: "Нотатки з Харкова", siteUrl: "https://kharkiv-notes.example.net/" });
      expect(reader.info.language).toBe("uk");
    });

    it("reads html content, an html title, authors, categories and an image enclosure", () => {
      expect(items(entries)[0]).toMatchObject({
        sourceId: "tag:kharkiv-notes.example.net,2026:metro",
        title: "Метро знову працює",
        html: "<p>Після перерви метро <strong>знову</strong> возить пасажирів.</p>",
        dek: "Після перерви метро знову возить пасажирів.",
        publishedAt: "2026-11-05T06:00:00.000Z",
        updatedAt: "2026-11-05T09:30:00.000Z",
        authors: [{ key: "Марія Шевчук", name: "Марія Шевчук", email: "maria@example.net" }],
        tags: ["Транспорт", "city"],
        leadImage: { url: "https://kharkiv-notes.example.net/img/metro.jpg" },
        oldUrls: ["https://kharkiv-notes.example.net/2026/11/metro/"],
      });
    });

    it("serialises xhtml content without its wrapping div, escaping text", () => {
      expect(items(entries)[1]?.html).toBe(
        '<p>One <em>two</em> &amp; three.</p><p><img src="https://kharkiv-notes.example.net/img/x.png" alt="X"></p>',
      );
    });

    it("turns a plain-text summary into escaped paragraphs", () => {
      expect(items(entries)[2]?.html).toBe("<p>Line one &lt;not a tag&gt;</p>\n<p>Line two</p>");
    });
  });

  describe("with generated files", () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "gazette-feed-"));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it("reads RSS 1.0 (RDF) items, which sit beside the channel", async () => {
      const path = join(dir, "rdf.xml");
      await writeFile(
        path,
        `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://rdf.example.org/"><title>RDF news</title><link>https://rdf.example.org/</link></channel><item rdf:about="https://rdf.example.org/a"><title>A</title><link>https://rdf.example.org/a</link><description>Text A</description><dc:date>2020-05-06T07:08:09Z</dc:date><dc:creator>Ann</dc:creator></item></rdf:RDF>`,
      );
      const { entries, reader } = await readAll(path);
      expect(reader.info.title).toBe("RDF news");
      expect(items(entries)).toMatchObject([
        { sourceId: "https://rdf.example.org/a", html: "<p>Text A</p>", publishedAt: "2020-05-06T07:08:09.000Z" },
      ]);
    });

    it("decodes a feed in the encoding its XML declaration names", async () => {
      const path = join(dir, "cp1251.xml");
      const text = `<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Новини</title><item><title>Привіт</title><link>https://cp.example.org/1</link><description>Текст</description></item></channel></rss>`;
      await writeFile(path, encodeCp1251(text));
      const { entries, reader } = await readAll(path);
      expect(reader.info.title).toBe("Новини");
      expect(items(entries)[0]?.title).toBe("Привіт");
    });

    it("decodes a UTF-16 feed by its byte-order mark", async () => {
      const path = join(dir, "utf16.xml");
      const text = `\ufeff<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>Шістнадцять \u{1F600}</title></channel></rss>`;
      await writeFile(path, Buffer.from(text, "utf16le"));
      const { reader } = await readAll(path);
      expect(reader.info.title).toBe("Шістнадцять \u{1F600}");
    });

    it("rejects a WordPress-like file that is not a feed at all", async () => {
      const path = join(dir, "html.xml");
      await writeFile(path, "<html><body><p>Not a feed</p></body></html>");
      await expect(readAll(path)).rejects.toThrow(/not an RSS or Atom feed: its root element is <html>/);
    });

    it("rejects a truncated feed before yielding anything", async () => {
      const path = join(dir, "cut.xml");
      await writeFile(
        path,
        `<rss><channel><item><title>One</title><link>https://x.example/1</link></item><item><title>Tw`,
      );
      let yielded = 0;
      const error = await (async () => {
        try {
          for await (const _ of new FeedReader(path).entries()) yielded++;
        } catch (caught) {
          return caught;
        }
        return null;
      })();
      expect(yielded).toBe(0);
      expect(error).toBeInstanceOf(ImportFormatError);
      expect((error as ImportFormatError).where).toMatch(/^line 1, column \d+$/);
    });
  });
});

/** windows-1251 for the Cyrillic letters this test uses; Node can decode the encoding but not encode it. */
function encodeCp1251(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (code >= 0x410 && code <= 0x44f) bytes.push(code - 0x410 + 0xc0);
    else if (code === 0x456) bytes.push(0xb3);
    else if (code === 0x406) bytes.push(0xb2);
    else throw new Error(`no windows-1251 byte for ${char}`);
  }
  return Buffer.from(bytes);
}
