import { describe, expect, it } from "vitest";
import { zonedInputValue } from "../../src/newsroom/time-zones.shared.js";
import { isTimeZone, timeZoneOptions } from "./time.js";

describe("zonedInputValue", () => {
  it("shows an instant as read on a clock in the zone, across daylight saving", () => {
    expect(zonedInputValue(new Date("2026-12-01T14:00:00Z"), "America/New_York", true)).toBe("2026-12-01T09:00:00");
    expect(zonedInputValue(new Date("2026-07-01T13:00:05Z"), "America/New_York", true)).toBe("2026-07-01T09:00:05");
    expect(zonedInputValue(new Date("2026-12-01T07:00:00Z"), "Europe/Kyiv", true)).toBe("2026-12-01T09:00:00");
    expect(zonedInputValue(new Date("2026-12-31T23:30:00Z"), "UTC", true)).toBe("2026-12-31T23:30:00");
  });

  it("writes midnight as 00, not 24", () => {
    expect(zonedInputValue(new Date("2026-03-01T22:00:00Z"), "Europe/Kyiv", true)).toBe("2026-03-02T00:00:00");
  });
});

describe("time zones", () => {
  it("puts the edition's zone first and drops unknown ones", () => {
    const zones = timeZoneOptions(["Europe/Kyiv", "Not/AZone", "Europe/Kyiv", "UTC"]);
    expect(zones[0]).toBe("Europe/Kyiv");
    expect(zones[1]).toBe("UTC");
    expect(zones).not.toContain("Not/AZone");
    expect(new Set(zones).size).toBe(zones.length);
    expect(isTimeZone("America/New_York")).toBe(true);
  });
});
