import { describe, expect, it } from "vitest";
import { paragraphs } from "../../test/factories.js";
import { describeRevisions, entryText, type LiveEntryRevision, type LivePlaceTag, placesByEntry } from "./live-desk.js";

const revision = (id: number, headline: string): LiveEntryRevision => ({
  id,
  entryId: 7,
  headline,
  body: paragraphs(headline),
  authorName: "Olena",
  createdAt: `2026-12-06T09:0${id}:00.000Z`,
});

describe("an entry's history on the live desk", () => {
  it("calls the oldest text posted, every later one edited, and the newest current", () => {
    const lines = describeRevisions([revision(3, "Third"), revision(2, "Second"), revision(1, "First")]);
    expect(lines.map((line) => [line.revision.headline, line.label, line.current])).toEqual([
      ["Third", "Edited", true],
      ["Second", "Edited", false],
      ["First", "Posted", false],
    ]);
  });

  it("shows a never-edited entry as posted and current", () => {
    expect(describeRevisions([revision(1, "Only")]).map((line) => [line.label, line.current])).toEqual([
      ["Posted", true],
    ]);
  });

  it("reads an old text as lines, with a marker for images and embeds", () => {
    const text = entryText({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "See " },
            { type: "text", text: "the statement", marks: [{ type: "link", attrs: { href: "https://example.org" } }] },
          ],
        },
        { type: "image", attrs: { mediaId: 4 } },
        { type: "embed", attrs: { provider: "map", videoId: "bakhmut", title: "The front" } },
        { type: "embed", attrs: { provider: "youtube", videoId: "dQw4w9WgXcQ", title: "At dawn" } },
        {
          type: "bulletList",
          content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "One" }] }] }],
        },
      ],
    });
    expect(text).toBe("See the statement\n[Image]\n[Map: The front]\n[Video: At dawn]\nOne");
  });
});

describe("places on the live desk", () => {
  it("groups the places by entry, keeping the server's order", () => {
    const tag = (entryId: number, slug: string): LivePlaceTag => ({
      entryId,
      slug,
      state: "auto",
      mentions: 1,
      kind: "settlement",
      names: { uk: slug, ru: slug, en: slug },
    });
    const grouped = placesByEntry([tag(9, "kramatorsk"), tag(9, "sloviansk"), tag(4, "kharkiv")]);
    expect([...grouped].map(([entry, tags]) => [entry, tags.map((t) => t.slug)])).toEqual([
      [9, ["kramatorsk", "sloviansk"]],
      [4, ["kharkiv"]],
    ]);
  });
});
