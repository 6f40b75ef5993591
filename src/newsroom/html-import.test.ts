import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import type { BlockNode, InlineNode, Mark, ParagraphNode } from "./body.types.js";
import { findBodyIssues } from "./body.validator.js";
import { importHtml } from "./html-import.js";

const bold: Mark = { type: "bold" };
const italic: Mark = { type: "italic" };
const link = (href: string): Mark => ({ type: "link", attrs: { href } });
const text = (t: string, ...marks: Mark[]): InlineNode =>
  marks.length > 0 ? { type: "text", text: t, marks } : { type: "text", text: t };
const br: InlineNode = { type: "hardBreak" };
const p = (...content: (InlineNode | string)[]): ParagraphNode => ({
  type: "paragraph",
  content: content.map((c) => (typeof c === "string" ? text(c) : c)),
});
const doc = (...content: BlockNode[]) => ({ type: "doc", content });
const item = (...content: (ParagraphNode | BlockNode)[]) => ({ type: "listItem", content });
const youtube = (videoId: string, title = "Video"): BlockNode => ({
  type: "embed",
  attrs: { provider: "youtube", videoId, title },
});

/** The body of a one-line import, for the many cases that expect no warning. */
const body = (html: string) => {
  const result = importHtml(html);
  expect(result.warnings).toEqual([]);
  return result.body;
};

