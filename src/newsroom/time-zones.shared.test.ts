import { describe, expect, it } from "vitest";
import { formatInZone, parseZonedDateTime, zonedInputValue, zoneName } from "./time-zones.shared.js";

const utc = (local: string, zone: string) => parseZonedDateTime(local, zone)?.toISOString();

describe("the zone's name", () => {
  it("is its city, from the IANA name", () => {
    expect(zoneName("Europe/Kyiv")).toBe("Kyiv time");
    expect(zoneName("America/New_York")).toBe("New York time");
    expect(zoneName("UTC")).toBe("UTC");
  });
});

describe("formatInZone", () => {
  it("shows an instant on the zone's clock, with the zone's name, across daylight saving", () => {
    expect(formatInZone("2026-12-01T14:00:00Z", "America/New_York")).toBe("1 Dec 2026, 09:00 New York time");
    expect(formatInZone("2026-07-01T13:00:00Z", "America/New_York")).toBe("1 Jul 2026, 09:00 New York time");
    expect(formatInZone(new Date("2026-03-01T22:00:00Z"), "Europe/Kyiv")).toBe("2 Mar 2026, 00:00 Kyiv time");
    expect(formatInZone("2026-12-01T14:00:00Z", "Europe/Kyiv", { dateOnly: true })).toBe("1 Dec 2026 Kyiv time");
  });
});

describe("parseZonedDateTime", () => {
  it("reads a local time typed in the zone as the UTC instant", () => {
    expect(utc("2026-12-01T09:00", "America/New_York")).toBe("2026-12-01T14:00:00.000Z");
    expect(utc("2026-07-01T09:00:05", "America/New_York")).toBe("2026-07-01T13:00:05.000Z");
    expect(utc("2026-12-01T09:00", "Europe/Kyiv")).toBe("2026-12-01T07:00:00.000Z");
  });

  it("handles Kyiv's spring change (29 March 2026, 03:00 → 04:00)", () => {
    expect(utc("2026-03-29T02:30", "Europe/Kyiv")).toBe("2026-03-29T00:30:00.000Z");
    // 03:30 never shows on a Kyiv clock that night: it is read as 04:30 summer time.
    expect(utc("2026-03-29T03:30", "Europe/Kyiv")).toBe("2026-03-29T01:30:00.000Z");
    expect(utc("2026-03-29T04:30", "Europe/Kyiv")).toBe("2026-03-29T01:30:00.000Z");
  });

  it("handles Kyiv's autumn change (25 October 2026, 04:00 → 03:00): a repeated time is the first", () => {
    expect(utc("2026-10-25T03:30", "Europe/Kyiv")).toBe("2026-10-25T00:30:00.000Z");
    expect(utc("2026-10-25T04:30", "Europe/Kyiv")).toBe("2026-10-25T02:30:00.000Z");
  });

  it("handles New York's changes (8 March and 1 November 2026)", () => {
    expect(utc("2026-03-08T01:59", "America/New_York")).toBe("2026-03-08T06:59:00.000Z");
    expect(utc("2026-03-08T02:30", "America/New_York")).toBe("2026-03-08T07:30:00.000Z");
    expect(utc("2026-03-08T03:00", "America/New_York")).toBe("2026-03-08T07:00:00.000Z");
    expect(utc("2026-11-01T01:30", "America/New_York")).toBe("2026-11-01T05:30:00.000Z");
    expect(utc("2026-11-01T02:30", "America/New_York")).toBe("2026-11-01T07:30:00.000Z");
  });

  it("refuses what is not a real date and time, or an unknown zone", () => {
    expect(parseZonedDateTime("2026-02-30T09:00", "Europe/Kyiv")).toBeUndefined();
    expect(parseZonedDateTime("2026-02-01T24:00", "Europe/Kyiv")).toBeUndefined();
    expect(parseZonedDateTime("tomorrow at nine", "Europe/Kyiv")).toBeUndefined();
    expect(parseZonedDateTime("2026-02-01T09:00", "Mars/Olympus")).toBeUndefined();
  });

  it("round-trips with the input value the schedule field shows", () => {
    const at = new Date("2026-10-25T02:30:00Z");
    expect(zonedInputValue(at, "Europe/Kyiv")).toBe("2026-10-25T04:30");
    expect(parseZonedDateTime(zonedInputValue(at, "Europe/Kyiv"), "Europe/Kyiv")?.toISOString()).toBe(at.toISOString());
  });
});
