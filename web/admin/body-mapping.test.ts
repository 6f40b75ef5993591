import { getSchema, type JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import type { BodyDocument } from "../../src/newsroom/body.types.js";
import { findBodyIssues, isSafeHref as serverIsSafeHref } from "../../src/newsroom/body.validator.js";
import { importHtml } from "../../src/newsroom/html-import.js";
import { MARK_ORDER } from "../../src/newsroom/mark-order.shared.js";
import { fromApiBody, isSafeHref, toApiBody, wordCount } from "./body-mapping.js";
import { bodyExtensions, newSocialPostAttrs } from "./editor/schema.js";

const schema = getSchema(bodyExtensions());

/** What `editor.getJSON()` gives for a document: parsed by the editor's schema (defaults filled in). */
function editorJson(content: JSONContent[]): JSONContent {
  const node = schema.nodeFromJSON({ type: "doc", content });
  node.check();
  return node.toJSON() as JSONContent;
}

const text = (value: string, marks?: JSONContent["marks"]): JSONContent => ({ type: "text", text: value, marks });
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });

describe("the editor's schema", () => {
  it("has exactly the body model's nodes and marks", () => {
    expect(Object.keys(schema.nodes).sort()).toEqual(
      [
        "audio",
        "blockquote",
        "bulletList",
        "document",
        "doc",
        "embed",
        "factbox",
        "gallery",
        "hardBreak",
        "heading",
        "horizontalRule",
        "image",
        "listItem",
        "orderedList",
        "paragraph",
        "socialPost",
        "related",
        "takeaways",
        "text",
        "timeline",
      ].sort(),
    );
    expect(Object.keys(schema.marks).sort()).toEqual(["bold", "italic", "link", "note"]);
  });

  it("ranks marks in the order stored bodies use (link, bold, italic, note)", () => {
    expect(Object.keys(schema.marks)).toEqual(MARK_ORDER);
  });

  it("keeps editorial note marks through the editor, overlapping ones included, so opening a body saves nothing", () => {
    const body: BodyDocument = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "near ", marks: [{ type: "note", attrs: { noteId: "note-aaaa-1111" } }] },
            {
              type: "text",
              text: "the bridge",
              marks: [
                { type: "bold" },
                { type: "note", attrs: { noteId: "note-aaaa-1111" } },
                { type: "note", attrs: { noteId: "note-bbbb-2222" } },
              ],
            },
          ],
        },
      ],
    };
    const roundTrip = toApiBody(editorJson(fromApiBody(body).content ?? []));
    expect(roundTrip).toEqual(body);
    expect(findBodyIssues(roundTrip)).toEqual([]);
  });

  it("refuses what the body may not hold: headings 1, 5, 6; blocks inside quotes and lists", () => {
    expect(() => editorJson([{ type: "heading", attrs: { level: 1 }, content: [text("x")] }])).not.toThrow();
    // Levels are attributes: the editor only offers 2–4; the mapping clamps anything else.
    const quoteWithHeading = { type: "blockquote", content: [{ type: "heading", attrs: { level: 2 } }] };
    expect(() => editorJson([quoteWithHeading])).toThrow();
    const listWithImage = {
      type: "bulletList",
      content: [{ type: "listItem", content: [paragraph(text("a")), { type: "image", attrs: { mediaId: 1 } }] }],
    };
    expect(() => editorJson([listWithImage])).toThrow();
    expect(() => editorJson([{ type: "codeBlock", content: [text("x")] }])).toThrow();
  });
});

