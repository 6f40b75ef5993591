import { describe, expect, it } from "vitest";
import { percentDone, progressText } from "./import-progress.js";

const counts = { read: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };

describe("import progress", () => {
  it("is indeterminate until the run has counted the file", () => {
    const run = { status: "running" as const, progress: counts };
    expect(percentDone(run)).toBeUndefined();
    expect(progressText(run)).toBe("Checking the file…");
  });

  it("is the share of items read once the total is known", () => {
    const run = { status: "running" as const, progress: { ...counts, read: 1250, total: 5000 } };
    expect(percentDone(run)).toBe(25);
    expect(progressText(run)).toBe("1,250 of 5,000 items");
  });

  it("is full when the run is done, even for an empty file", () => {
    expect(percentDone({ status: "done", progress: counts })).toBe(100);
    expect(percentDone({ status: "running", progress: { ...counts, total: 0 } })).toBe(100);
  });

  it("says a queued run is waiting", () => {
    expect(progressText({ status: "queued", progress: { ...counts, total: 10 } })).toBe("Waiting to start");
  });
});
