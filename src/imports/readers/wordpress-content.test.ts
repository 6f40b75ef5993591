import { describe, expect, it } from "vitest";
import { importHtml } from "../../newsroom/html-import.js";
import {
  autop,
  cleanWordPressContent,
  type WordPressAttachment,
  type WordPressContentContext,
} from "./wordpress-content.js";

const attachments = new Map<string, WordPressAttachment>([
  ["11", { id: "11", url: "https://old.example.org/wp-content/uploads/2020/01/a.jpg", caption: "First", alt: "A" }],
  ["12", { id: "12", url: "https://old.example.org/wp-content/uploads/2020/01/b.jpg", credit: "Studio B" }],
]);

const context: WordPressContentContext = {
  siteUrl: "https://old.example.org",
  attachment: (id) => attachments.get(id),
  childAttachments: () => [attachments.get("12")!, attachments.get("11")!],
};

const clean = (raw: string) => cleanWordPressContent(raw, context);

describe("WordPress content cleaning", () => {
  it("gives classic content its paragraphs and line breaks, as WordPress shows it", () => {
    expect(clean("One\ntwo\n\nThree").html).toBe("<p>One<br>\ntwo</p>\n<p>Three</p>");
  });

  it("leaves block content's own paragraphs alone and drops the block comments", () => {
    const { html } = clean('<!-- wp:paragraph {"align":"center"} -->\n<p>Block</p>\n<!-- /wp:paragraph -->');
    expect(html).toBe("<p>Block</p>");
  });

  it("keeps preformatted text's line breaks through the paragraph pass", () => {
    expect(clean("Code:\n\n<pre>a\n\nb</pre>").html).toBe("<p>Code:</p>\n<pre>a\n\nb</pre>");
  });

  it("turns [caption] into a figure with its caption, dropping the link around the image", () => {
    const { html, images } = clean(
      '[caption id="attachment_11" width="300"]<a href="/big.jpg"><img src="/wp-content/uploads/2020/01/a-300x200.jpg" alt="Alt" class="wp-image-11" /></a> The <em>caption</em>[/caption]',
    );
    expect(html).toBe(
      '<figure><img src="https://old.example.org/wp-content/uploads/2020/01/a-300x200.jpg" alt="Alt" class="wp-image-11"><figcaption>The <em>caption</em></figcaption></figure>',
    );
    expect(images).toEqual([
      {
        url: "https://old.example.org/wp-content/uploads/2020/01/a-300x200.jpg",
        localPath: "2020/01/a-300x200.jpg",
        alt: "Alt",
        caption: "The caption",
      },
    ]);
  });

  it("reads the older caption attribute form", () => {
    expect(clean('[caption caption="Old style"]<img src="https://x.example/i.jpg" />[/caption]').html).toContain(
      "<figcaption>Old style</figcaption>",
    );
  });

  it("shows a gallery's images by id, or the post's own attachments when it names none", () => {
    expect(clean('[gallery ids="12,11"]').images.map((i) => i.url)).toEqual([
      "https://old.example.org/wp-content/uploads/2020/01/b.jpg",
      "https://old.example.org/wp-content/uploads/2020/01/a.jpg",
    ]);
    const own = clean('[gallery columns="2"]');
    expect(own.images.map((i) => [i.credit, i.caption])).toEqual([
      ["Studio B", undefined],
      [undefined, "First"],
    ]);
  });

  it("warns about gallery images missing from the export", () => {
    const { images, warnings } = clean('[gallery ids="11,99"]');
    expect(images).toHaveLength(1);
    expect(warnings).toEqual(["Some gallery images are not in the export and were left out."]);
  });

  it("turns [embed] and a video address on its own line into frames the HTML import keeps as videos", () => {
    const raw = "Before\n\n[embed]https://youtu.be/dQw4w9WgXcQ[/embed]\n\nhttps://vimeo.com/76979871\n\nAfter";
    const { html, warnings } = clean(raw);
    expect(warnings).toEqual([]);
    const body = importHtml(html).body;
    expect(body.content.map((block) => block.type)).toEqual(["paragraph", "embed", "embed", "paragraph"]);
    expect(body.content[1]).toMatchObject({ attrs: { provider: "youtube", videoId: "dQw4w9WgXcQ" } });
    expect(body.content[2]).toMatchObject({ attrs: { provider: "vimeo", videoId: "76979871" } });
  });

  it("keeps another embed as a link, and a URL inside a sentence as text", () => {
    const { html, warnings } = clean(
      "[embed]https://twitter.com/x/status/1[/embed]\n\nRead https://example.com today.",
    );
    expect(html).toContain('<a href="https://twitter.com/x/status/1">https://twitter.com/x/status/1</a>');
    expect(html).toContain("<p>Read https://example.com today.</p>");
    expect(warnings).toEqual([
      "An embed from twitter.com was kept as a link: only YouTube and Vimeo videos are embedded.",
    ]);
  });

  it("drops unknown shortcodes with a warning, keeping the text they wrap", () => {
    const { html, warnings } = clean('[contact-form-7 id="5"]\n\n[su_box title="Note"]Keep me[/su_box]');
    expect(html).toBe("<p>Keep me</p>");
    expect(warnings).toEqual([
      "The shortcode [contact-form-7] was removed.",
      "The shortcode [su_box] was removed; the text inside it was kept.",
    ]);
  });

  it("leaves square brackets in prose and escaped shortcodes as text", () => {
    const { html, warnings } = clean("He said [sic] it was [Updated] fine; write [[gallery]] to show one. See [1].");
    expect(html).toBe("<p>He said [sic] it was [Updated] fine; write [gallery] to show one. See [1].</p>");
    expect(warnings).toEqual([]);
  });

  it("drops video files and audio with a warning", () => {
    const { html, warnings } = clean('[video mp4="https://old.example.org/clip.mp4"][/video]\n\n[audio src="a.mp3"]');
    expect(html).toBe("");
    expect(warnings).toHaveLength(2);
  });

  it("produces HTML the editor's import accepts with images reported, never scripts", () => {
    const { html } = clean('<script>alert(1)</script>Text\n\n<img src="/wp-content/uploads/x.jpg" onerror="alert(1)">');
    const result = importHtml(html);
    expect(JSON.stringify(result.body)).not.toContain("alert");
  });
});

describe("autop", () => {
  it("does not wrap block elements in paragraphs", () => {
    expect(autop("<blockquote>Quote</blockquote>\n\nText")).toBe("<blockquote>Quote</blockquote>\n<p>Text</p>\n");
  });

  it("returns nothing for blank content", () => {
    expect(autop(" \n\n ")).toBe("");
  });
});