describe("toApiBody", () => {
  const full = editorJson([
    { type: "heading", attrs: { level: 2 }, content: [text("What happened")] },
    paragraph(
      text("Plain, "),
      text("bold", [{ type: "bold" }]),
      text(" and "),
      text("a link", [{ type: "link", attrs: { href: "https://example.org/report" } }]),
      { type: "hardBreak" },
      text("after a break", [{ type: "italic" }]),
    ),
    { type: "blockquote", attrs: { citation: "  The monitor  " }, content: [paragraph(text("A quote."))] },
    {
      type: "bulletList",
      content: [
        { type: "listItem", content: [paragraph(text("one"))] },
        {
          type: "listItem",
          content: [
            paragraph(text("two")),
            { type: "orderedList", content: [{ type: "listItem", content: [paragraph(text("two.a"))] }] },
          ],
        },
      ],
    },
    { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [paragraph(text("three"))] }] },
    { type: "horizontalRule" },
    { type: "image", attrs: { mediaId: 7, caption: "Ruins of the city", credit: "", alt: "A street" } },
    { type: "embed", attrs: { provider: "youtube", videoId: "dQw4w9WgXcQ", title: "Briefing" } },
    { type: "takeaways", attrs: { title: "Other conclusions", items: ["First", "  ", "Second  "] } },
    { type: "paragraph" },
  ]);

  it("turns everything the editor makes into a body the server accepts", () => {
    const body = toApiBody(full);
    expect(findBodyIssues(body)).toEqual([]);
  });

  it("keeps only the link's address, drops empty points and the trailing cursor paragraph", () => {
    const body = toApiBody(full);
    expect(body.content[1]).toEqual({
      type: "paragraph",
      content: [
        { type: "text", text: "Plain, " },
        { type: "text", text: "bold", marks: [{ type: "bold" }] },
        { type: "text", text: " and " },
        { type: "text", text: "a link", marks: [{ type: "link", attrs: { href: "https://example.org/report" } }] },
        { type: "hardBreak" },
        { type: "text", text: "after a break", marks: [{ type: "italic" }] },
      ],
    });
    expect(body.content[2]).toEqual({
      type: "blockquote",
      attrs: { citation: "The monitor" },
      content: [{ type: "paragraph", content: [{ type: "text", text: "A quote." }] }],
    });
    expect(body.content[4]).toMatchObject({ type: "orderedList", attrs: { start: 3 } });
    expect(body.content[6]).toEqual({
      type: "image",
      attrs: { mediaId: 7, caption: "Ruins of the city", credit: null, alt: "A street" },
    });
    expect(body.content[8]).toEqual({
      type: "takeaways",
      attrs: { title: "Other conclusions", items: ["First", "Second"] },
    });
    expect(body.content).toHaveLength(9);
  });

  it("fills what a half-written block lacks and leaves out blocks with nothing in them", () => {
    const body = toApiBody(
      editorJson([
        { type: "embed", attrs: { provider: "vimeo", videoId: "76979871", title: "" } },
        { type: "takeaways", attrs: { title: "", items: ["Only point"] } },
        { type: "takeaways", attrs: { title: "Empty", items: ["", " "] } },
        { type: "image", attrs: { mediaId: null } },
        { type: "heading", attrs: { level: 1 }, content: [text("Too big")] },
      ]),
    );
    expect(findBodyIssues(body)).toEqual([]);
    expect(body.content).toEqual([
      { type: "embed", attrs: { provider: "vimeo", videoId: "76979871", title: "Vimeo video" } },
      { type: "takeaways", attrs: { title: "Key takeaways", items: ["Only point"] } },
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Too big" }] },
    ]);
  });

  it("drops links the server would refuse but keeps their text", () => {
    const body = toApiBody({
      type: "doc",
      content: [paragraph(text("click", [{ type: "link", attrs: { href: "javascript:alert(1)" } }, { type: "bold" }]))],
    });
    expect(body.content[0]).toEqual({
      type: "paragraph",
      content: [{ type: "text", text: "click", marks: [{ type: "bold" }] }],
    });
    expect(findBodyIssues(body)).toEqual([]);
  });

  it("keeps an empty document valid", () => {
    expect(toApiBody(editorJson([{ type: "paragraph" }]))).toEqual({ type: "doc", content: [{ type: "paragraph" }] });
    expect(findBodyIssues(toApiBody({ type: "doc" }))).toEqual([]);
  });
});

describe("fromApiBody", () => {
  it("opens a stored body in the editor unchanged, and saves it back the same", () => {
    const stored = toApiBody(
      editorJson([paragraph(text("x")), { type: "takeaways", attrs: { title: "T", items: ["a"] } }]),
    );
    const opened = editorJson(fromApiBody(stored).content ?? []);
    expect(toApiBody(opened)).toEqual(stored);
  });

  it.each([
    '<p><a href="https://example.org/a"><strong>x</strong></a> and <em><a href="/en/x">y</a></em></p>',
    '<p><strong><a href="https://example.org/a">x</a></strong> and <a href="/en/x"><em>y</em></a></p>',
  ])("opens an article imported from %s and gives back exactly what is stored, so nothing is saved", (html) => {
    const stored = importHtml(html).body;
    const opened = editorJson(fromApiBody(stored).content ?? []);
    expect(toApiBody(opened)).toEqual(stored);
    expect(JSON.stringify(toApiBody(opened))).toBe(JSON.stringify(stored));
  });

  it("compares a body stored with marks in another order as unchanged (the editor's dirty check)", () => {
    const stored = {
      type: "doc",
      content: [
        paragraph(text("x", [{ type: "bold" }, { type: "italic" }, { type: "link", attrs: { href: "/en/a" } }])),
      ],
    };
    const opened = editorJson(fromApiBody(stored as BodyDocument).content ?? []);
    expect(JSON.stringify(toApiBody(opened))).toBe(JSON.stringify(toApiBody(stored)));
  });

  it("gives an empty or missing body one paragraph to type in", () => {
    expect(fromApiBody({ type: "doc", content: [] })).toEqual({ type: "doc", content: [{ type: "paragraph" }] });
    expect(fromApiBody(null)).toEqual({ type: "doc", content: [{ type: "paragraph" }] });
  });
});

