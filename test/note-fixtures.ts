import type { BodyDocument, Mark } from "../src/newsroom/body.types.js";

export const NOTE_A = "note-aaaa-1111";
export const NOTE_B = "note-bbbb-2222";
const note = (noteId: string): Mark => ({ type: "note", attrs: { noteId } });

/**
 * One story twice: `plain` as readers should get it, `noted` the same text with editorial note
 * marks over plain, bold and linked words, in a heading, a quote and a list, two notes
 * overlapping on one word (text nodes split where the marks begin and end, as the editor does).
 * Every reader renderer must draw both the same.
 */
export function notedBodies(): { plain: BodyDocument; noted: BodyDocument } {
  const plain: BodyDocument = {
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Night on the river" }] },
      {
        type: "paragraph",
        content: [
          { type: "text", text: "Shelling resumed near the bridge, " },
          { type: "text", text: "officials said", marks: [{ type: "bold" }] },
          { type: "text", text: ". " },
          {
            type: "text",
            text: "Read the report",
            marks: [{ type: "link", attrs: { href: "https://example.org/r" } }],
          },
        ],
      },
      {
        type: "blockquote",
        attrs: { citation: "A rescuer" },
        content: [{ type: "paragraph", content: [{ type: "text", text: "We worked until dawn." }] }],
      },
      {
        type: "bulletList",
        content: [
          { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Two hurt" }] }] },
        ],
      },
    ],
  };
  const noted: BodyDocument = {
    type: "doc",
    content: [
      {
        type: "heading",
        attrs: { level: 2 },
        content: [
          { type: "text", text: "Night on " },
          { type: "text", text: "the river", marks: [note(NOTE_A)] },
        ],
      },
      {
        type: "paragraph",
        content: [
          { type: "text", text: "Shelling resumed " },
          { type: "text", text: "near the bridge", marks: [note(NOTE_A), note(NOTE_B)] },
          { type: "text", text: ", " },
          { type: "text", text: "officials said", marks: [{ type: "bold" }, note(NOTE_B)] },
          { type: "text", text: ". " },
          {
            type: "text",
            text: "Read the report",
            marks: [{ type: "link", attrs: { href: "https://example.org/r" } }, note(NOTE_A)],
          },
        ],
      },
      {
        type: "blockquote",
        attrs: { citation: "A rescuer" },
        content: [
          { type: "paragraph", content: [{ type: "text", text: "We worked until dawn.", marks: [note(NOTE_B)] }] },
        ],
      },
      {
        type: "bulletList",
        content: [
          {
            type: "listItem",
            content: [
              {
                type: "paragraph",
                content: [
                  { type: "text", text: "Two", marks: [note(NOTE_A)] },
                  { type: "text", text: " hurt" },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
  return { plain, noted };
}
