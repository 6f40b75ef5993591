import { describe, expect, it } from "vitest";
import { diffArticleText } from "./revision-diff.js";

describe("diffArticleText", () => {
  it("marks the words added and removed in the headline, dek and body", () => {
    const diff = diffArticleText(
      { title: "Bridge reopens", dek: "After repairs", body: "Traffic resumed on Monday." },
      { title: "Bridge reopens early", dek: "After repairs", body: "Traffic resumed on Sunday." },
    );
    expect(diff.changed).toBe(true);
    expect(diff.title.filter((p) => p.added).map((p) => p.value.trim())).toEqual(["early"]);
    expect(diff.dek.every((p) => !p.added && !p.removed)).toBe(true);
    expect(diff.body.filter((p) => p.removed).map((p) => p.value)).toEqual(["Monday"]);
    expect(diff.body.filter((p) => p.added).map((p) => p.value)).toEqual(["Sunday"]);
  });

  it("reports no change between identical texts", () => {
    const text = { title: "Same", dek: "", body: "Words." };
    expect(diffArticleText(text, text).changed).toBe(false);
  });
});
