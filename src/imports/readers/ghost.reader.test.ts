import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ImportEntry, ImportFormatError, type ImportItem } from "../import-item.types.js";
import { GhostReader, type GhostReaderOptions, ghostLocalPath } from "./ghost.reader.js";
import { renderLexical, renderMobiledoc } from "./ghost-content.js";

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

async function readAll(path: string, options?: GhostReaderOptions) {
  const reader = new GhostReader(path, options);
  const entries: ImportEntry[] = [];
  for await (const entry of reader.entries()) entries.push(entry);
  return { entries, reader };
}

const items = (entries: ImportEntry[]): ImportItem[] => entries.flatMap((e) => ("item" in e ? [e.item] : []));
const byId = (entries: ImportEntry[], suffix: string): ImportItem => {
  const found = items(entries).find((item) => item.sourceId.endsWith(suffix));
  if (!found) throw new Error(`no post ${suffix}`);
  return found;
};

describe("Ghost JSON reader", () => {
  let entries: ImportEntry[];
  let reader: GhostReader;
  beforeAll(async () => {
    ({ entries, reader } = await readAll(fixture("ghost-5.json")));
  });

  it("reads the site title and language from the settings", () => {
    expect(reader.info).toEqual({ source: "ghost", title: "City Hall Watch", language: "en" });
  });

  it("maps a published post with tags, authors in order, excerpt and feature image", () => {
    expect(byId(entries, "a1")).toMatchObject({
      kind: "post",
      status: "published",
      title: "Council passes the budget \u{1F4B0}",
      slug: "council-budget",
      dek: "A tight vote in the hall.",
      publishedAt: "2026-10-01T09:00:00.000Z",
      updatedAt: "2026-10-02T08:00:00.000Z",
      authors: [
        { key: "1", name: "Dana Lys", email: "dana@example.org", bio: "City hall reporter." },
        { key: "u2", name: "Petro Ivanenko", email: "petro@example.org" },
      ],
      categories: ["Politics"],
      tags: ["Київ"],
      oldUrls: ["/council-budget/"],
      leadImage: {
        url: "/content/images/2026/10/lead.jpg",
        localPath: "2026/10/lead.jpg",
        alt: "The council hall",
        caption: "Photo by Olena Hrytsenko",
      },
    });
  });

  it("leaves out internal #tags", () => {
    const post = byId(entries, "a1");
    expect([...post.categories, ...post.tags]).not.toContain("#hero");
  });

  it("replaces the __GHOST_URL__ placeholder with the site address when it is given, root-relative otherwise", async () => {
    expect(byId(entries, "a1").html).toContain('<a href="/earlier-story/">');
    const withSite = await readAll(fixture("ghost-5.json"), { siteUrl: "https://watch.example.org/" });
    const post = byId(withSite.entries, "a1");
    expect(withSite.reader.info.siteUrl).toBe("https://watch.example.org");
    expect(post.html).toContain('<a href="https://watch.example.org/earlier-story/">');
    expect(post.bodyImages).toEqual([
      {
        url: "https://watch.example.org/content/images/2026/10/vote.jpg",
        localPath: "2026/10/vote.jpg",
        alt: "Hands raised",
        caption: "The vote.",
      },
    ]);
    expect(JSON.stringify(withSite.entries)).not.toContain("__GHOST_URL__");
  });

  it("reads pages, drafts, scheduled posts and email-only posts", () => {
    expect(byId(entries, "a2")).toMatchObject({ kind: "page", status: "published", oldUrls: ["/about/"] });
    expect(byId(entries, "a3").status).toBe("draft");
    expect(byId(entries, "a3").publishedAt).toBeUndefined();
    expect(byId(entries, "a4")).toMatchObject({ status: "scheduled", publishedAt: "2027-02-01T10:00:00.000Z" });
    const sent = byId(entries, "a5");
    expect(sent.status).toBe("draft");
    expect(sent.warnings[0]).toMatch(/email only/);
  });

  it("renders the body from Lexical when the export has no html", () => {
    const draft = byId(entries, "a3");
    expect(draft.html).toBe(
      '<p><strong>Bold</strong> and <a href="/council-budget/"><em>a link</em></a><br>&lt;not a tag&gt; &amp; more</p><h2>Heading</h2><figure><img src="/content/images/2026/10/hall.jpg" alt="A hall"><figcaption><span>The hall</span></figcaption></figure><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="Video"></iframe><ul><li>first</li><li>second</li></ul><blockquote>A quote</blockquote><hr><p><a href="https://example.com/report">The report</a></p><p>Raw <b>HTML</b> card</p>',
    );
    expect(draft.warnings).toEqual(["A Ghost signup card was left out: it has no equivalent here."]);
  });

  it("renders the body from Mobiledoc when there is neither html nor Lexical", () => {
    expect(byId(entries, "a4").html).toBe(
      '<p>Plain <strong>bold</strong><a href="https://example.com/x"> link</a></p><h2>Sub</h2><figure><img src="/content/images/2026/09/m.jpg" alt="Mob alt"><figcaption>Mobiledoc caption</figcaption></figure><ul><li>one</li><li>two</li></ul><p>Raw card</p><p>Some <em>markdown</em></p><p>Second para</p>',
    );
  });

  it("reports a post without a title by its JSON path and reads on", () => {
    const failures = entries.flatMap((e) => ("failure" in e ? [e.failure] : []));
    expect(failures).toEqual([
      {
        sourceId: "66f0000000000000000000a6",
        title: null,
        reason: "The post at db[0].data.posts[5] could not be read: it has no title",
      },
    ]);
    expect(byId(entries, "a7").warnings).toEqual([
      "The post was for paid readers on Ghost; it is imported without that limit.",
    ]);
  });

  describe("rejects a bad file before yielding anything", () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "gazette-ghost-"));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    const rejection = async (path: string, options?: GhostReaderOptions): Promise<ImportFormatError> => {
      try {
        for await (const _ of new GhostReader(path, options).entries()) throw new Error("yielded an entry");
      } catch (error) {
        if (error instanceof ImportFormatError) return error;
        throw error;
      }
      throw new Error("no error");
    };

    it("when the JSON is broken, naming the line and column", async () => {
      const error = await rejection(fixture("malformed/ghost-syntax.json"));
      expect(error.where).toBe("line 13, column 23");
      expect(error.message).toMatch(/^The file is not valid JSON/);
    });

    it("when the JSON is cut short", async () => {
      const path = join(dir, "cut.json");
      await writeFile(path, '{"db":[{"meta":{},"data":{"posts":[{"id":"1",');
      expect((await rejection(path)).message).toMatch(/not valid JSON/);
    });

    it("when it is JSON of another shape, naming the path", async () => {
      expect((await rejection(fixture("malformed/ghost-wrong-shape.json"))).where).toBe("db[0].data.posts");
      const path = join(dir, "other.json");
      await writeFile(path, '{"posts":[]}');
      expect((await rejection(path)).where).toBe("db[0].data");
    });

    it("when it is XML", async () => {
      expect((await rejection(fixture("wordpress-1.1.xml"))).message).toMatch(/XML, not a Ghost JSON export/);
    });

    it("when it is larger than the size cap", async () => {
      const error = await rejection(fixture("ghost-5.json"), { maxBytes: 100 });
      expect(error.message).toMatch(/over the 0 MB this importer reads at once/);
    });

    it("reads an export without the db wrapper", async () => {
      const path = join(dir, "bare.json");
      await writeFile(
        path,
        JSON.stringify({
          meta: { version: "4.48.0" },
          data: { posts: [{ id: "p", title: "T", slug: "t", html: "<p>x</p>", status: "published" }] },
        }),
      );
      const { entries: bare } = await readAll(path);
      expect(items(bare)).toMatchObject([{ sourceId: "p", title: "T", html: "<p>x</p>", oldUrls: ["/t/"] }]);
    });
  });
});

