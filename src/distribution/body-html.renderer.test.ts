import { describe, expect, it } from "vitest";
import { nestedLists, socialPostNode } from "../../test/factories.js";
import { audioRow, documentRow } from "../../test/media-fixtures.js";
import { notedBodies } from "../../test/note-fixtures.js";
import type { BodyDocument } from "../newsroom/body.types.js";
import type { MediaRow } from "../platform/db/schema.js";
import { renderBodyHtml } from "./body-html.renderer.js";

const image: MediaRow = {
  id: 7,
  file_key: "img00007",
  mime: "image/jpeg",
  width: 1600,
  height: 900,
  alt: 'Ruins "after" the strike',
  caption: "A street in March.",
  credit: "Photo: Agency",
  created_at: "2026-03-01T00:00:00.000Z",
  uploaded_by: null,
  uploaded_by_token: null,
  byte_size: null,
  duration_ms: null,
  page_count: null,
  exif_traces: "[]",
};

const options = {
  articleUrl: "https://news.example/en/news/story",
  imageUrl: (row: MediaRow) => ({
    url: `https://news.example/media/${row.file_key}/1200.jpg`,
    width: 1200,
    height: 675,
  }),
};

const render = (content: BodyDocument["content"]) =>
  renderBodyHtml({ type: "doc", content }, new Map([[7, image]]), options);

describe("feed HTML of a body", () => {
  it("escapes text, so markup in a paragraph is shown, not run", () => {
    const html = render([{ type: "paragraph", content: [{ type: "text", text: "<script>alert(1)</script> & ]]>" }] }]);
    expect(html).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt;</p>");
  });

  it("makes site links and anchors absolute and drops unsafe links", () => {
    const html = render([
      {
        type: "paragraph",
        content: [
          { type: "text", text: "site", marks: [{ type: "link", attrs: { href: "/en/news/other" } }] },
          { type: "text", text: "anchor", marks: [{ type: "link", attrs: { href: "#part-2" } }] },
          { type: "text", text: "bad", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] },
          {
            type: "text",
            text: "bold",
            marks: [{ type: "bold" }, { type: "link", attrs: { href: "https://x.example/?a=1&b=2" } }],
          },
        ],
      },
    ]);
    expect(html).toContain('<a href="https://news.example/en/news/other">site</a>');
    expect(html).toContain('<a href="https://news.example/en/news/story#part-2">anchor</a>');
    expect(html).toContain("bad");
    expect(html).not.toContain("javascript:");
    expect(html).toContain('<a href="https://x.example/?a=1&amp;b=2"><strong>bold</strong></a>');
  });

  it("renders images with absolute URLs, size, alt text, caption and credit", () => {
    const html = render([{ type: "image", attrs: { mediaId: 7 } }]);
    expect(html).toBe(
      '<figure><img src="https://news.example/media/img00007/1200.jpg" width="1200" height="675" alt="Ruins &quot;after&quot; the strike"><figcaption>A street in March. <small>Photo: Agency</small></figcaption></figure>',
    );
    expect(render([{ type: "image", attrs: { mediaId: 99 } }])).toBe("");
  });

  it("turns embeds into links to the video, never an iframe", () => {
    const html = render([
      { type: "embed", attrs: { provider: "youtube", videoId: "abc_123", title: "Mine clearing" } },
    ]);
    expect(html).toBe('<p><a href="https://www.youtube.com/watch?v=abc_123">Mine clearing</a></p>');
  });

  it("keeps quotes with their citation, lists, headings and key takeaways", () => {
    const p = (text: string) => ({ type: "paragraph" as const, content: [{ type: "text" as const, text }] });
    const html = render([
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Heading" }] },
      { type: "blockquote", attrs: { citation: "The monitor" }, content: [p("Quoted.")] },
      { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [p("Third")] }] },
      { type: "takeaways", attrs: { title: "Key takeaways", items: ["One", "Two <b>"] } },
      { type: "horizontalRule" },
    ]);
    expect(html).toBe(
      "<h2>Heading</h2><figure><blockquote><p>Quoted.</p></blockquote><figcaption>— The monitor</figcaption></figure>" +
        '<ol start="3"><li>Third</li></ol><h3>Key takeaways</h3><ul><li>One</li><li>Two &lt;b&gt;</li></ul><hr>',
    );
  });

  it("renders a body stored 5000 lists deep before the depth limit, down to the ninth list", () => {
    const html = renderBodyHtml(nestedLists(5_000), new Map(), options);
    expect(html).toContain("Level 9<");
    expect(html).not.toContain("Level 10<");
  });

  it("writes a timeline as an ordered list of dated steps, in the edition's language, all text escaped", () => {
    const timeline = {
      type: "timeline" as const,
      attrs: {
        title: "Chronology <script>",
        entries: [
          { date: "2026-12-01", text: "First <img src=x onerror=alert(1)>" },
          { date: "", text: "Not dated yet" },
        ],
      },
    };
    expect(render([timeline])).toBe(
      '<h3>Chronology &lt;script&gt;</h3><ol><li><time datetime="2026-12-01">2026-12-01</time>: First &lt;img src=x onerror=alert(1)&gt;</li><li>Not dated yet</li></ol>',
    );
    expect(renderBodyHtml({ type: "doc", content: [timeline] }, new Map(), { ...options, language: "en" })).toContain(
      '<time datetime="2026-12-01">1 December 2026</time>',
    );
  });

  it("writes a factbox as an aside with its title, its paragraphs and lists, all text escaped", () => {
    const para = (t: string) => ({ type: "paragraph" as const, content: [{ type: "text" as const, text: t }] });
    expect(
      render([
        {
          type: "factbox",
          attrs: { title: "The <town>" },
          content: [
            para("70,000 <people>"),
            { type: "bulletList", content: [{ type: "listItem", content: [para("Rail hub")] }] },
          ],
        },
      ]),
    ).toBe("<aside><h3>The &lt;town&gt;</h3><p>70,000 &lt;people&gt;</p><ul><li>Rail hub</li></ul></aside>");
  });
});

