import { describe, expect, it } from "vitest";
import { type ArticleStatusInfo, isMovedUnder } from "./use-status-watch.js";

const answer = (over: Partial<ArticleStatusInfo>): ArticleStatusInfo => ({
  id: 1,
  status: "published",
  version: 5,
  changed: true,
  lastChange: null,
  returnNote: null,
  ...over,
});

describe("isMovedUnder", () => {
  it("reports a newer version in another status as someone else's step", () => {
    expect(isMovedUnder(answer({}), { version: 4, status: "in_review" })).toBe(true);
  });

  it("ignores the tab's own publish that landed while the poll was out", () => {
    expect(isMovedUnder(answer({}), { version: 5, status: "published" })).toBe(false);
  });

  it("ignores a newer version in the same status (an edit, not a move)", () => {
    expect(isMovedUnder(answer({ status: "draft" }), { version: 4, status: "draft" })).toBe(false);
  });

  it("ignores an answer that says nothing changed", () => {
    expect(isMovedUnder(answer({ changed: false }), { version: 4, status: "draft" })).toBe(false);
  });
});
