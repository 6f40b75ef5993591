import { describe, expect, it } from "vitest";
import { isTimelineDate, timelineDateLabel } from "./timeline.shared.js";

describe("timeline dates", () => {
  it.each(["2026-12-01", "2024-02-29", "2026-03-29T03:30", "2026-12-01T00:00", "2026-12-01T23:59"])(
    "takes %s as a real date",
    (value) => {
      expect(isTimelineDate(value)).toBe(true);
    },
  );

  it.each([
    "2026-02-29",
    "2026-13-01",
    "2026-12-01T24:00",
    "2026-12-01T09:60",
    "2026-12-01T09:30:00",
    "1 Dec",
    "",
    "2026-12-01Z",
  ])("refuses %j", (value) => {
    expect(isTimelineDate(value)).toBe(false);
  });

  it("writes the day as each edition's readers read it, the hour as typed", () => {
    expect(timelineDateLabel("2026-12-01", "en")).toBe("1 December 2026");
    expect(timelineDateLabel("2026-12-01", "uk")).toContain("1 грудня 2026");
    expect(timelineDateLabel("2026-12-01", "ru")).toContain("1 декабря 2026");
    // The time of day is the place's own clock: it is never shifted by a zone.
    expect(timelineDateLabel("2026-03-29T03:30", "en")).toContain("03:30");
    expect(timelineDateLabel("2026-03-29T03:30", "uk")).toContain("29 березня 2026");
  });

  it("leaves a value that is not a date as it is", () => {
    expect(timelineDateLabel("soon", "en")).toBe("soon");
  });
});
