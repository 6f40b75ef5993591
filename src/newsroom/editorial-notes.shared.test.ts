import { describe, expect, it } from "vitest";
import { NOTE_A, NOTE_B, notedBodies } from "../../test/note-fixtures.js";
import { handleOf, isNoteId, mentionedHandles, noteIdsIn, stripNoteMarks } from "./editorial-notes.shared.js";

describe("editorial note helpers", () => {
  it("finds @handles in a comment once each, lowercased, without the sentence's full stop", () => {
    expect(mentionedHandles("@Olena, please check. Also @ivan.petrenko. And @olena again")).toEqual([
      "olena",
      "ivan.petrenko",
    ]);
  });

  it("does not take an e-mail address or a lone @ for a mention", () => {
    expect(mentionedHandles("write to desk@news.example or @ someone")).toEqual([]);
  });

  it("finds Cyrillic handles too", () => {
    expect(mentionedHandles("@марія глянь")).toEqual(["марія"]);
  });

  it("names a member by the part of their address before the @", () => {
    expect(handleOf("Olena.K@News.Example")).toBe("olena.k");
  });

  it("accepts UUIDs and short slugs as note ids, and refuses markup and empty ids", () => {
    expect(isNoteId("3f0c2a9e-5b1d-4c7a-9e2f-0a1b2c3d4e5f")).toBe(true);
    expect(isNoteId("note_0001")).toBe(true);
    expect(isNoteId("")).toBe(false);
    expect(isNoteId("a b c d e f g h")).toBe(false);
    expect(isNoteId(42)).toBe(false);
  });

  it("lists the notes of a body in document order", () => {
    expect(noteIdsIn(notedBodies().noted)).toEqual([NOTE_A, NOTE_B]);
  });

  it("strips note marks, keeps every other mark and joins the text they split, leaving the input as it was", () => {
    const { plain, noted } = notedBodies();
    const before = JSON.stringify(noted);
    const stripped = stripNoteMarks(noted);
    expect(JSON.stringify(stripped)).not.toContain('"note"');
    expect(JSON.stringify(stripped)).toContain('"bold"');
    expect(JSON.stringify(stripped)).toContain("https://example.org/r");
    expect(noteIdsIn(stripped)).toEqual([]);
    expect(stripped).toEqual(plain);
    expect(JSON.stringify(noted)).toBe(before);
  });
});