describe("Ghost body rendering", () => {
  it("renders numbered lists, nested formats and code blocks from Lexical", () => {
    const doc = {
      root: {
        children: [
          {
            type: "list",
            listType: "number",
            children: [{ type: "listitem", children: [{ type: "text", text: "a", format: 3 }] }],
          },
          { type: "codeblock", code: "<b>x</b>" },
          { type: "mystery", children: [{ type: "text", text: "kept" }] },
        ],
      },
    };
    const { html, warnings } = renderLexical(JSON.stringify(doc));
    expect(html).toBe("<ol><li><strong><em>a</em></strong></li></ol><pre>&lt;b&gt;x&lt;/b&gt;</pre>kept");
    expect(warnings).toEqual(['A Ghost "mystery" block is unknown; only its text was kept.']);
  });

  it("keeps a non-video embed as a link and drops uploaded video with a warning", () => {
    const doc = {
      version: "0.3.1",
      cards: [
        ["embed", { url: "https://twitter.com/a/status/1" }],
        ["video", { src: "/content/media/v.mp4" }],
      ],
      sections: [
        [10, 0],
        [10, 1],
      ],
    };
    const { html, warnings } = renderMobiledoc(JSON.stringify(doc));
    expect(html).toBe('<p><a href="https://twitter.com/a/status/1">https://twitter.com/a/status/1</a></p>');
    expect(warnings).toHaveLength(2);
  });

  it("finds the path under content/images, sized copies included", () => {
    expect(ghostLocalPath("https://g.example/content/images/size/w600/2024/01/a%20b.jpg")).toBe("2024/01/a b.jpg");
    expect(ghostLocalPath("/content/images/2024/01/a.jpg")).toBe("2024/01/a.jpg");
    expect(ghostLocalPath("https://cdn.example/a.jpg")).toBeUndefined();
  });
});
