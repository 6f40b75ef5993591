import { describe, expect, it } from "vitest";
import { picturesIn } from "./publication-check.service.js";

describe("the pictures a body shows, for the photo rule", () => {
  it("finds image blocks and every photo of a gallery, with the captions they give and those they leave to the library", () => {
    const body = {
      type: "doc",
      content: [
        { type: "image", attrs: { mediaId: 3, caption: "The bridge at dawn.", alt: null } },
        { type: "paragraph", content: [{ type: "text", text: "Text." }] },
        {
          type: "blockquote",
          content: [{ type: "image", attrs: { mediaId: 4, caption: null } }],
        },
        {
          type: "gallery",
          attrs: {
            layout: "slideshow",
            photos: [
              { mediaId: 5, caption: "  " },
              { mediaId: 6, caption: "A queue at 7 Franko Street." },
            ],
          },
        },
      ],
    };
    expect(picturesIn(body)).toEqual({
      mediaIds: [3, 4, 5, 6],
      captions: ["The bridge at dawn.", "A queue at 7 Franko Street."],
      // A blank caption of its own hides the library's; no caption at all shows it.
      uncaptioned: [4],
    });
  });

  it("walks a body nested thousands of levels deep", () => {
    let node: object = { type: "image", attrs: { mediaId: 9, caption: "Deep." } };
    for (let i = 0; i < 20_000; i++) node = { type: "blockquote", content: [node] };
    expect(picturesIn({ type: "doc", content: [node] })).toEqual({
      mediaIds: [9],
      captions: ["Deep."],
      uncaptioned: [],
    });
  });
});
