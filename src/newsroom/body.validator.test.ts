import { describe, expect, it } from "vitest";
import { nestedLists, socialPostNode } from "../../test/factories.js";
import { AppError } from "../errors.js";
import { AUDIO_TRANSCRIPT_MAX, findBodyIssues, isSafeHref, parseBody } from "./body.validator.js";

const text = (t: string, marks?: unknown[]) => ({ type: "text", text: t, ...(marks ? { marks } : {}) });
const doc = (...content: unknown[]) => ({ type: "doc", content });

describe("body validation", () => {
  it("accepts every known block and mark", () => {
    const body = doc(
      {
        type: "paragraph",
        content: [
          text("Plain "),
          text("bold", [{ type: "bold" }]),
          { type: "hardBreak" },
          text("link", [{ type: "link", attrs: { href: "https://example.org/a" } }]),
        ],
      },
      { type: "heading", attrs: { level: 2 }, content: [text("Heading")] },
      {
        type: "blockquote",
        attrs: { citation: "An analyst" },
        content: [{ type: "paragraph", content: [text("Quoted")] }],
      },
      { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [text("one")] }] }] },
      {
        type: "orderedList",
        attrs: { start: 3 },
        content: [{ type: "listItem", content: [{ type: "paragraph", content: [text("three")] }] }],
      },
      { type: "horizontalRule" },
      { type: "image", attrs: { mediaId: 4, caption: "Caption", credit: "Photo: X", alt: "Alt" } },
      { type: "embed", attrs: { provider: "youtube", videoId: "abcdefghijk", title: "A video" } },
      { type: "embed", attrs: { provider: "vimeo", videoId: "123456", title: "Another" } },
      { type: "takeaways", attrs: { title: "Key takeaways", items: ["One", "Two"] } },
    );
    expect(findBodyIssues(body)).toEqual([]);
    expect(parseBody(body).content).toHaveLength(10);
  });

  it("names the JSON path of an unknown node", () => {
    const issues = findBodyIssues(doc({ type: "paragraph" }, { type: "rawHtml", html: "<script>" }));
    expect(issues).toEqual([{ path: "content[1].type", message: 'unknown block "rawHtml"' }]);
  });

  it("names the JSON path of an unknown mark", () => {
    const issues = findBodyIssues(doc({ type: "paragraph", content: [text("x", [{ type: "underline" }])] }));
    expect(issues[0]?.path).toBe("content[0].content[0].marks[0].type");
  });

  it("refuses a javascript: link and says where it is", () => {
    const issues = findBodyIssues(
      doc({
        type: "paragraph",
        content: [text("ok"), text("evil", [{ type: "link", attrs: { href: "javascript:alert(1)" } }])],
      }),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe("content[0].content[1].marks[0].attrs.href");
  });

  it("refuses an embed from a provider outside the allowlist", () => {
    const issues = findBodyIssues(doc({ type: "embed", attrs: { provider: "evil-tube", videoId: "x", title: "t" } }));
    expect(issues[0]).toMatchObject({ path: "content[0].attrs.provider" });
  });

  it("refuses a malformed YouTube id", () => {
    const issues = findBodyIssues(
      doc({ type: "embed", attrs: { provider: "youtube", videoId: "../../x", title: "t" } }),
    );
    expect(issues[0]?.path).toBe("content[0].attrs.videoId");
  });

  it("requires takeaways to hold non-empty strings", () => {
    const issues = findBodyIssues(doc({ type: "takeaways", attrs: { title: "T", items: ["ok", "", 3] } }));
    expect(issues.map((i) => i.path)).toEqual(["content[0].attrs.items[1]", "content[0].attrs.items[2]"]);
  });

  it("refuses a document that is not a doc", () => {
    expect(findBodyIssues({ type: "paragraph" })[0]?.path).toBe("type");
    expect(findBodyIssues("<p>hi</p>")[0]?.path).toBe("type");
  });

  it("throws invalid_body with every issue in the details", () => {
    try {
      parseBody(doc({ type: "heading", attrs: { level: 1 } }, { type: "image", attrs: {} }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const appError = error as AppError;
      expect(appError.code).toBe("invalid_body");
      expect(appError.status).toBe(400);
      expect((appError.details as { issues: unknown[] }).issues).toHaveLength(2);
      expect(appError.message).toContain("content[0].attrs.level");
    }
  });

  it("allows site paths, anchors, http(s) and mailto links only", () => {
    expect(isSafeHref("/en/news/x")).toBe(true);
    expect(isSafeHref("#takeaways")).toBe(true);
    expect(isSafeHref("mailto:desk@example.org")).toBe(true);
    expect(isSafeHref("https://example.org")).toBe(true);
    expect(isSafeHref("//evil.example")).toBe(false);
    expect(isSafeHref("data:text/html,hi")).toBe(false);
    expect(isSafeHref("JavaScript:alert(1)")).toBe(false);
  });

  it("accepts nine nested lists and refuses ten as body_too_deep", () => {
    expect(findBodyIssues(nestedLists(9))).toEqual([]);
    const issues = findBodyIssues(nestedLists(10));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe("body_too_deep");
  });

  it("refuses a body 100 000 lists deep without overflowing the stack", () => {
    const error = (() => {
      try {
        parseBody(nestedLists(100_000));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("body_too_deep");
    expect((error as AppError).status).toBe(400);
  });

  it("refuses attributes nested thousands deep as body_too_deep", () => {
    let attrs: Record<string, unknown> = {};
    for (let i = 0; i < 5_000; i++) attrs = { a: attrs };
    const issues = findBodyIssues(doc({ type: "paragraph", attrs, content: [text("x")] }));
    expect(issues[0]?.code).toBe("body_too_deep");
  });

  it("refuses more than 20 000 nodes as body_too_large", () => {
    const many = Array.from({ length: 20_001 }, () => ({ type: "horizontalRule" }));
    expect(findBodyIssues(doc(...many))[0]?.code).toBe("body_too_large");
    expect(findBodyIssues(doc(...many.slice(1)))).toEqual([]);
  });

  it("stores marks in the editor's order: link, bold, italic", () => {
    const body = parseBody(
      doc({
        type: "paragraph",
        content: [text("x", [{ type: "italic" }, { type: "bold" }, { type: "link", attrs: { href: "/en/a" } }])],
      }),
    );
    const first = body.content[0];
    expect(first?.type === "paragraph" && first.content?.[0]).toEqual(
      text("x", [{ type: "link", attrs: { href: "/en/a" } }, { type: "bold" }, { type: "italic" }]),
    );
  });

  it("accepts editorial note marks with a well-formed id, overlapping ones included, after the other marks", () => {
    const body = parseBody(
      doc({
        type: "paragraph",
        content: [
          text("x", [
            { type: "note", attrs: { noteId: "3f0c2a9e-5b1d-4c7a-9e2f-0a1b2c3d4e5f" } },
            { type: "bold" },
            { type: "note", attrs: { noteId: "second_note" } },
          ]),
        ],
      }),
    );
    const first = body.content[0];
    expect(first?.type === "paragraph" && first.content?.[0]).toEqual(
      text("x", [
        { type: "bold" },
        { type: "note", attrs: { noteId: "3f0c2a9e-5b1d-4c7a-9e2f-0a1b2c3d4e5f" } },
        { type: "note", attrs: { noteId: "second_note" } },
      ]),
    );
  });

  it("refuses a note mark without an id, with a malformed id or with other attributes", () => {
    const withNote = (mark: unknown) => doc({ type: "paragraph", content: [text("x", [mark])] });
    expect(findBodyIssues(withNote({ type: "note" }))[0]?.path).toBe("content[0].content[0].marks[0].attrs");
    expect(findBodyIssues(withNote({ type: "note", attrs: { noteId: "short" } }))[0]?.path).toBe(
      "content[0].content[0].marks[0].attrs.noteId",
    );
    expect(findBodyIssues(withNote({ type: "note", attrs: { noteId: "<b>not an id</b>" } }))).toHaveLength(1);
    expect(
      findBodyIssues(withNote({ type: "note", attrs: { noteId: "valid-note-id", text: "the comment" } })),
    ).toHaveLength(1);
  });

  it("accepts a timeline with dated and not yet dated steps", () => {
    const timeline = {
      type: "timeline",
      attrs: {
        title: "What we know so far",
        entries: [
          { date: "2026-12-01", text: "Shelling of the district begins." },
          { date: "2026-12-02T06:15", text: "Power is cut in the east of the city." },
          { date: "", text: "Repairs are under way." },
        ],
      },
    };
    expect(findBodyIssues(doc(timeline))).toEqual([]);
  });

  it("refuses timelines with unreal dates, empty or huge steps, unknown keys or no entries", () => {
    const timeline = (entries: unknown) => doc({ type: "timeline", attrs: { title: "T", entries } });
    expect(findBodyIssues(timeline([{ date: "2026-02-30", text: "x" }]))[0]?.path).toBe(
      "content[0].attrs.entries[0].date",
    );
    expect(findBodyIssues(timeline([{ date: "2026-12-01", text: "  " }]))[0]?.path).toBe(
      "content[0].attrs.entries[0].text",
    );
    expect(findBodyIssues(timeline([{ date: "2026-12-01", text: "x".repeat(1_000_000) }]))[0]?.message).toContain(
      "at most 2000",
    );
    expect(findBodyIssues(timeline([{ date: "2026-12-01", text: "x", onclick: "alert(1)" }])).length).toBeGreaterThan(
      0,
    );
    expect(findBodyIssues(timeline([]))[0]?.path).toBe("content[0].attrs.entries");
    expect(findBodyIssues(timeline(Array.from({ length: 101 }, () => ({ date: "", text: "x" }))))[0]?.path).toBe(
      "content[0].attrs.entries",
    );
    expect(
      findBodyIssues(doc({ type: "timeline", attrs: { title: "", entries: [{ date: "", text: "x" }] } }))[0]?.path,
    ).toBe("content[0].attrs.title");
  });

  it("accepts a factbox of paragraphs and bullet lists, and refuses other blocks, no title or too many blocks", () => {
    const para = { type: "paragraph", content: [text("Population before the war: 70,000.")] };
    const list = { type: "bulletList", content: [{ type: "listItem", content: [para] }] };
    expect(findBodyIssues(doc({ type: "factbox", attrs: { title: "The town" }, content: [para, list] }))).toEqual([]);
    expect(
      findBodyIssues(
        doc({ type: "factbox", attrs: { title: "T" }, content: [{ type: "heading", attrs: { level: 2 } }] }),
      )[0]?.path,
    ).toBe("content[0].content[0].type");
    expect(findBodyIssues(doc({ type: "factbox", attrs: { title: "" }, content: [para] }))[0]?.path).toBe(
      "content[0].attrs.title",
    );
    expect(
      findBodyIssues(
        doc({ type: "factbox", attrs: { title: "T" }, content: Array.from({ length: 21 }, () => para) }),
      )[0]?.path,
    ).toBe("content[0].content");
    expect(findBodyIssues(doc({ type: "factbox", attrs: { title: "T" }, content: [] })).length).toBeGreaterThan(0);
  });

  it("accepts a social-post card, fetched or typed by hand, with or without an image", () => {
    expect(findBodyIssues(doc(socialPostNode()))).toEqual([]);
    expect(
      findBodyIssues(doc(socialPostNode({ source: "fetched", mediaId: 7, postedAt: "", author: "", text: "" }))),
    ).toEqual([]);
  });

  it("refuses a social post with a hostile or unknown address, huge text, bad dates or extra keys", () => {
    const issue = (attrs: Record<string, unknown>) =>
      findBodyIssues(doc({ type: "socialPost", attrs: { ...socialPostNode().attrs, ...attrs } }))[0]?.path;
    expect(issue({ url: "javascript:alert(1)" })).toBe("content[0].attrs.url");
    expect(issue({ url: "https://example.com/post/1" })).toBe("content[0].attrs.url");
    // An address of another platform than the one named, or not in the canonical form, is refused too.
    expect(issue({ url: "https://x.com/a/status/1" })).toBe("content[0].attrs.url");
    expect(issue({ url: "t.me/frontline_news/4821" })).toBe("content[0].attrs.url");
    expect(issue({ platform: "myspace" })).toBe("content[0].attrs.platform");
    expect(issue({ text: "x".repeat(1_000_000) })).toBe("content[0].attrs.text");
    expect(issue({ author: 42 })).toBe("content[0].attrs.author");
    expect(issue({ postedAt: "yesterday" })).toBe("content[0].attrs.postedAt");
    expect(issue({ quotedOn: "2026-12-02T10:00" })).toBe("content[0].attrs.quotedOn");
    expect(issue({ mediaId: -1 })).toBe("content[0].attrs.mediaId");
    expect(issue({ source: "scraped" })).toBe("content[0].attrs.source");
    expect(issue({ onclick: "alert(1)" })).toBe("content[0].attrs.onclick");
    expect(() =>
      parseBody(doc({ type: "socialPost", attrs: { ...socialPostNode().attrs, url: "javascript:x" } })),
    ).toThrow(expect.objectContaining({ code: "invalid_body" }));
  });
});

describe("gallery validation", () => {
  const gallery = (photos: unknown[], layout: unknown = "grid") => doc({ type: "gallery", attrs: { layout, photos } });
  const photos = (n: number) => Array.from({ length: n }, (_, i) => ({ mediaId: i + 1 }));

  it("accepts 2 to 40 photos in a grid or a slideshow, with or without the story's own fields", () => {
    expect(findBodyIssues(gallery([{ mediaId: 1, caption: "A", credit: "B", alt: "C" }, { mediaId: 2 }]))).toEqual([]);
    expect(findBodyIssues(gallery(photos(40), "slideshow"))).toEqual([]);
  });

  it("refuses fewer than 2 or more than 40 photos with the gallery_photo_count code", () => {
    for (const n of [0, 1, 41]) {
      const issues = findBodyIssues(gallery(photos(n)));
      expect(issues[0]).toMatchObject({ path: "content[0].attrs.photos", code: "gallery_photo_count" });
    }
    expect(() => parseBody(gallery(photos(1)))).toThrow(
      expect.objectContaining({ code: "gallery_photo_count", status: 400 }),
    );
  });

  it("refuses an unknown layout, a photo without a media id and unexpected fields", () => {
    expect(findBodyIssues(gallery(photos(2), "carousel"))[0]?.path).toBe("content[0].attrs.layout");
    expect(findBodyIssues(gallery([{ mediaId: "1" }, { mediaId: 2 }]))[0]?.path).toBe(
      "content[0].attrs.photos[0].mediaId",
    );
    expect(findBodyIssues(gallery([{ mediaId: 1, href: "javascript:alert(1)" }, { mediaId: 2 }]))[0]?.path).toBe(
      "content[0].attrs.photos[0].href",
    );
    expect(
      findBodyIssues(doc({ type: "gallery", attrs: { layout: "grid", photos: photos(2), onload: "x" } }))[0]?.path,
    ).toBe("content[0].attrs.onload");
  });

  it("refuses a 1 MB caption and captions, credits or alt text that are not strings", () => {
    const huge = "x".repeat(1_000_000);
    expect(findBodyIssues(gallery([{ mediaId: 1, caption: huge }, { mediaId: 2 }]))[0]).toMatchObject({
      path: "content[0].attrs.photos[0].caption",
      message: "must be at most 1000 characters",
    });
    expect(
      findBodyIssues(
        gallery([
          { mediaId: 1, credit: 5 },
          { mediaId: 2, alt: {} },
        ]),
      ).map((i) => i.path),
    ).toEqual(["content[0].attrs.photos[0].credit", "content[0].attrs.photos[1].alt"]);
  });
});

describe("related-stories validation", () => {
  const related = (attrs: unknown) => doc({ type: "related", attrs });

  it("accepts a title and 1 to 6 distinct article ids", () => {
    expect(findBodyIssues(related({ title: "Read also", articleIds: [3, 1, 2] }))).toEqual([]);
  });

  it("refuses no ids, more than 6, repeated or non-numeric ids, a blank title and extra fields", () => {
    const pathOf = (attrs: unknown) => findBodyIssues(related(attrs))[0]?.path;
    expect(pathOf({ title: "T", articleIds: [] })).toBe("content[0].attrs.articleIds");
    expect(pathOf({ title: "T", articleIds: [1, 2, 3, 4, 5, 6, 7] })).toBe("content[0].attrs.articleIds");
    expect(pathOf({ title: "T", articleIds: [1, 1] })).toBe("content[0].attrs.articleIds[1]");
    expect(pathOf({ title: "T", articleIds: ["javascript:alert(1)"] })).toBe("content[0].attrs.articleIds[0]");
    expect(pathOf({ title: " ", articleIds: [1] })).toBe("content[0].attrs.title");
    expect(pathOf({ title: "T", articleIds: [1], urls: ["https://x"] })).toBe("content[0].attrs.urls");
  });
});

describe("audio and document blocks", () => {
  const doc = (node: unknown) => ({ type: "doc", content: [node] });
  it("accepts a clip with a transcript and a document, each with a title and a media id", () => {
    expect(findBodyIssues(doc({ type: "audio", attrs: { mediaId: 3, title: "Clip", transcript: "Words." } }))).toEqual(
      [],
    );
    expect(findBodyIssues(doc({ type: "document", attrs: { mediaId: 4, title: "Report" } }))).toEqual([]);
  });

  it("refuses a missing media id, a blank title, an oversized transcript and unknown keys", () => {
    const paths = (node: unknown) => findBodyIssues(doc(node)).map((issue) => issue.path);
    expect(paths({ type: "audio", attrs: { mediaId: "3", title: "Clip" } })).toEqual(["content[0].attrs.mediaId"]);
    expect(paths({ type: "document", attrs: { mediaId: 4, title: " " } })).toEqual(["content[0].attrs.title"]);
    expect(
      paths({ type: "audio", attrs: { mediaId: 3, title: "Clip", transcript: "x".repeat(AUDIO_TRANSCRIPT_MAX + 1) } }),
    ).toEqual(["content[0].attrs.transcript"]);
    expect(paths({ type: "document", attrs: { mediaId: 4, title: "R" }, content: [] })).toEqual(["content[0].content"]);
  });
});