describe("importHtml: blocks", () => {
  it("turns an empty input into an empty document", () => {
    expect(importHtml("")).toEqual({ body: doc(), warnings: [] });
    expect(importHtml(" \n\t ")).toEqual({ body: doc(), warnings: [] });
  });

  it("turns p into paragraphs", () => {
    expect(body("<p>One</p><p>Two</p>")).toEqual(doc(p("One"), p("Two")));
  });

  it("maps h1 and h2 to level 2, h3 to 3 and h4 to h6 to 4", () => {
    const heading = (level: 2 | 3 | 4, t: string): BlockNode => ({
      type: "heading",
      attrs: { level },
      content: [text(t)],
    });
    expect(body("<h1>a</h1><h2>b</h2><h3>c</h3><h4>d</h4><h5>e</h5><h6>f</h6>")).toEqual(
      doc(heading(2, "a"), heading(2, "b"), heading(3, "c"), heading(4, "d"), heading(4, "e"), heading(4, "f")),
    );
  });

  it("turns ul into a bullet list and ol into an ordered list keeping start", () => {
    expect(body('<ul><li>a</li><li>b</li></ul><ol start="3"><li>c</li></ol><ol><li>d</li></ol>')).toEqual(
      doc(
        { type: "bulletList", content: [item(p("a")), item(p("b"))] } as BlockNode,
        { type: "orderedList", attrs: { start: 3 }, content: [item(p("c"))] } as BlockNode,
        { type: "orderedList", content: [item(p("d"))] } as BlockNode,
      ),
    );
  });

  it("ignores an ol start that is not a whole number", () => {
    expect(body('<ol start="x"><li>a</li></ol><ol start="-2"><li>b</li></ol>')).toEqual(
      doc(
        { type: "orderedList", content: [item(p("a"))] } as BlockNode,
        { type: "orderedList", content: [item(p("b"))] } as BlockNode,
      ),
    );
  });

  it("keeps nested lists inside their item", () => {
    expect(body("<ul><li>a<ol><li>a1</li></ol>tail</li></ul>")).toEqual(
      doc({
        type: "bulletList",
        content: [item(p("a"), { type: "orderedList", content: [item(p("a1"))] } as BlockNode, p("tail"))],
      } as BlockNode),
    );
  });

  it("attaches a list nested directly in a list to the previous item", () => {
    expect(body("<ul><li>a</li><ul><li>b</li></ul><li>c</li></ul>")).toEqual(
      doc({
        type: "bulletList",
        content: [item(p("a"), { type: "bulletList", content: [item(p("b"))] } as BlockNode), item(p("c"))],
      } as BlockNode),
    );
  });

  it("drops empty list items and empty lists", () => {
    expect(body("<ul><li> </li><li>a</li></ul><ol><li></li></ol><ul></ul>")).toEqual(
      doc({ type: "bulletList", content: [item(p("a"))] } as BlockNode),
    );
  });

  it("makes the text blocks of a blockquote its paragraphs", () => {
    expect(body("<blockquote>Loose<h2>Heading</h2><ul><li>Item</li></ul><p>Para</p></blockquote>")).toEqual(
      doc({ type: "blockquote", content: [p("Loose"), p("Heading"), p("Item"), p("Para")] }),
    );
  });

  it.each([
    ["cite", "<blockquote><p>Words</p><cite>Jane Doe</cite></blockquote>"],
    ["footer", "<blockquote><p>Words</p><footer>— <cite>Jane Doe</cite></footer></blockquote>"],
    ["figcaption", "<blockquote><p>Words</p><figcaption>-- Jane Doe</figcaption></blockquote>"],
    ["a cite inside the paragraph", "<blockquote><p>Words <cite>Jane   Doe</cite></p></blockquote>"],
    [
      "figure > blockquote + figcaption",
      "<figure><blockquote>Words</blockquote><figcaption>Jane Doe</figcaption></figure>",
    ],
  ])("takes a blockquote's citation from %s, without the leading dash", (_, html) => {
    expect(body(html)).toEqual(doc({ type: "blockquote", attrs: { citation: "Jane Doe" }, content: [p("Words")] }));
  });

  it("treats footer and figcaption outside a blockquote as ordinary blocks", () => {
    expect(body("<p>Story</p><footer>Copyright</footer><figcaption>Caption</figcaption>")).toEqual(
      doc(p("Story"), p("Copyright"), p("Caption")),
    );
  });

  it("moves a video out of a quote or a list to just after it", () => {
    const iframe = '<iframe src="https://youtu.be/dQw4w9WgXcQ"></iframe>';
    expect(body(`<blockquote><p>Q</p>${iframe}</blockquote><ul><li>L${iframe}</li></ul><p>End</p>`)).toEqual(
      doc(
        { type: "blockquote", content: [p("Q")] },
        youtube("dQw4w9WgXcQ"),
        { type: "bulletList", content: [item(p("L"))] } as BlockNode,
        youtube("dQw4w9WgXcQ"),
        p("End"),
      ),
    );
  });

  it("turns hr into a horizontal rule", () => {
    expect(body("<p>a</p><hr><p>b</p>")).toEqual(doc(p("a"), { type: "horizontalRule" }, p("b")));
  });

  it.each([
    ["https://www.youtube.com/embed/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"],
    ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0", "youtube", "dQw4w9WgXcQ"],
    ["https://youtu.be/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"],
    ["https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10", "youtube", "dQw4w9WgXcQ"],
    ["//www.youtube.com/embed/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"],
    ["https://player.vimeo.com/video/76979871?h=8272103f6e", "vimeo", "76979871"],
    ["https://vimeo.com/76979871", "vimeo", "76979871"],
  ])("turns an iframe of %s into an embed", (src, provider, videoId) => {
    expect(body(`<iframe src="${src}" title="The vote"></iframe>`)).toEqual(
      doc({ type: "embed", attrs: { provider, videoId, title: "The vote" } } as BlockNode),
    );
  });

  it('titles an embed "Video" when the iframe has no title', () => {
    expect(body('<iframe src="https://youtu.be/dQw4w9WgXcQ" title="  "></iframe>')).toEqual(
      doc(youtube("dQw4w9WgXcQ")),
    );
  });

  it("finds the iframe inside an a or a figure, keeping the figure's caption", () => {
    const iframe = '<iframe src="https://youtu.be/dQw4w9WgXcQ">fallback</iframe>';
    expect(
      body(
        `<a href="https://youtu.be/dQw4w9WgXcQ">${iframe}</a><figure>${iframe}<figcaption>The vote</figcaption></figure>`,
      ),
    ).toEqual(doc(youtube("dQw4w9WgXcQ"), youtube("dQw4w9WgXcQ"), p("The vote")));
  });

  it.each([
    ["https://evil.example/embed/x", "evil.example"],
    ["https://www.youtube.com.evil.example/embed/dQw4w9WgXcQ", "www.youtube.com.evil.example"],
    ["https://www.youtube.com/embed/short", "www.youtube.com"],
    ["javascript:alert(1)", ""],
    ["/embed/x", "/embed/x"],
  ])("drops any other iframe (%s) with a warning", (src, named) => {
    const result = importHtml(`<iframe src="${src}"></iframe>`);
    expect(result.body).toEqual(doc());
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toContain(`from ${named}`);
  });

  it("drops an iframe without src with a warning", () => {
    expect(importHtml("<iframe></iframe>")).toEqual({
      body: doc(),
      warnings: ["An embedded frame without a source was removed."],
    });
  });

  it("drops the caption of a figure whose embed was dropped", () => {
    expect(
      importHtml(
        '<figure><iframe src="https://evil.example/v/1"></iframe><figcaption>Evil video</figcaption></figure>',
      ),
    ).toEqual({
      body: doc(),
      warnings: ["An embedded frame from evil.example was removed: only YouTube and Vimeo videos are kept."],
    });
  });

  it("drops an image naming its src, and keeps its figure's caption", () => {
    expect(
      importHtml('<figure><img src="/photos/a.jpg" alt="A"><figcaption>The chamber</figcaption></figure>'),
    ).toEqual({
      body: doc(p("The chamber")),
      warnings: ["An image (/photos/a.jpg) was removed: upload it to the media library and insert it again."],
    });
  });

  it("truncates a long image src in the warning", () => {
    const src = `data:image/png;base64,${"A".repeat(5000)}`;
    const { warnings } = importHtml(`<img src="${src}">`);
    expect(warnings).toEqual([
      `An image (${src.slice(0, 59)}…) was removed: upload it to the media library and insert it again.`,
    ]);
  });

  it("flattens each table row into a paragraph of cells joined by a dash, with a warning", () => {
    const result = importHtml(
      "<table><caption>Results</caption><thead><tr><th>Party</th><th></th><th>Seats</th></tr></thead>" +
        "<tbody><tr><td><b>Green</b></td><td>12</td><td><p>a</p><p>b</p></td></tr></tbody></table>",
    );
    expect(result).toEqual({
      body: doc(p("Results"), p("Party — Seats"), p(text("Green", bold), " — 12 — a b")),
      warnings: ["A table was flattened: each row became a paragraph."],
    });
  });

  it("unwraps layout and unknown elements, keeping their content", () => {
    expect(
      body(
        "<section><article><main><header>H</header><center>C</center>" +
          '<div class="x"><font color="red">F</font><span>S</span><x-widget>U</x-widget></div></main></article></section>',
      ),
    ).toEqual(doc(p("H"), p("C"), p("FSU")));
  });

  it("makes loose text in a container a paragraph, split by the blocks around it", () => {
    expect(body("Intro <b>text</b><div>inner</div>outro<ul><li>x</li></ul>after")).toEqual(
      doc(
        p("Intro ", text("text", bold)),
        p("inner"),
        p("outro"),
        { type: "bulletList", content: [item(p("x"))] } as BlockNode,
        p("after"),
      ),
    );
  });

  it("keeps the line breaks of preformatted text", () => {
    expect(body("<pre>\nline 1\n  line   2\n</pre>")).toEqual(doc(p("line 1", br, "line 2")));
  });
});

