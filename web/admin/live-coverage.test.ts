import { describe, expect, it } from "vitest";
import { textToBody } from "./screens/live-coverage.js";

describe("a live entry typed as plain text", () => {
  it("becomes one paragraph per blank-line-separated block", () => {
    expect(textToBody("First line.\n\n  Second block\nstill second.\n\n\n")).toEqual({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "First line." }] },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Second block" },
            { type: "hardBreak" },
            { type: "text", text: "still second." },
          ],
        },
      ],
    });
  });
});