describe("feed HTML of a social post", () => {
  it("writes the card as a quote with a link, the text escaped and nothing loaded from the platform", () => {
    const post = socialPostNode({ text: "Sirens <script>alert(1)</script>\n\nSecond part", mediaId: 7 });
    const html = renderBodyHtml({ type: "doc", content: [post] }, new Map([[7, image]]), {
      ...options,
      language: "uk",
    });
    expect(html).toBe(
      '<figure><blockquote cite="https://t.me/frontline_news/4821"><p>Sirens &lt;script&gt;alert(1)&lt;/script&gt;</p><p>Second part</p></blockquote>' +
        '<figcaption>— Frontline News, Telegram, <time datetime="2026-12-01T06:15">1 грудня 2026 р. о 06:15</time>. ' +
        'Допис у тому вигляді, як його процитовано <time datetime="2026-12-02">2 грудня 2026 р.</time>. ' +
        '<a href="https://t.me/frontline_news/4821">https://t.me/frontline_news/4821</a></figcaption></figure>',
    );
    expect(html).not.toMatch(/src="https:\/\/t\.me/);
  });

  it("leaves out the quoted-on line for a card fetched from the platform", () => {
    expect(render([socialPostNode({ source: "fetched" })])).not.toContain("quoted on");
    expect(render([socialPostNode({ source: "manual" })])).toContain("Post as quoted on");
  });
});

describe("feed HTML of a gallery", () => {
  it("gives each photo in order as a figure with its caption and credit, escaped", () => {
    const second: MediaRow = { ...image, id: 8, file_key: "img00008", caption: null, credit: null };
    const html = renderBodyHtml(
      {
        type: "doc",
        content: [
          {
            type: "gallery",
            attrs: {
              layout: "grid",
              photos: [{ mediaId: 8, caption: "<b>Second</b>", alt: "Two" }, { mediaId: 7 }, { mediaId: 404 }],
            },
          },
        ],
      },
      new Map([
        [7, image],
        [8, second],
      ]),
      options,
    );
    expect(html).toBe(
      '<figure><img src="https://news.example/media/img00008/1200.jpg" width="1200" height="675" alt="Two">' +
        "<figcaption>&lt;b&gt;Second&lt;/b&gt;</figcaption></figure>" +
        '<figure><img src="https://news.example/media/img00007/1200.jpg" width="1200" height="675" alt="Ruins &quot;after&quot; the strike">' +
        "<figcaption>A street in March. <small>Photo: Agency</small></figcaption></figure>",
    );
  });
});

describe("feed HTML of related stories", () => {
  it("lists the resolved stories as links in the picked order, escaped, and drops a block with none", () => {
    const related = new Map([
      [2, { title: "Power <back>", url: "https://news.example/en/news/power" }],
      [1, { title: "Bridge", url: "https://news.example/en/news/bridge" }],
    ]);
    const body = (ids: number[]): BodyDocument => ({
      type: "doc",
      content: [{ type: "related", attrs: { title: "Read also", articleIds: ids } }],
    });
    expect(renderBodyHtml(body([2, 9, 1]), new Map(), { ...options, related })).toBe(
      '<h3>Read also</h3><ul><li><a href="https://news.example/en/news/power">Power &lt;back&gt;</a></li>' +
        '<li><a href="https://news.example/en/news/bridge">Bridge</a></li></ul>',
    );
    expect(renderBodyHtml(body([9]), new Map(), { ...options, related })).toBe("");
    expect(renderBodyHtml(body([1]), new Map(), options)).toBe("");
  });
});

describe("feed HTML of audio and documents", () => {
  const media = new Map<number, MediaRow>([
    [21, audioRow(21)],
    [22, documentRow(22)],
  ]);
  const renderWith = (content: BodyDocument["content"]) => renderBodyHtml({ type: "doc", content }, media, options);

  it("links a clip absolutely with its type and length, and gives its transcript as escaped paragraphs", () => {
    expect(
      renderWith([{ type: "audio", attrs: { mediaId: 21, title: "Briefing", transcript: "One <b>\n\nTwo" } }]),
    ).toBe(
      '<p><a href="https://news.example/media/aud21x/audio.mp3" type="audio/mpeg">Briefing</a> (3:07)</p>' +
        "<blockquote><p>One &lt;b&gt;</p><p>Two</p></blockquote>",
    );
  });

  it("links a PDF with its pages and size, and leaves out a block whose item is of another kind", () => {
    expect(renderWith([{ type: "document", attrs: { mediaId: 22, title: "Report" } }])).toBe(
      '<p><a href="https://news.example/media/doc22x/document.pdf" type="application/pdf">Report</a> (PDF, 12 pp., 840 KB)</p>',
    );
    expect(renderWith([{ type: "document", attrs: { mediaId: 21, title: "Clip" } }])).toBe("");
  });
});

describe("editorial notes in feed HTML", () => {
  it("renders a body with note marks exactly as the same body without them", () => {
    const { plain, noted } = notedBodies();
    expect(render(noted.content)).toBe(render(plain.content));
  });
});
