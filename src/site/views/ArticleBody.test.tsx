import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { nestedLists, socialPostNode } from "../../../test/factories.js";
import { audioRow, documentRow } from "../../../test/media-fixtures.js";
import { notedBodies } from "../../../test/note-fixtures.js";
import type { BodyDocument } from "../../newsroom/body.types.js";
import type { MediaRow } from "../../platform/db/schema.js";
import { ArticleBody } from "./ArticleBody.js";

const p = (text: string) => ({ type: "paragraph" as const, content: [{ type: "text" as const, text }] });

function render(body: BodyDocument, media = new Map<number, MediaRow>()) {
  return renderToString(
    <ArticleBody
      body={body}
      media={media}
      language="en"
      videoSlot={<aside data-slot="video-of-the-day">VIDEO</aside>}
      sourceAttribution={<p class="source">SOURCE</p>}
    />,
  );
}

describe("web renderer of article bodies", () => {
  it("puts the video of the day after the third paragraph", () => {
    const html = render({
      type: "doc",
      content: [p("one"), p("two"), { type: "horizontalRule" }, p("three"), p("four")],
    });
    expect(html.indexOf("VIDEO")).toBeGreaterThan(html.indexOf("three"));
    expect(html.indexOf("VIDEO")).toBeLessThan(html.indexOf("four"));
  });

  it("puts the video at the end of a body shorter than three paragraphs", () => {
    const html = render({ type: "doc", content: [p("one")] });
    expect(html.indexOf("VIDEO")).toBeGreaterThan(html.indexOf("one"));
  });

  it("places the source attribution right before the takeaways block", () => {
    const html = render({
      type: "doc",
      content: [p("one"), { type: "takeaways", attrs: { title: "Other conclusions", items: ["A", "B"] } }, p("after")],
    });
    expect(html).toMatch(/SOURCE<\/p><section class="takeaways" data-block="takeaways"/);
    expect(html).toContain("<li>A</li><li>B</li>");
  });

  it("escapes text instead of passing HTML through", () => {
    const html = render({ type: "doc", content: [p("<script>alert(1)</script>")] });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script>");
  });

  it("renders marks, quotes with citation, and nested lists", () => {
    const html = render({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            {
              type: "text",
              text: "linked",
              marks: [{ type: "bold" }, { type: "link", attrs: { href: "https://example.org" } }],
            },
          ],
        },
        { type: "blockquote", attrs: { citation: "Analyst" }, content: [p("Quote")] },
        {
          type: "bulletList",
          content: [
            {
              type: "listItem",
              content: [p("outer"), { type: "bulletList", content: [{ type: "listItem", content: [p("inner")] }] }],
            },
          ],
        },
      ],
    });
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer"><strong>linked</strong></a>');
    expect(html).toContain("<figcaption>— Analyst</figcaption>");
    expect(html).toContain("<li>outer<ul><li>inner</li></ul></li>");
  });

  it("drops a link whose href is unsafe even if it slipped into storage", () => {
    const html = render({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }],
        },
      ],
    });
    expect(html).not.toContain("javascript:");
  });

  it("renders a body image with srcset, caption and credit", () => {
    const media = new Map<number, MediaRow>([
      [
        7,
        {
          id: 7,
          file_key: "abcd1234",
          mime: "image/jpeg",
          width: 1600,
          height: 900,
          alt: "Alt",
          caption: "Cap",
          credit: "Photo: Y",
          created_at: "",
          uploaded_by: null,
          uploaded_by_token: null,
          byte_size: null,
          duration_ms: null,
          page_count: null,
          exif_traces: "[]",
        },
      ],
    ]);
    const html = render({ type: "doc", content: [{ type: "image", attrs: { mediaId: 7 } }] }, media);
    expect(html).toContain('srcset="/media/abcd1234/320.webp 320w');
    expect(html).toContain('<figcaption>Cap<span class="credit"> Photo: Y</span></figcaption>');
  });

  it("renders an embed as a click-to-load link, with no iframe", () => {
    const html = render({
      type: "doc",
      content: [{ type: "embed", attrs: { provider: "youtube", videoId: "abcdefghijk", title: "Clip" } }],
    });
    expect(html).toContain('href="https://www.youtube.com/watch?v=abcdefghijk"');
    expect(html).not.toContain("<iframe");
  });

  it("renders a body stored 5000 lists deep before the depth limit, down to the ninth list", () => {
    const html = render(nestedLists(5_000));
    expect(html).toContain("Level 9<");
    expect(html).not.toContain("Level 10<");
    expect(html.match(/<ul>/g)).toHaveLength(9);
  });

  it("shows a timeline as a labelled list of dates and steps, the dates in the reader's language", () => {
    const html = renderToString(
      <ArticleBody
        language="uk"
        media={new Map()}
        body={{
          type: "doc",
          content: [
            {
              type: "timeline",
              attrs: {
                title: "Що відомо",
                entries: [
                  { date: "2026-12-01T06:15", text: "Вибухи <b>в місті</b>" },
                  { date: "", text: "Без дати" },
                ],
              },
            },
          ],
        }}
      />,
    );
    expect(html).toContain('<section class="timeline" data-block="timeline" aria-labelledby="timeline-0">');
    expect(html).toContain('<h2 id="timeline-0">Що відомо</h2>');
    expect(html).toMatch(/<time datetime="2026-12-01T06:15">1 грудня 2026[^<]*06:15<\/time><p>Вибухи &lt;b/);
    expect(html).not.toContain("<b>");
    expect(html).toContain("<li><p>Без дати</p></li>");
  });

  it("shows a factbox as a labelled aside holding its paragraphs and lists", () => {
    const html = render({
      type: "doc",
      content: [
        p("Story."),
        {
          type: "factbox",
          attrs: { title: "The town <b>" },
          content: [
            p("Before the war: 70,000."),
            { type: "bulletList", content: [{ type: "listItem", content: [p("Rail hub")] }] },
          ],
        },
      ],
    });
    expect(html).toContain(
      '<aside class="factbox" data-block="factbox" aria-labelledby="factbox-1"><h2 id="factbox-1">The town &lt;b',
    );
    expect(html).toContain("<p>Before the war: 70,000.</p><ul><li>Rail hub</li></ul></aside>");
  });
});