describe("wordCount", () => {
  it("counts the words a reader reads, across blocks, not captions", () => {
    const doc = editorJson([
      paragraph(text("One two"), { type: "hardBreak" }, text("three.")),
      { type: "heading", attrs: { level: 2 }, content: [text("Four — five")] },
      { type: "image", attrs: { mediaId: 1, caption: "not counted here" } },
      { type: "takeaways", attrs: { title: "Six", items: ["seven eight"] } },
      paragraph(text("Дев'ять десять")),
    ]);
    expect(wordCount(doc)).toBe(10);
  });
});

describe("isSafeHref", () => {
  it.each(["https://a.example/x", "http://a.example", "mailto:desk@example.org", "/en/news/x", "#notes"])(
    "allows %s like the server",
    (href) => {
      expect(isSafeHref(href)).toBe(true);
      expect(serverIsSafeHref(href)).toBe(true);
    },
  );
  it.each(["javascript:alert(1)", "data:text/html,x", "//evil.example", "", "vbscript:x", "ftp://x.example"])(
    "refuses %j like the server",
    (href) => {
      expect(isSafeHref(href)).toBe(false);
      expect(serverIsSafeHref(href)).toBe(false);
    },
  );
});

describe("timelines in the editor", () => {
  it("saves the steps that have text, keeps a half-typed date out, and falls back to the default title", () => {
    const body = toApiBody(
      editorJson([
        {
          type: "timeline",
          attrs: {
            title: " ",
            entries: [
              { date: "2026-12-01T06:15", text: " Blasts " },
              { date: "2026-12-0", text: "Typed while the date is unfinished" },
              { date: "2026-12-02", text: "" },
            ],
          },
        },
      ]),
    );
    expect(body.content).toEqual([
      {
        type: "timeline",
        attrs: {
          title: "What we know so far",
          entries: [
            { date: "2026-12-01T06:15", text: "Blasts" },
            { date: "", text: "Typed while the date is unfinished" },
          ],
        },
      },
    ]);
    expect(findBodyIssues(body)).toEqual([]);
  });

  it("does not save a timeline with no written step", () => {
    expect(
      toApiBody(editorJson([{ type: "timeline", attrs: { title: "T", entries: [{ date: "", text: "" }] } }])).content,
    ).toEqual([]);
  });

  it("counts the steps' words", () => {
    const doc = editorJson([
      { type: "timeline", attrs: { title: "One", entries: [{ date: "2026-12-01", text: "two three" }] } },
    ]);
    expect(wordCount(doc)).toBe(3);
  });
});

describe("factboxes in the editor", () => {
  it("saves a factbox with words, with the default title when the title is blank, and drops an empty one", () => {
    const body = toApiBody(
      editorJson([
        { type: "factbox", attrs: { title: " " }, content: [paragraph(text("Before the war: 70,000."))] },
        { type: "factbox", attrs: { title: "Empty" }, content: [{ type: "paragraph" }] },
      ]),
    );
    expect(body.content).toEqual([
      {
        type: "factbox",
        attrs: { title: "Background" },
        content: [{ type: "paragraph", content: [{ type: "text", text: "Before the war: 70,000." }] }],
      },
    ]);
    expect(findBodyIssues(body)).toEqual([]);
  });
});

