import { describe, expect, it } from "vitest";
import { nestedLists, socialPostNode } from "../../test/factories.js";
import { notedBodies } from "../../test/note-fixtures.js";
import type { BodyDocument } from "./body.types.js";
import { excerptBody, renderBodyText } from "./body-text.renderer.js";

const body: BodyDocument = {
  type: "doc",
  content: [
    {
      type: "paragraph",
      content: [
        { type: "text", text: "Fighting continued " },
        { type: "text", text: "north of the city.", marks: [{ type: "bold" }] },
      ],
    },
    {
      type: "blockquote",
      attrs: { citation: "A commander" },
      content: [{ type: "paragraph", content: [{ type: "text", text: "We hold." }] }],
    },
    {
      type: "orderedList",
      attrs: { start: 2 },
      content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Second" }] }] }],
    },
    { type: "takeaways", attrs: { title: "Takeaways", items: ["One", "Two"] } },
    { type: "embed", attrs: { provider: "youtube", videoId: "abcdefghijk", title: "Drone footage" } },
  ],
};

describe("plain-text renderer", () => {
  it("renders every block as text separated by blank lines", () => {
    expect(renderBodyText(body)).toBe(
      "Fighting continued north of the city.\n\n“We hold.” — A commander\n\n2. Second\n\nTakeaways\n• One\n• Two\n\nDrone footage",
    );
  });

  it("cuts an excerpt at a word boundary with an ellipsis", () => {
    const long: BodyDocument = {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "word ".repeat(100) }] }],
    };
    const excerpt = excerptBody(long, 50);
    expect(excerpt.length).toBeLessThanOrEqual(51);
    expect(excerpt.endsWith("word…")).toBe(true);
  });

  it("keeps a short excerpt whole", () => {
    expect(excerptBody(body)).toBe("Fighting continued north of the city.");
  });

  it("extracts the text of a body stored 5000 lists deep, down to the ninth list", () => {
    const text = renderBodyText(nestedLists(5_000));
    expect(text).toContain("Level 9");
    expect(text).not.toContain("Level 10");
  });
});

describe("plain text of a timeline", () => {
  it("lists each step under the title with its ISO date, undated steps without one", () => {
    const text = renderBodyText({
      type: "doc",
      content: [
        {
          type: "timeline",
          attrs: {
            title: "What we know",
            entries: [
              { date: "2026-12-01T06:15", text: "Blasts in the city." },
              { date: "", text: "Repairs under way." },
            ],
          },
        },
      ],
    });
    expect(text).toBe("What we know\n2026-12-01 06:15 — Blasts in the city.\nRepairs under way.");
  });
});

describe("plain text of a factbox", () => {
  it("gives the title, then each paragraph and list item on its own line", () => {
    const para = (t: string) => ({ type: "paragraph" as const, content: [{ type: "text" as const, text: t }] });
    expect(
      renderBodyText({
        type: "doc",
        content: [
          {
            type: "factbox",
            attrs: { title: "The town" },
            content: [
              para("70,000 people."),
              { type: "bulletList", content: [{ type: "listItem", content: [para("Rail hub")] }] },
            ],
          },
        ],
      }),
    ).toBe("The town\n70,000 people.\n• Rail hub");
  });
});

describe("plain text of a social post", () => {
  it("quotes the post's text with its author, platform, date and address", () => {
    const text = renderBodyText({ type: "doc", content: [socialPostNode()] });
    expect(text).toBe(
      "“Air defence is working over the city. Stay in shelters.”\n— Frontline News, Telegram, 2026-12-01 06:15\nhttps://t.me/frontline_news/4821",
    );
  });
});

describe("plain text of a gallery", () => {
  it("gives each photo's caption and credit on its own line, in order, skipping photos with neither", () => {
    expect(
      renderBodyText({
        type: "doc",
        content: [
          {
            type: "gallery",
            attrs: {
              layout: "grid",
              photos: [
                { mediaId: 1, caption: "The station at dawn.", credit: "Photo: A" },
                { mediaId: 2 },
                { mediaId: 3, caption: "Queue for water." },
              ],
            },
          },
        ],
      }),
    ).toBe("The station at dawn. — Photo: A\nQueue for water.");
  });
});

describe("plain text of related stories", () => {
  it("leaves them out: the body holds only ids, and other stories' words do not belong in this one's index", () => {
    expect(
      renderBodyText({
        type: "doc",
        content: [
          { type: "paragraph", content: [{ type: "text", text: "Story." }] },
          { type: "related", attrs: { title: "Read also", articleIds: [1] } },
        ],
      }),
    ).toBe("Story.");
  });
});

describe("plain text of audio and documents", () => {
  it("gives a clip's title and transcript, and a document's title", () => {
    expect(
      renderBodyText({
        type: "doc",
        content: [
          { type: "audio", attrs: { mediaId: 1, title: "Briefing", transcript: "Host: Hello.\n\nGuest: Hi." } },
          { type: "document", attrs: { mediaId: 2, title: "The report" } },
        ],
      }),
    ).toBe("Briefing\nHost: Hello.\n\nGuest: Hi.\n\nThe report");
  });
});

describe("editorial notes in plain text (search index, Telegram, excerpts, the geotagger)", () => {
  it("gives a body with note marks exactly the text and excerpt of the same body without them", () => {
    const { plain, noted } = notedBodies();
    expect(renderBodyText(noted)).toBe(renderBodyText(plain));
    expect(excerptBody(noted, 60)).toBe(excerptBody(plain, 60));
  });
});