describe("web renderer of social posts", () => {
  const photo: MediaRow = {
    id: 9,
    file_key: "social0009",
    mime: "image/jpeg",
    width: 1200,
    height: 800,
    alt: "Smoke over the district",
    caption: null,
    credit: null,
    created_at: "2026-12-01T00:00:00.000Z",
    uploaded_by: null,
    uploaded_by_token: null,
    byte_size: null,
    duration_ms: null,
    page_count: null,
    exif_traces: "[]",
  };

  it("shows a static card whose image is ours and no src, srcset or frame points at the platform", () => {
    const html = render(
      { type: "doc", content: [socialPostNode({ source: "fetched", mediaId: 9, text: "Part one\n\nPart two" })] },
      new Map([[9, photo]]),
    );
    expect(html).toContain('data-block="socialPost"');
    expect(html).toContain('<strong class="social-post__author"> Frontline News</strong>');
    expect(html).toContain('<time datetime="2026-12-01T06:15">1 December 2026 at 06:15</time>');
    expect(html).toContain("<p>Part one</p><p>Part two</p>");
    expect(html).toContain('src="/media/social0009/');
    expect(html).toContain('href="https://t.me/frontline_news/4821"');
    expect(html).toContain('data-social-embed="/embed/social?url=https%3A%2F%2Ft.me%2Ffrontline_news%2F4821"');
    expect(html).not.toContain("<iframe");
    expect(html).not.toContain("<script");
    const sources = [...html.matchAll(/\b(?:src|srcset)="([^"]*)"/g)].map((match) => match[1]);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(source).not.toMatch(/t\.me|twitter|x\.com|https?:/);
    expect(html).not.toContain("as quoted on");
  });

  it("says 'post as quoted on' a typed card in the edition's language, with hostile text inert", () => {
    const node = socialPostNode({ text: '<img src=x onerror="alert(1)">', author: "<b>Who</b>" });
    const uk = renderToString(<ArticleBody body={{ type: "doc", content: [node] }} media={new Map()} language="uk" />);
    expect(uk).toContain("Допис у тому вигляді, як його процитовано 2 грудня 2026 р.");
    expect(uk).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;>");
    expect(uk).not.toContain("<img");
    expect(uk).not.toContain("<b>Who");
    const ru = renderToString(<ArticleBody body={{ type: "doc", content: [node] }} media={new Map()} language="ru" />);
    expect(ru).toContain("Публикация в том виде, как её процитировали 2 декабря 2026 г.");
    expect(render({ type: "doc", content: [node] })).toContain("Post as quoted on 2 December 2026.");
  });
});