describe("importHtml: inline content", () => {
  it("turns strong/b into bold and em/i into italic", () => {
    expect(body("<p><strong>a</strong> <b>b</b> <em>c</em> <i>d</i></p>")).toEqual(
      doc(p(text("a", bold), " ", text("b", bold), " ", text("c", italic), " ", text("d", italic))),
    );
  });

  it("combines marks, bold inside a link included", () => {
    expect(body('<p><a href="https://example.org/a">x <b>y <i>z</i></b></a></p>')).toEqual(
      doc(
        p(
          text("x ", link("https://example.org/a")),
          text("y ", link("https://example.org/a"), bold),
          text("z", link("https://example.org/a"), bold, italic),
        ),
      ),
    );
  });

  it("stores a bold link's marks in the editor's order, whichever tag is outside", () => {
    const expected = doc(p(text("x", link("https://example.org/a"), bold)));
    expect(body('<p><a href="https://example.org/a"><strong>x</strong></a></p>')).toEqual(expected);
    expect(body('<p><strong><a href="https://example.org/a">x</a></strong></p>')).toEqual(expected);
    expect(body('<p><em><b><a href="https://example.org/a">x</a></b></em></p>')).toEqual(
      doc(p(text("x", link("https://example.org/a"), bold, italic))),
    );
  });

  it("merges adjacent text with the same marks", () => {
    expect(body("<p><b>a</b><strong>b</strong><b><i>c</i></b><i><b>d</b></i>e<span>f</span></p>")).toEqual(
      doc(p(text("ab", bold), text("cd", bold, italic), "ef")),
    );
  });

  it("keeps web, mail and site links, and makes protocol-relative ones https", () => {
    expect(
      body(
        '<p><a href=" https://example.org/a ">w</a> <a href="mailto:desk@example.org">m</a> ' +
          '<a href="/news/1">s</a> <a href="#top">t</a> <a href="//example.org/b">r</a> <a name="x">n</a></p>',
      ),
    ).toEqual(
      doc(
        p(
          text("w", link("https://example.org/a")),
          " ",
          text("m", link("mailto:desk@example.org")),
          " ",
          text("s", link("/news/1")),
          " ",
          text("t", link("#top")),
          " ",
          text("r", link("https://example.org/b")),
          " n",
        ),
      ),
    );
  });

  it("keeps a relative link's text but drops the link, with a warning", () => {
    expect(importHtml('<p><a href="page.html">text</a></p>')).toEqual({
      body: doc(p("text")),
      warnings: ['A link to "page.html" was removed (only web, email and site links are kept); its text was kept.'],
    });
  });

  it("turns br into a hard break, without the spaces around it", () => {
    expect(body("<p>a <br> b<br/>c<br><br></p>")).toEqual(doc(p("a", br, "b", br, "c")));
  });

  it("unwraps other inline elements", () => {
    expect(body("<p><u>u</u><sup>2</sup><code>c</code><abbr>a</abbr><q>q</q></p>")).toEqual(doc(p("u2caq")));
  });

  it("collapses whitespace like a browser and trims at block edges", () => {
    expect(body("<p>  Hello \n\t <b> big </b>  world  </p>")).toEqual(doc(p("Hello ", text("big ", bold), "world")));
  });

  it("keeps no-break spaces inside text", () => {
    expect(body("<p>10&nbsp;km</p>")).toEqual(doc(p("10\u00a0km")));
  });

  it("drops empty paragraphs and headings", () => {
    expect(body("<p></p><p>   </p><p><br></p><p>&nbsp;</p><h2> </h2><p><b> </b></p>")).toEqual(doc());
  });
});

