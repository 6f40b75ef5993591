import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { nestedLists } from "../../../test/factories.js";
import { audioRow, documentRow } from "../../../test/media-fixtures.js";
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
