import { createWriteStream } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBodyIssues } from "../../newsroom/body.validator.js";
import { importHtml } from "../../newsroom/html-import.js";
import { type ImportEntry, ImportFormatError, type ImportItem } from "../import-item.types.js";
import { creditFromMetadata, WxrReader, wordpressGmtDate } from "./wxr.reader.js";

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

async function readAll(path: string): Promise<{ entries: ImportEntry[]; reader: WxrReader }> {
  const reader = new WxrReader(path);
  const entries: ImportEntry[] = [];
  for await (const entry of reader.entries()) entries.push(entry);
  return { entries, reader };
}

function items(entries: ImportEntry[]): ImportItem[] {
  return entries.flatMap((entry) => ("item" in entry ? [entry.item] : []));
}

function byId(entries: ImportEntry[], id: string): ImportItem {
  const found = items(entries).find((item) => item.sourceId === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

/** Reads a file expecting it to be rejected, and records whether anything was yielded first. */
async function rejection(path: string): Promise<{ error: unknown; yielded: number }> {
  let yielded = 0;
  try {
    for await (const _ of new WxrReader(path).entries()) yielded++;
  } catch (error) {
    return { error, yielded };
  }
  return { error: null, yielded };
}

describe("WordPress WXR reader", () => {
  let wxr12: ImportEntry[];
  let info12: WxrReader["info"];

  beforeAll(async () => {
    const { entries, reader } = await readAll(fixture("wordpress-1.2.xml"));
    wxr12 = entries;
    info12 = reader.info;
  });

  it("reads the site's address, title and language from the channel", () => {
    expect(info12).toEqual({
      source: "wordpress",
      title: "The Riverside Courier",
      siteUrl: "https://old.example.org",
      language: "en-US",
    });
  });

  it("yields posts and pages in file order, skipping menus, trashed posts and attachments", () => {
    expect(items(wxr12).map((item) => [item.sourceId, item.kind])).toEqual([
      ["101", "post"],
      ["102", "post"],
      ["103", "post"],
      ["104", "post"],
      ["105", "page"],
    ]);
  });

  it("reports a custom post type as a skipped item and reads on", () => {
    const failures = wxr12.flatMap((entry) => ("failure" in entry ? [entry.failure] : []));
    expect(failures).toEqual([
      { sourceId: "108", title: "Courier tote bag", reason: expect.stringContaining('"product"') },
    ]);
  });

  it("maps publish, future, draft and private to published, scheduled and draft", () => {
    expect(byId(wxr12, "101").status).toBe("published");
    expect(byId(wxr12, "102").status).toBe("scheduled");
    expect(byId(wxr12, "103").status).toBe("draft");
    const privatePost = byId(wxr12, "104");
    expect(privatePost.status).toBe("draft");
    expect(privatePost.warnings).toContain("The post was private on WordPress; it was imported as a draft.");
  });

  it("takes dates from the GMT fields, and gives a draft with WordPress's zero date none", () => {
    expect(byId(wxr12, "101").publishedAt).toBe("2026-03-04T09:30:00.000Z");
    expect(byId(wxr12, "101").updatedAt).toBe("2026-03-05T06:00:00.000Z");
    expect(byId(wxr12, "102").publishedAt).toBe("2027-01-01T08:00:00.000Z");
    expect(byId(wxr12, "103").publishedAt).toBeUndefined();
  });

  it("names authors from the channel's author list by login, and keeps an unknown login as is", () => {
    expect(byId(wxr12, "101").authors).toEqual([{ key: "mira", name: "Mira Kovalenko", email: "mira@example.org" }]);
    expect(byId(wxr12, "102").authors).toEqual([{ key: "oleh", name: "Олег Петренко", email: "oleh@example.org" }]);
    expect(byId(wxr12, "104").authors).toEqual([{ key: "someone-gone", name: "someone-gone" }]);
  });

  it("puts categories in order (the first is the section) and tags apart, leaving out Uncategorized", () => {
    const post = byId(wxr12, "101");
    expect(post.categories).toEqual(["News", "Old Town"]);
    expect(post.tags).toEqual(["Floods", "Weather"]);
    expect(byId(wxr12, "102").categories).toEqual([]);
  });

  it("turns the excerpt into a plain-text dek", () => {
    expect(byId(wxr12, "101").dek).toBe("Water rose overnight in the old town.");
    expect(byId(wxr12, "102").dek).toBeUndefined();
  });

  it("finds the featured image in an attachment written after the post, with caption, alt and credit", () => {
    expect(byId(wxr12, "101").leadImage).toEqual({
      url: "https://old.example.org/wp-content/uploads/2026/03/river.jpg",
      localPath: "2026/03/river.jpg",
      caption: "The Dnister at dawn, “above” the weir.",
      alt: "Brown water under a stone bridge",
      credit: "Ганна Лис",
    });
  });

  it("imports a post whose featured image is missing from the export without it, and says so", () => {
    const post = byId(wxr12, "104");
    expect(post.leadImage).toBeUndefined();
    expect(post.warnings.some((w) => w.includes("attachment 999"))).toBe(true);
  });

  it("keeps the permalink, the addresses at earlier slugs and the ?p= and ?page_id= forms as old URLs", () => {
    expect(byId(wxr12, "101").oldUrls).toEqual([
      "https://old.example.org/2026/03/floods-reach-the-old-town/",
      "https://old.example.org/2026/03/floods-hit-old-town/",
      "https://old.example.org/2026/03/water-rises/",
      "/?p=101",
    ]);
    expect(byId(wxr12, "105").oldUrls).toEqual(["https://old.example.org/about/", "/?page_id=105"]);
  });

  it("decodes percent-encoded slugs", () => {
    expect(byId(wxr12, "102").slug).toBe("міст");
    expect(byId(wxr12, "103").slug).toBeUndefined();
  });

  it("keeps emoji, combining marks, zero-width characters and right-to-left text exactly", () => {
    const post = byId(wxr12, "101");
    expect(post.title).toBe("Floods reach the old town \u200b\u{1F30A}: café owners count the cost");
    expect(post.html).toContain("Cafe\u0301 owners \u{1F468}\u200d\u{1F469}\u200d\u{1F467}");
    const page = byId(wxr12, "105");
    expect(page.title).toBe("عن الصحيفة — על העיתון");
    expect(page.html).toContain("نحن صحيفة محلية.");
  });

  it("joins a CDATA section WordPress split around a literal ]]>", () => {
    expect(byId(wxr12, "101").html).toContain("if (a[b[0]]&gt; 3) keep the sandbags.");
  });

  it("cleans the body: no block comments, the embed as a video frame, dynamic blocks reported", () => {
    const post = byId(wxr12, "101");
    expect(post.html).not.toContain("<!--");
    expect(post.html).toContain('<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"');
    expect(post.warnings).toContain(
      "A WordPress dynamic block (latest-posts) was left out: it has no content of its own.",
    );
  });

  it("lists body images with absolute addresses and what the attachment knows of them", () => {
    expect(byId(wxr12, "101").bodyImages).toEqual([
      {
        url: "https://old.example.org/wp-content/uploads/2026/03/river-1024x683.jpg",
        localPath: "2026/03/river-1024x683.jpg",
        alt: "Brown water under a stone bridge",
        caption: "The river at dawn.",
        credit: "Ганна Лис",
      },
    ]);
    expect(byId(wxr12, "101").html).toContain(
      'src="https://old.example.org/wp-content/uploads/2026/03/river-1024x683.jpg"',
    );
  });

  it("shows a gallery's images, including an attachment whose file is gone", () => {
    const urls = byId(wxr12, "102").bodyImages.map((image) => image.url);
    expect(urls).toEqual([
      "https://old.example.org/wp-content/uploads/2026/11/bridge-640x427.jpg",
      "https://old.example.org/wp-content/uploads/2026/11/bridge.jpg",
      "https://old.example.org/wp-content/uploads/2026/11/missing-file.jpg",
    ]);
  });

  it("gives bodies the editor's HTML import turns into valid documents, videos as embeds", () => {
    const bodies = items(wxr12).map((item) => importHtml(item.html).body);
    for (const body of bodies) expect(findBodyIssues(body)).toEqual([]);
    const blockTypes = bodies.flatMap((body) => body.content.map((block) => block.type));
    expect(blockTypes.filter((type) => type === "embed")).toHaveLength(2);
    expect(JSON.stringify(bodies)).not.toContain("<!--");
  });

  it("reads a WXR 1.1 file with the http namespace, a Polylang language and an attachment before its post", async () => {
    const { entries, reader } = await readAll(fixture("wordpress-1.1.xml"));
    expect(reader.info.siteUrl).toBe("http://kyiv-evening.example.com");
    const [post] = items(entries);
    expect(post).toMatchObject({
      sourceId: "6",
      title: "Вечірній Київ: ніч на Майдані",
      categories: ["Київ"],
      language: "uk",
      authors: [{ key: "anna", name: "Анна", email: "anna@example.com" }],
      leadImage: {
        url: "http://kyiv-evening.example.com/wp-content/uploads/2014/05/square.jpg",
        localPath: "2014/05/square.jpg",
        caption: "Майдан уночі",
      },
    });
    expect(post?.html).toBe("<p>Перший абзац.</p>\n<p>Другий абзац,<br>\nз переносом рядка.</p>");
    expect(entries).toHaveLength(1);
  });

  describe("with a WXR 1.0 file", () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "gazette-wxr10-"));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it("reads the 1.0 namespace too", async () => {
      const path = join(dir, "wxr10.xml");
      await writeFile(
        path,
        `<?xml version="1.0"?><rss version="2.0" xmlns:wp="http://wordpress.org/export/1.0/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><link>http://old.example.net</link><wp:wxr_version>1.0</wp:wxr_version><item><title>Old one</title><content:encoded>Hello</content:encoded><wp:post_id>1</wp:post_id><wp:post_date_gmt>2009-01-02 03:04:05</wp:post_date_gmt><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item></channel></rss>`,
      );
      const { entries } = await readAll(path);
      expect(items(entries)).toMatchObject([
        { sourceId: "1", title: "Old one", html: "<p>Hello</p>", publishedAt: "2009-01-02T03:04:05.000Z" },
      ]);
    });

    it("reads past control characters pasted from word processors and bytes that are not UTF-8", async () => {
      const path = join(dir, "controls.xml");
      const head = Buffer.from(
        `<rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><wp:wxr_version>1.2</wp:wxr_version><item><title>Page\fbreak</title><content:encoded><![CDATA[Bad byte: `,
      );
      const tail = Buffer.from(
        `]]></content:encoded><wp:post_id>9</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item></channel></rss>`,
      );
      await writeFile(path, Buffer.concat([head, Buffer.from([0xff, 0xfe, 0x41]), tail]));
      const { entries } = await readAll(path);
      expect(items(entries)).toMatchObject([
        { sourceId: "9", title: "Page break", html: "<p>Bad byte: \ufffd\ufffdA</p>" },
      ]);
    });

    it("skips an item too large to hold and reads the next one", async () => {
      const path = join(dir, "big-item.xml");
      const item = (id: number, body: string) =>
        `<item><title>Post ${id}</title><content:encoded><![CDATA[${body}]]></content:encoded><wp:post_id>${id}</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>`;
      await writeFile(
        path,
        `<rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><wp:wxr_version>1.2</wp:wxr_version>${item(1, "x".repeat(5000))}${item(2, "short")}</channel></rss>`,
      );
      const reader = new WxrReader(path, { maxItemChars: 1000 });
      const entries: ImportEntry[] = [];
      for await (const entry of reader.entries()) entries.push(entry);
      expect(entries).toEqual([
        { failure: { sourceId: "1", title: "Post 1", reason: expect.stringContaining("too large") } },
        { item: expect.objectContaining({ sourceId: "2", html: "<p>short</p>" }) },
      ]);
    });

    it("does not count a page builder's huge post meta against the item", async () => {
      const path = join(dir, "builder.xml");
      await writeFile(
        path,
        `<rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><wp:wxr_version>1.2</wp:wxr_version><item><title>Built</title><content:encoded>Body</content:encoded><wp:post_id>3</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><wp:postmeta><wp:meta_key>_elementor_data</wp:meta_key><wp:meta_value><![CDATA[${"[{}]".repeat(200_000)}]]></wp:meta_value></wp:postmeta></item></channel></rss>`,
      );
      const reader = new WxrReader(path, { maxItemChars: 500_000 });
      const entries: ImportEntry[] = [];
      for await (const entry of reader.entries()) entries.push(entry);
      expect(entries).toEqual([{ item: expect.objectContaining({ sourceId: "3", html: "<p>Body</p>" }) }]);
    });

    it("reads every post of a large generated export", async () => {
      const path = join(dir, "large.xml");
      const out = createWriteStream(path);
      out.write(
        `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:wp="https://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel><link>https://big.example.org</link><wp:wxr_version>1.2</wp:wxr_version>\n`,
      );
      const count = 5000;
      for (let i = 1; i <= count; i++) {
        const paragraph = `Paragraph ${i} of a long archive, with enough words to look like a story. `.repeat(8);
        const written = out.write(
          `<item><title><![CDATA[Story ${i} — №${i}]]></title><link>https://big.example.org/${i}/</link><dc:creator>desk</dc:creator><content:encoded><![CDATA[<!-- wp:paragraph --><p>${paragraph}</p><!-- /wp:paragraph -->]]></content:encoded><wp:post_id>${i}</wp:post_id><wp:post_date_gmt>2020-01-01 00:00:00</wp:post_date_gmt><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><category domain="category" nicename="s${i % 7}"><![CDATA[Section ${i % 7}]]></category></item>\n`,
        );
        if (!written) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      }
      out.write("</channel></rss>\n");
      await new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );

      let seen = 0;
      let last: ImportItem | undefined;
      for await (const entry of new WxrReader(path).entries()) {
        if (!("item" in entry)) throw new Error(`unexpected failure: ${JSON.stringify(entry)}`);
        seen++;
        expect(entry.item.sourceId).toBe(String(seen));
        last = entry.item;
      }
      expect(seen).toBe(count);
      expect(last).toMatchObject({ title: `Story ${count} — №${count}`, categories: [`Section ${count % 7}`] });
    });
  });

  describe("rejects a bad file before yielding anything", () => {
    it("when it is truncated, naming where it ends", async () => {
      const { error, yielded } = await rejection(fixture("malformed/wordpress-truncated.xml"));
      expect(yielded).toBe(0);
      expect(error).toBeInstanceOf(ImportFormatError);
      expect((error as ImportFormatError).message).toMatch(/truncated/);
      expect((error as ImportFormatError).where).toMatch(/^line \d+, column \d+$/);
    });

    it("when a tag is closed by the wrong name, naming the line and column", async () => {
      const { error, yielded } = await rejection(fixture("malformed/wordpress-mismatched.xml"));
      expect(yielded).toBe(0);
      expect((error as ImportFormatError).where).toBe("line 40, column 37");
    });

    it("when it is not XML at all", async () => {
      const { error } = await rejection(fixture("malformed/not-xml.txt"));
      expect(error).toBeInstanceOf(ImportFormatError);
      expect((error as ImportFormatError).where).toBe("line 1, column 1");
    });

    it("when it is empty", async () => {
      const { error } = await rejection(fixture("malformed/empty.xml"));
      expect(error).toBeInstanceOf(ImportFormatError);
    });

    it("when it is a Ghost export", async () => {
      const { error } = await rejection(fixture("ghost-5.json"));
      expect((error as ImportFormatError).message).toMatch(/JSON/);
    });

    it("when it is an RSS feed or an Atom feed, not a WordPress export", async () => {
      const rss = await rejection(fixture("feed-rss.xml"));
      expect((rss.error as ImportFormatError).message).toMatch(/not a WordPress export/);
      const atom = await rejection(fixture("feed-atom.xml"));
      expect((atom.error as ImportFormatError).message).toMatch(/Atom feed/);
    });
  });
});

describe("WordPress field helpers", () => {
  it("reads the photo credit from PHP-serialized metadata, counting bytes", () => {
    expect(creditFromMetadata('a:1:{s:10:"image_meta";a:1:{s:6:"credit";s:10:"Ганна";}}')).toBe("Ганна");
    expect(creditFromMetadata('a:1:{s:6:"credit";s:0:"";}')).toBeUndefined();
    expect(creditFromMetadata(undefined)).toBeUndefined();
  });

  it("reads GMT dates and treats the zero date as none", () => {
    expect(wordpressGmtDate("2021-03-04 05:06:07")).toBe("2021-03-04T05:06:07.000Z");
    expect(wordpressGmtDate("0000-00-00 00:00:00")).toBeUndefined();
    expect(wordpressGmtDate("yesterday")).toBeUndefined();
  });
});