describe("importHtml: what is never kept", () => {
  it.each([
    ["script", '<script>alert("secret")</script>', []],
    ["style", "<style>.secret { color: red }</style>", []],
    ["template", "<template><p>secret</p></template>", []],
    ["noscript", "<noscript><p>secret</p></noscript>", []],
    [
      "object",
      '<object data="secret.swf"><p>secret</p></object>',
      ["A plugin object (object, embed or applet) was removed."],
    ],
    ["embed", '<embed src="secret.swf">', ["A plugin object (object, embed or applet) was removed."]],
    [
      "applet",
      '<applet code="secret"><p>secret</p></applet>',
      ["A plugin object (object, embed or applet) was removed."],
    ],
    ["svg", "<svg><text>secret</text></svg>", ["An SVG graphic was removed."]],
    ["math", "<math><mi>secret</mi></math>", ["A math formula was removed."]],
    ["form", '<form action="/secret"><p>secret</p></form>', ["A form or form control was removed."]],
    ["input", '<input value="secret">', ["A form or form control was removed."]],
    ["button", "<button>secret</button>", ["A form or form control was removed."]],
    ["select", "<select><option>secret</option></select>", ["A form or form control was removed."]],
    ["textarea", "<textarea>secret</textarea>", ["A form or form control was removed."]],
    ["head, title, meta and link", '<head><title>secret</title><meta content="secret"><link href="secret"></head>', []],
    ["an HTML comment", "<!-- secret --><!--[if IE]>secret<![endif]-->", []],
  ])("drops %s and its content", (_, markup, warnings) => {
    const result = importHtml(`<p>before</p>${markup}<p>after</p>`);
    expect(result).toEqual({ body: doc(p("before"), p("after")), warnings });
    expect(JSON.stringify(result.body)).not.toContain("secret");
  });

  it("ignores every attribute it does not use: handlers, style and class", () => {
    expect(body('<p onclick="steal()" style="color:red" class="lead" id="x">Text</p>')).toEqual(doc(p("Text")));
  });

  it("reads a whole HTML document, keeping only the body's content", () => {
    expect(
      body(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Wire</title>' +
          '<script src="t.js"></script></head><body onload="x()"><p>Only this</p></body></html>',
      ),
    ).toEqual(doc(p("Only this")));
  });
});