describe("web renderer of galleries", () => {
  const row = (id: number, over: Partial<MediaRow> = {}): MediaRow => ({
    id,
    file_key: `gal0000${id}`,
    mime: "image/jpeg",
    width: 1600,
    height: 1067,
    alt: `Library alt ${id}`,
    caption: `Library caption ${id}`,
    credit: `Library credit ${id}`,
    created_at: "",
    uploaded_by: null,
    uploaded_by_token: null,
    byte_size: null,
    duration_ms: null,
    page_count: null,
    exif_traces: "[]",
    ...over,
  });
  const media = new Map<number, MediaRow>([
    [1, row(1)],
    [2, row(2)],
  ]);

  it("shows the photos in order as responsive images linking to their largest size, story fields over the library's", () => {
    const html = render(
      {
        type: "doc",
        content: [
          {
            type: "gallery",
            attrs: {
              layout: "grid",
              photos: [{ mediaId: 2, caption: "Story caption", credit: null, alt: "Story alt" }, { mediaId: 1 }],
            },
          },
        ],
      },
      media,
    );
    expect(html).toContain(
      '<ul class="gallery gallery--grid" data-block="gallery" data-gallery aria-label="Photo gallery"',
    );
    expect(html).toContain('aria-label="Open photo 2 of 2 full screen"');
    expect(html).toContain('data-label-close="Close"');
    expect(html.indexOf("gal00002")).toBeLessThan(html.indexOf("gal00001"));
    expect(html).toContain('href="/media/gal00002/1600.jpg"');
    expect(html).toContain('srcset="/media/gal00002/320.avif 320w');
    expect(html).toContain('alt="Story alt"');
    expect(html).toContain('<figcaption>Story caption<span class="credit"> Library credit 2</span></figcaption>');
    expect(html).toContain('<figcaption>Library caption 1<span class="credit"> Library credit 1</span></figcaption>');
  });

  it("keeps markup in captions inert and leaves out photos no longer in the library", () => {
    const html = render(
      {
        type: "doc",
        content: [
          {
            type: "gallery",
            attrs: {
              layout: "slideshow",
              photos: [{ mediaId: 1, caption: "<script>alert(1)</script>" }, { mediaId: 99 }],
            },
          },
        ],
      },
      media,
    );
    expect(html).toContain("gallery--slideshow");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script>alert(1)&lt;/script>");
    expect(html).toContain('aria-label="Open photo 1 of 1 full screen"');
    expect(html).not.toContain("/media/99");
  });

  it("draws nothing for a gallery whose photos are all gone", () => {
    const html = render({
      type: "doc",
      content: [{ type: "gallery", attrs: { layout: "grid", photos: [{ mediaId: 98 }, { mediaId: 99 }] } }],
    });
    expect(html).not.toContain("gallery");
  });
});

describe("web renderer of related stories", () => {
  it("leaves a related-stories block to the page's slot, and out where no slot is given (Content API, live entries)", () => {
    const body: BodyDocument = {
      type: "doc",
      content: [{ type: "related", attrs: { title: "Read also", articleIds: [1, 2] } }],
    };
    expect(render(body)).not.toContain("Read also");
    const html = renderToString(
      <ArticleBody
        body={body}
        media={new Map()}
        language="en"
        related={(node, index) => <p data-index={index}>{node.attrs.articleIds.join("+")}</p>}
      />,
    );
    expect(html).toContain('<p data-index="0">1+2</p>');
  });
});

describe("web renderer of audio and document blocks", () => {
  const media = new Map<number, MediaRow>([
    [21, audioRow(21)],
    [22, documentRow(22)],
  ]);

  it("gives a clip a native player that loads nothing before play, and its transcript in a no-JS toggle", () => {
    const html = render(
      {
        type: "doc",
        content: [
          {
            type: "audio",
            attrs: { mediaId: 21, title: "Briefing <b>", transcript: "Host: <script>x</script>\n\nGuest: Hi." },
          },
        ],
      },
      media,
    );
    expect(html).toContain('<figure class="body-audio" data-block="audio"><figcaption>Briefing &lt;b>');
    expect(html).toContain("Length 3:07");
    expect(html).toContain('<audio controls preload="none" src="/media/aud21x/audio.mp3"></audio>');
    expect(html).toContain(
      '<details class="body-audio__transcript"><summary>Transcript</summary><p>Host: &lt;script>x&lt;/script></p><p>Guest: Hi.</p></details>',
    );
    expect(html).not.toContain("<script>");
  });

  it("shows a PDF as a download card with its first page, pages and size", () => {
    const html = render(
      { type: "doc", content: [{ type: "document", attrs: { mediaId: 22, title: "Report" } }] },
      media,
    );
    expect(html).toContain(
      '<a class="document-card" data-block="document" href="/media/doc22x/document.pdf" download>',
    );
    expect(html).toContain('<img src="/media/doc22x/page-1.jpg" alt width="640" height="905"');
    expect(html).toContain("PDF · Pages: 12 · 840 KB");
  });

  it("shows nothing for a block whose media item is missing or of another kind", () => {
    const html = render(
      {
        type: "doc",
        content: [
          { type: "audio", attrs: { mediaId: 22, title: "A PDF posing as a clip" } },
          { type: "document", attrs: { mediaId: 99, title: "Gone" } },
          { type: "image", attrs: { mediaId: 21 } },
        ],
      },
      media,
    );
    expect(html).not.toContain("<audio");
    expect(html).not.toContain("document-card");
    expect(html).not.toContain("<img");
  });
});

describe("editorial notes in the web renderer", () => {
  it("draws a body with note marks exactly as the same body without them", () => {
    const { plain, noted } = notedBodies();
    expect(render(noted)).toBe(render(plain));
  });
});
