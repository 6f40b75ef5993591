import { getSchema } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { isNoteId } from "../../src/newsroom/editorial-notes.shared.js";
import { bodyExtensions } from "./editor/schema.js";
import { type NoteThread, newNoteId, noteAnchors, orderThreads } from "./editorial-notes.js";

const schema = getSchema(bodyExtensions());
const note = (noteId: string) => ({ type: "note", attrs: { noteId } });

function doc() {
  return schema.nodeFromJSON({
    type: "doc",
    content: [
      {
        type: "paragraph",
        content: [
          { type: "text", text: "Shelling " },
          { type: "text", text: "near the bridge", marks: [note("second-note")] },
          { type: "text", text: " and " },
          { type: "text", text: "the river", marks: [note("second-note"), note("third-note")] },
        ],
      },
      { type: "paragraph", content: [{ type: "text", text: "Later", marks: [note("first-note")] }] },
    ],
  });
}

function thread(id: string, createdAt: string): NoteThread {
  return {
    id,
    articleId: 1,
    quote: id,
    anchored: true,
    createdBy: { id: 1, name: "desk" },
    createdAt,
    resolvedAt: null,
    resolvedBy: null,
    comments: [],
  };
}

describe("editorial notes in the editor", () => {
  it("finds each note's words from its first marked character to its last", () => {
    const anchors = noteAnchors(doc());
    expect([...anchors.keys()]).toEqual(["second-note", "third-note", "first-note"]);
    const second = anchors.get("second-note");
    expect(second && doc().textBetween(second.from, second.to)).toBe("near the bridge and the river");
    const third = anchors.get("third-note");
    expect(third && doc().textBetween(third.from, third.to)).toBe("the river");
  });

  it("lists threads in the order of the text, then those whose words are gone, oldest first", () => {
    const ordered = orderThreads(
      [
        thread("gone-later", "2026-12-07T10:00:00Z"),
        thread("first-note", "2026-12-07T08:00:00Z"),
        thread("gone-early", "2026-12-07T09:00:00Z"),
        thread("second-note", "2026-12-07T09:30:00Z"),
      ],
      noteAnchors(doc()),
    );
    expect(ordered.map((entry) => [entry.thread.id, entry.removed])).toEqual([
      ["second-note", false],
      ["first-note", false],
      ["gone-early", true],
      ["gone-later", true],
    ]);
  });

  it("makes note ids the server accepts, a new one each time", () => {
    const a = newNoteId();
    expect(isNoteId(a)).toBe(true);
    expect(newNoteId()).not.toBe(a);
  });
});