describe("importHtml: limits", () => {
  it("refuses input over 2 MB, counting bytes", () => {
    const refused = (html: string) => {
      try {
        importHtml(html);
      } catch (error) {
        return error instanceof AppError && error.code === "validation_failed";
      }
      return false;
    };
    expect(refused("a".repeat(2 * 1024 * 1024 + 1))).toBe(true);
    expect(refused("é".repeat(1024 * 1024 + 1))).toBe(true);
    expect(refused("é".repeat(1024 * 1024))).toBe(false);
  });

  it("cuts a text node over the validator's limit, with a warning", () => {
    const result = importHtml(`<p>${"a".repeat(25_000)}</p>`);
    expect(result.body).toEqual(doc(p(`${"a".repeat(19_999)}…`)));
    expect(result.warnings).toEqual(["A passage longer than 20000 characters was cut."]);
  });

  it("deduplicates warnings and caps their number", () => {
    expect(importHtml('<img src="a.jpg"><img src="a.jpg">').warnings).toHaveLength(1);
    const many = importHtml(Array.from({ length: 60 }, (_, i) => `<img src="${i}.jpg">`).join("")).warnings;
    expect(many).toHaveLength(51);
    expect(many.at(-1)).toBe("More warnings were left out.");
  });

  it.each([
    ["div", "<div>"],
    ["b", "<b>"],
    ["span", "<span>"],
    ["ul > li", "<ul><li>"],
    ["blockquote", "<blockquote>"],
    ["table", "<table><tr><td>"],
  ])("survives 10 000 nested %s elements, keeping the text", (_, open) => {
    const result = importHtml(`${open.repeat(10_000)}deep text`);
    expect(findBodyIssues(result.body)).toEqual([]);
    expect(JSON.stringify(result.body)).toContain("deep text");
    expect(result.warnings).toContain("Very deeply nested markup was simplified to plain text.");
  });

  it("flattens deep nesting into one paragraph with the marks in force", () => {
    expect(importHtml(`${"<div>".repeat(10_000)}deep`).body).toEqual(doc(p("deep")));
    expect(importHtml(`<b>${"<span>".repeat(10_000)}deep</b>`).body).toEqual(doc(p(text("deep", bold))));
  });
});