describe("social posts in the editor", () => {
  const card = {
    platform: "telegram",
    url: "https://t.me/frontline_news/4821",
    author: "Frontline News",
    text: "Stay in shelters.",
    postedAt: "2026-12-01T06:15",
    mediaId: 12,
    quotedOn: "2026-12-02",
    source: "fetched",
  };

  it("saves a card as the API stores it, leaving out the editor's own fetch state", () => {
    const json = editorJson([{ type: "socialPost", attrs: { ...card, fetch: "pending" } }]);
    const body = toApiBody(json);
    expect(body.content).toEqual([{ type: "socialPost", attrs: card }]);
    expect(findBodyIssues(body)).toEqual([]);
    expect(toApiBody(editorJson(fromApiBody(body).content ?? []))).toEqual(body);
  });

  it("keeps a card still being typed by hand valid, so an autosave never fails on it", () => {
    const body = toApiBody(
      editorJson([
        {
          type: "socialPost",
          attrs: { platform: "x", url: "https://x.com/a/status/1", quotedOn: "2026-12-02", postedAt: "2026-12-3" },
        },
      ]),
    );
    expect(body.content[0]).toMatchObject({
      type: "socialPost",
      attrs: { author: "", text: "", postedAt: "", mediaId: null, source: "manual" },
    });
    expect(findBodyIssues(body)).toEqual([]);
  });

  it("drops a card whose address is not a known platform's post", () => {
    const body = toApiBody(editorJson([{ type: "socialPost", attrs: { ...card, url: "javascript:alert(1)" } }]));
    expect(body.content).toEqual([]);
  });

  it("starts a pasted post's card from its canonical address, to be fetched, and ignores other addresses", () => {
    expect(newSocialPostAttrs(" t.me/s/frontline_news/4821 ")).toMatchObject({
      platform: "telegram",
      url: "https://t.me/frontline_news/4821",
      source: "manual",
      fetch: "pending",
    });
    expect(newSocialPostAttrs("https://www.youtube.com/watch?v=dQw4w9WgXcQ")).toBeUndefined();
    expect(newSocialPostAttrs("javascript:alert(1)")).toBeUndefined();
  });

  it("counts the quoted words", () => {
    expect(wordCount(editorJson([{ type: "socialPost", attrs: card }]))).toBe(3);
  });
});

describe("galleries in the editor", () => {
  it("saves a gallery's photos in order with blank fields as null, and a one-photo gallery as an image", () => {
    const body = toApiBody(
      editorJson([
        {
          type: "gallery",
          attrs: {
            layout: "slideshow",
            photos: [
              { mediaId: 5, caption: " Dawn ", credit: "", alt: "Station" },
              { mediaId: "x" },
              { mediaId: 6, caption: null, credit: "Photo: B", alt: null },
            ],
          },
        },
        { type: "gallery", attrs: { layout: "grid", photos: [{ mediaId: 7, caption: "Alone" }] } },
        { type: "gallery", attrs: { layout: "grid", photos: [] } },
      ]),
    );
    expect(body.content).toEqual([
      {
        type: "gallery",
        attrs: {
          layout: "slideshow",
          photos: [
            { mediaId: 5, caption: "Dawn", credit: null, alt: "Station" },
            { mediaId: 6, caption: null, credit: "Photo: B", alt: null },
          ],
        },
      },
      { type: "image", attrs: { mediaId: 7, caption: "Alone", credit: null, alt: null } },
    ]);
    expect(findBodyIssues(body)).toEqual([]);
  });
});

describe("related stories in the editor", () => {
  it("saves the picked ids once each with the default title when blank, and drops a block with none picked", () => {
    const body = toApiBody(
      editorJson([
        { type: "related", attrs: { title: "", articleIds: [4, 4, 2, "x"] } },
        { type: "related", attrs: { title: "Empty", articleIds: [] } },
      ]),
    );
    expect(body.content).toEqual([{ type: "related", attrs: { title: "Related stories", articleIds: [4, 2] } }]);
    expect(findBodyIssues(body)).toEqual([]);
  });
});

describe("audio and PDF blocks in the editor", () => {
  it("saves a clip with its trimmed transcript and a document, drops one with no media, and round-trips", () => {
    const body = toApiBody(
      editorJson([
        { type: "audio", attrs: { mediaId: 5, title: "Briefing", transcript: "  Host: Hello.\n\nGuest: Hi. " } },
        { type: "audio", attrs: { mediaId: null, title: "Not uploaded" } },
        { type: "document", attrs: { mediaId: 6, title: " " } },
      ]),
    );
    expect(body.content).toEqual([
      { type: "audio", attrs: { mediaId: 5, title: "Briefing", transcript: "Host: Hello.\n\nGuest: Hi." } },
      { type: "document", attrs: { mediaId: 6, title: "Document" } },
    ]);
    expect(findBodyIssues(body)).toEqual([]);
    expect(toApiBody(fromApiBody(body))).toEqual(body);
    expect(
      wordCount(editorJson([{ type: "audio", attrs: { mediaId: 5, title: "T", transcript: "three spoken words" } }])),
    ).toBe(3);
  });
});
