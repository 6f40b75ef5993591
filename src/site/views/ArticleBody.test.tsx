import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { nestedLists } from "../../../test/factories.js";
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