describe("importHtml: hostile markup", () => {
  it("drops <img src=x onerror=alert(1)> and keeps nothing of the handler", () => {
    const result = importHtml("<img src=x onerror=alert(1)>");
    expect(result).toEqual({
      body: doc(),
      warnings: ["An image (x) was removed: upload it to the media library and insert it again."],
    });
  });

  it.each([
    ["javascript:alert(1)", "javascript:alert(1)"],
    [" JaVaScRiPt:alert(1)", "JaVaScRiPt:alert(1)"],
    ["java\tscript:alert(1)", "java script:alert(1)"],
    [
      "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
      "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    ],
    ["vbscript:msgbox(1)", "vbscript:msgbox(1)"],
  ])("keeps the text of a link to %s but not the link", (href, named) => {
    expect(importHtml(`<a href="${href}">x</a>`)).toEqual({
      body: doc(p("x")),
      warnings: [`A link to "${named}" was removed (only web, email and site links are kept); its text was kept.`],
    });
  });

  it("drops <svg><script>…", () => {
    expect(importHtml("<svg><script>alert(1)</script><foreignObject><p>x</p></foreignObject></svg>")).toEqual({
      body: doc(),
      warnings: ["An SVG graphic was removed."],
    });
  });

  it("drops an iframe from an unknown host", () => {
    expect(importHtml('<iframe src="https://evil.example/embed/x" onload="alert(1)"></iframe>')).toEqual({
      body: doc(),
      warnings: ["An embedded frame from evil.example was removed: only YouTube and Vimeo videos are kept."],
    });
  });

  it("reopens unclosed formatting in the next paragraph, as a browser does", () => {
    expect(body("<p><b>bold <i>both</p><p>after")).toEqual(
      doc(p(text("bold ", bold), text("both", bold, italic)), p(text("after", bold, italic))),
    );
  });

  it("keeps <<script>script> down to a harmless '<'", () => {
    expect(body("<<script>script>alert(1)</script>")).toEqual(doc(p("<")));
  });

  it("keeps entity-encoded markup as literal text", () => {
    expect(body("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</p>")).toEqual(
      doc(p('<script>alert(1)</script> & "x"')),
    );
  });

  it("always produces a valid body from tag soup", () => {
    // A fixed-seed generator so a failure can be replayed.
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const pieces = [
      "<p>",
      "</p>",
      "<b>",
      "</b>",
      "<i>",
      "<a href='https://x.org'>",
      "<a href='javascript:x'>",
      "</a>",
      "<ul>",
      "<ol start=2>",
      "<li>",
      "</ul>",
      "<blockquote>",
      "<cite>c</cite>",
      "</blockquote>",
      "<h2>",
      "<h5>",
      "<br>",
      "<hr>",
      "<table><tr><td>",
      "</td><td>",
      "</table>",
      "<figure>",
      "<figcaption>f</figcaption>",
      "<img src=i>",
      "<iframe src='https://youtu.be/dQw4w9WgXcQ'></iframe>",
      "<iframe src='https://e.x/'></iframe>",
      "<div>",
      "<script>s",
      "<svg>",
      "<pre>\n",
      " ",
      "\n",
      "text",
      "&amp;",
      "&nbsp;",
      "<!--",
      "-->",
      "<",
    ];
    for (let round = 0; round < 300; round++) {
      const html = Array.from({ length: 40 }, () => pieces[random(pieces.length)]).join("");
      const result = importHtml(html);
      expect(findBodyIssues(result.body), html).toEqual([]);
      expect(JSON.stringify(result.body), html).not.toMatch(/javascript|<script/);
    }
  });

  it("converts a realistic wire-service article", () => {
    const html = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>WIRE</title>
<script src="https://wire.example/track.js"></script><style>p { color: red }</style></head>
<body>
<article class="story">
  <h1 class="headline">Parliament passes the budget after all-night session</h1>
  <p class="byline">By <b>Olena Kovalenko</b>, <i>Gazette Wire</i></p>
  <div class="body">
    <p>KYIV, May 3 (Gazette Wire) &mdash; Lawmakers approved the 2025 budget early on Friday,
       ending a <a href="https://wire.example/story/123" onclick="track()">twelve-hour debate</a>.</p>
    <figure><img src="https://cdn.wire.example/photos/123.jpg" alt="The chamber">
      <figcaption>The chamber at dawn. Photo: Wire</figcaption></figure>
    <blockquote class="pullquote">
      <p>&ldquo;This budget protects the front line and the classroom,&rdquo; the speaker said.</p>
      <footer>&mdash; Ruslan Stefanchuk</footer>
    </blockquote>
    <p>The main items:</p>
    <ul>
      <li>Defence: 48% of spending</li>
      <li>Education: 9%</li>
    </ul>
    <h2>Reaction</h2>
    <figure class="video">
      <iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=abc"
        title="The vote, in full" frameborder="0" allowfullscreen></iframe>
    </figure>
    <p>Opposition MPs said they would appeal.<br>
       More to follow.</p>
    <!-- wire:end -->
  </div>
</article>
</body></html>`;
    expect(importHtml(html)).toEqual({
      body: doc(
        {
          type: "heading",
          attrs: { level: 2 },
          content: [text("Parliament passes the budget after all-night session")],
        },
        p("By ", text("Olena Kovalenko", bold), ", ", text("Gazette Wire", italic)),
        p(
          "KYIV, May 3 (Gazette Wire) — Lawmakers approved the 2025 budget early on Friday, ending a ",
          text("twelve-hour debate", link("https://wire.example/story/123")),
          ".",
        ),
        p("The chamber at dawn. Photo: Wire"),
        {
          type: "blockquote",
          attrs: { citation: "Ruslan Stefanchuk" },
          content: [p("“This budget protects the front line and the classroom,” the speaker said.")],
        },
        p("The main items:"),
        { type: "bulletList", content: [item(p("Defence: 48% of spending")), item(p("Education: 9%"))] } as BlockNode,
        { type: "heading", attrs: { level: 2 }, content: [text("Reaction")] },
        youtube("dQw4w9WgXcQ", "The vote, in full"),
        p("Opposition MPs said they would appeal.", br, "More to follow."),
      ),
      warnings: [
        "An image (https://cdn.wire.example/photos/123.jpg) was removed: upload it to the media library and insert it again.",
      ],
    });
  });

  it("flattens lists nested deeper than the body allows into paragraphs of the ninth list", () => {
    const html = Array.from({ length: 30 }, (_, i) => `<ul><li>Level ${i + 1}`).join("");
    const result = importHtml(html);
    expect(findBodyIssues(result.body)).toEqual([]);
    const json = JSON.stringify(result.body);
    expect(json).toContain("Level 30");
    expect(json.match(/bulletList/g)).toHaveLength(9);
    expect(result.warnings).toContain("Lists nested more than 9 levels deep were flattened into paragraphs.");
  });
});

describe("importHtml: timelines", () => {
  it("reads a timeline copied from a Gazette page back into a timeline block", () => {
    const result = importHtml(
      '<section class="timeline" data-block="timeline"><h2>What we know</h2><ol>' +
        '<li><time datetime="2026-12-01">1 December 2026</time><p>Blasts in the <b>city</b>.</p></li>' +
        '<li><time datetime="someday">later</time><p>Repairs.</p></li>' +
        "<li><p>  </p></li></ol></section><p>After.</p>",
    );
    expect(result.warnings).toEqual([]);
    expect(result.body.content).toEqual([
      {
        type: "timeline",
        attrs: {
          title: "What we know",
          entries: [
            { date: "2026-12-01", text: "Blasts in the city." },
            { date: "", text: "Repairs." },
          ],
        },
      },
      p("After."),
    ]);
    expect(findBodyIssues(result.body)).toEqual([]);
  });

  it("reads a marked section without a list as ordinary markup", () => {
    expect(body('<section data-block="timeline"><p>Only text</p></section>').content).toEqual([p("Only text")]);
  });

  it("moves a timeline out of a quote instead of dropping it", () => {
    const result = importHtml(
      '<blockquote><p>Said.</p><section data-block="timeline"><ol><li><time datetime="2026-12-01"></time>Step</li></ol></section></blockquote>',
    );
    expect(result.body.content.map((block) => block.type)).toEqual(["blockquote", "timeline"]);
  });
});

describe("importHtml: factboxes", () => {
  it("reads a factbox copied from a Gazette page back into a factbox, headings inside it as paragraphs", () => {
    const result = importHtml(
      '<aside class="factbox" data-block="factbox"><h2>The town</h2><p>Before the war: <b>70,000</b>.</p>' +
        "<h3>Today</h3><ul><li>Rail hub</li></ul></aside>",
    );
    expect(result.body.content).toEqual([
      {
        type: "factbox",
        attrs: { title: "The town" },
        content: [
          p("Before the war: ", text("70,000", bold), "."),
          p("Today"),
          { type: "bulletList", content: [item(p("Rail hub"))] },
        ],
      },
    ]);
    expect(findBodyIssues(result.body)).toEqual([]);
  });

  it("reads a factbox with nothing but a title as ordinary markup", () => {
    expect(importHtml('<aside data-block="factbox"><h2>Nothing</h2></aside>').body.content).toEqual([
      { type: "heading", attrs: { level: 2 }, content: [text("Nothing")] },
    ]);
  });
});

describe("importHtml: social posts", () => {
  const now = new Date("2026-12-03T08:00:00Z");
  const social = (html: string) => importHtml(html, now).body.content;

  it("turns X's embed markup into a card typed by hand, its script dropped", () => {
    const result = importHtml(
      '<blockquote class="twitter-tweet"><p lang="uk" dir="ltr">Air defence is working over Kyiv.</p>' +
        '&mdash; Frontline News (@frontline_news) <a href="https://twitter.com/frontline_news/status/1731000000000000000?ref_src=twsrc">December 1, 2026</a></blockquote>' +
        '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>',
      now,
    );
    expect(result.body.content).toEqual([
      {
        type: "socialPost",
        attrs: {
          platform: "x",
          url: "https://x.com/frontline_news/status/1731000000000000000",
          author: "Frontline News (@frontline_news)",
          text: "Air defence is working over Kyiv.",
          postedAt: "",
          mediaId: null,
          quotedOn: "2026-12-03",
          source: "manual",
        },
      },
    ]);
    expect(result.warnings).toEqual(["Social-post embeds became cards typed by hand: check their text and author."]);
  });

  it("reads Telegram's widget script, Instagram's and TikTok's blockquotes into cards", () => {
    const blocks = social(
      '<script async src="https://telegram.org/js/telegram-widget.js?22" data-telegram-post="frontline_news/4821" data-width="100%"></script>' +
        '<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/C0abcDEF12x/?utm_source=ig_embed"><p>A photo from the front.</p></blockquote>' +
        '<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@frontline.news/video/7300000000000000000"><section><p>Night shelling, filmed from a balcony.</p></section></blockquote>',
    );
    expect(
      blocks.map((block) => block.type === "socialPost" && [block.attrs.platform, block.attrs.url, block.attrs.text]),
    ).toEqual([
      ["telegram", "https://t.me/frontline_news/4821", ""],
      ["instagram", "https://www.instagram.com/p/C0abcDEF12x/", "A photo from the front."],
      [
        "tiktok",
        "https://www.tiktok.com/@frontline.news/video/7300000000000000000",
        "Night shelling, filmed from a balcony.",
      ],
    ]);
  });

  it("reads a card copied from a Gazette page back, author and date included", () => {
    const [block] = social(
      '<figure class="social-post" data-block="socialPost"><blockquote cite="https://t.me/frontline_news/4821">' +
        '<p class="social-post__meta"><span class="social-post__platform">Telegram</span><strong class="social-post__author"> Frontline News</strong> · <time datetime="2026-12-01T06:15">1 December 2026</time></p>' +
        '<p>Stay in shelters.</p></blockquote><figcaption><a href="https://t.me/frontline_news/4821">Show the original</a></figcaption></figure>',
    );
    expect(block).toMatchObject({
      type: "socialPost",
      attrs: { author: "Frontline News", text: "Stay in shelters.", postedAt: "2026-12-01T06:15" },
    });
  });

  it("keeps the words of an embed whose address is not a post, and never a javascript: address", () => {
    const blocks = social(
      '<blockquote class="twitter-tweet"><p>Words</p><a href="javascript:alert(1)">x</a></blockquote>',
    );
    expect(blocks.some((block) => block.type === "socialPost")).toBe(false);
    expect(JSON.stringify(blocks)).toContain("Words");
    expect(JSON.stringify(blocks)).not.toContain("javascript");
  });

  it("moves a card out of a list, as it does embeds", () => {
    const blocks = social(
      '<ul><li>Before <blockquote class="twitter-tweet"><p>Inside</p><a href="https://x.com/a/status/1">d</a></blockquote></li></ul>',
    );
    expect(blocks.map((block) => block.type)).toEqual(["bulletList", "socialPost"]);
    expect(findBodyIssues({ type: "doc", content: blocks })).toEqual([]);
  });
});

describe("importHtml: galleries", () => {
  it("removes a gallery copied from a Gazette page with one warning and keeps its captions as paragraphs", () => {
    const result = importHtml(
      '<ul class="gallery gallery--grid" data-block="gallery" data-gallery>' +
        '<li><figure><a href="/media/a/1600.jpg"><img src="/media/a/800.jpg" alt="A"></a>' +
        '<figcaption>Queue for <b>water</b><span class="credit"> Photo: A</span></figcaption></figure></li>' +
        '<li><figure><a href="/media/b/1600.jpg"><img src="/media/b/800.jpg" alt="B"></a></figure></li></ul>',
    );
    expect(result.body.content).toEqual([p("Queue for ", text("water", bold), " Photo: A")]);
    expect(result.warnings).toEqual([
      "A gallery of 2 photos was removed: upload the photos to the media library and insert a gallery again (its captions were kept as text).",
    ]);
    expect(findBodyIssues(result.body)).toEqual([]);
  });
});

describe("importHtml: audio and PDF links", () => {
  it("removes an audio element, naming its source, and keeps the transcript beside it as text", () => {
    const result = importHtml(
      '<figure><audio controls src="https://cdn.example/ep1.mp3">Your browser cannot play this.</audio>' +
        "<details><summary>Transcript</summary><p>Host: Good morning.</p></details></figure>",
    );
    expect(result.warnings).toContain(
      "An audio clip (https://cdn.example/ep1.mp3) was removed: upload it and insert it as an Audio block.",
    );
    expect(JSON.stringify(result.body)).not.toContain("Your browser");
    expect(JSON.stringify(result.body)).toContain("Host: Good morning.");
    expect(importHtml('<audio><source src="/a.ogg"></audio>').warnings[0]).toContain("(/a.ogg)");
  });

  it("keeps a link to a PDF and suggests uploading it as a PDF block", () => {
    const result = importHtml('<p>Read <a href="https://gov.example/report.pdf?v=2">the report</a>.</p>');
    expect(result.body.content).toEqual([
      p("Read ", text("the report", { type: "link", attrs: { href: "https://gov.example/report.pdf?v=2" } }), "."),
    ]);
    expect(result.warnings[0]).toMatch(/^A link to a PDF \(https:\/\/gov\.example\/report\.pdf\?v=2\) was kept/);
  });
});
