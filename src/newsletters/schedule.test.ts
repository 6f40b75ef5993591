import { describe, expect, it } from "vitest";
import { nextRuns, scheduleProblem } from "./schedule.js";

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe("digest schedules across the 2026 daylight-saving changes", () => {
  it("sends the New York 9am briefing at 9am local on both sides of 8 March (clocks forward)", () => {
    expect(iso(nextRuns("0 9 * * *", "America/New_York", new Date("2026-03-07T00:00:00Z"), 3))).toEqual([
      "2026-03-07T14:00:00.000Z",
      "2026-03-08T13:00:00.000Z",
      "2026-03-09T13:00:00.000Z",
    ]);
  });

  it("sends the New York 9am briefing at 9am local on both sides of 1 November (clocks back)", () => {
    expect(iso(nextRuns("0 9 * * *", "America/New_York", new Date("2026-10-31T00:00:00Z"), 3))).toEqual([
      "2026-10-31T13:00:00.000Z",
      "2026-11-01T14:00:00.000Z",
      "2026-11-02T14:00:00.000Z",
    ]);
  });

  it("keeps the Kyiv weekday digest at 8am local over the 29 March change, skipping the weekend", () => {
    expect(iso(nextRuns("0 8 * * 1-5", "Europe/Kyiv", new Date("2026-03-26T12:00:00Z"), 3))).toEqual([
      "2026-03-27T06:00:00.000Z",
      "2026-03-30T05:00:00.000Z",
      "2026-03-31T05:00:00.000Z",
    ]);
  });

  it("keeps the Kyiv weekday digest at 8am local over the 25 October change", () => {
    expect(iso(nextRuns("0 8 * * 1-5", "Europe/Kyiv", new Date("2026-10-22T12:00:00Z"), 3))).toEqual([
      "2026-10-23T05:00:00.000Z",
      "2026-10-26T06:00:00.000Z",
      "2026-10-27T06:00:00.000Z",
    ]);
  });

  it("runs a slot in the skipped spring hour at the next valid instant, once", () => {
    expect(iso(nextRuns("30 2 * * *", "America/New_York", new Date("2026-03-07T12:00:00Z"), 2))).toEqual([
      "2026-03-08T07:00:00.000Z",
      "2026-03-09T06:30:00.000Z",
    ]);
  });

  it("runs a slot in the repeated autumn hour once, not twice", () => {
    expect(iso(nextRuns("30 3 * * *", "Europe/Kyiv", new Date("2026-10-24T12:00:00Z"), 2))).toEqual([
      "2026-10-25T00:30:00.000Z",
      "2026-10-26T01:30:00.000Z",
    ]);
    expect(iso(nextRuns("30 1 * * *", "America/New_York", new Date("2026-10-31T12:00:00Z"), 2))).toEqual([
      "2026-11-01T05:30:00.000Z",
      "2026-11-02T06:30:00.000Z",
    ]);
  });

  it.each([
    ["0 9 * * *", "Mars/Olympus", /not a time zone/],
    ["0 9 * *", "Europe/Kyiv", /five fields/],
    ["0 25 * * *", "Europe/Kyiv", /cannot be read/],
    ["0 9 31 2 *", "Europe/Kyiv", /never runs|cannot be read/],
  ])("explains why %s in %s cannot be used", (cron, zone, problem) => {
    expect(scheduleProblem(cron, zone)).toMatch(problem);
  });

  it("accepts the demo lists' schedules", () => {
    expect(scheduleProblem("0 8 * * 1-5", "Europe/Kyiv")).toBeNull();
    expect(scheduleProblem("0 9 * * *", "America/New_York")).toBeNull();
  });
});
