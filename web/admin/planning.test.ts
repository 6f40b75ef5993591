import { describe, expect, it } from "vitest";
import { addDays, dayLabel, isDay, todayIn, weekOf } from "./planning.js";

describe("the planning calendar's days", () => {
  it("gives the Monday-first week of a day, across a month and a year end", () => {
    expect(weekOf("2026-12-31")).toEqual([
      "2026-12-28",
      "2026-12-29",
      "2026-12-30",
      "2026-12-31",
      "2027-01-01",
      "2027-01-02",
      "2027-01-03",
    ]);
    expect(weekOf("2026-12-07")[0]).toBe("2026-12-07");
    expect(weekOf("2026-12-13")[0]).toBe("2026-12-07");
  });

  it("steps days forward and back", () => {
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-12-07", 7)).toBe("2026-12-14");
  });

  it("reads today on the edition's clock, not the browser's", () => {
    const lateEvening = new Date("2026-12-07T22:30:00Z");
    expect(todayIn("Europe/Kyiv", lateEvening)).toBe("2026-12-08");
    expect(todayIn("America/New_York", lateEvening)).toBe("2026-12-07");
  });

  it("accepts only real calendar days and labels them", () => {
    expect(isDay("2026-02-30")).toBe(false);
    expect(isDay("2026-2-3")).toBe(false);
    expect(isDay("2026-12-07")).toBe(true);
    expect(dayLabel("2026-12-07")).toBe("Mon 7 Dec");
  });
});
