import { describe, expect, it } from "vitest";
import { describeLine, groupRevisions } from "./revision-history.js";
import type { Revision } from "./types.js";

function revision(version: number, minute: number, overrides: Partial<Revision> = {}): Revision {
  return {
    version,
    createdAt: new Date(Date.UTC(2026, 11, 6, 10, minute)).toISOString(),
    staffId: 1,
    staffName: "Ada",
    label: "autosave",
    pending: false,
    restoredFrom: null,
    live: false,
    ...overrides,
  };
}

describe("groupRevisions", () => {
  it("folds a run of autosaves into one line and keeps the other labels apart", () => {
    const items = [
      revision(5, 9, { label: "published", live: true }),
      revision(4, 8),
      revision(3, 7),
      revision(2, 6),
      revision(1, 5, { label: "created" }),
    ];
    const [session] = groupRevisions(items, null);
    expect(session?.lines.map(describeLine)).toEqual(["published", "autosave ×3", "created"]);
  });

  it("starts a new session for another person or after a long pause", () => {
    const items = [
      revision(4, 59, { staffName: "Bo" }),
      revision(3, 58),
      revision(2, 10),
      revision(1, 9, { label: "created" }),
    ];
    const sessions = groupRevisions(items, null);
    expect(sessions.map((s) => [s.staffName, s.lines.length])).toEqual([
      ["Bo", 1],
      ["Ada", 1],
      ["Ada", 2],
    ]);
  });

  it("never folds the pending version into a run, and keeps pending and live autosaves apart", () => {
    const items = [
      revision(6, 9, { pending: true }),
      revision(5, 8, { pending: true }),
      revision(4, 7, { pending: true }),
      revision(3, 6, { label: "published", live: true }),
      revision(2, 5),
    ];
    const [session] = groupRevisions(items, 6);
    expect(session?.lines.map((line) => line.revisions.map((r) => r.version))).toEqual([[6], [5, 4], [3], [2]]);
  });

  it("says which version a restore brought back", () => {
    const [session] = groupRevisions([revision(9, 1, { label: "restored", restoredFrom: 7 })], null);
    expect(session?.lines.map(describeLine)).toEqual(["restored version 7"]);
  });
});
