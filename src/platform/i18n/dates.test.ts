import { describe, expect, it } from "vitest";
import { formatDateline, isoWithOffset, parseZonedDateTime } from "./dates.js";

const now = new Date("2026-06-01T00:00:00Z");

describe("datelines", () => {
  it("formats English like '21 March, 07:30 PM' in Kyiv time", () => {
    expect(formatDateline("2026-03-21T17:30:00.000Z", "en-GB", "Europe/Kyiv", now)).toBe("21 March, 07:30 PM");
  });

  it("uses the 24-hour clock and genitive months in Ukrainian and Russian", () => {
    expect(formatDateline("2026-03-21T17:30:00.000Z", "uk-UA", "Europe/Kyiv", now)).toBe("21 березня, 19:30");
    expect(formatDateline("2026-03-21T17:30:00.000Z", "ru-RU", "Europe/Kyiv", now)).toBe("21 марта, 19:30");
  });

  it("follows the time zone across a date line", () => {
    expect(formatDateline("2026-03-21T23:30:00.000Z", "en-GB", "America/New_York", now)).toBe("21 March, 07:30 PM");
  });

  it("adds the year for an earlier year", () => {
    expect(formatDateline("2023-05-20T09:00:00.000Z", "en-GB", "Europe/Kyiv", now)).toBe("20 May 2023, 12:00 PM");
  });
});

describe("zoned date-times", () => {
  it("reads 09:00 New York as 14:00 UTC in winter and 13:00 UTC in summer", () => {
    expect(parseZonedDateTime("2026-12-01T09:00", "America/New_York")?.toISOString()).toBe("2026-12-01T14:00:00.000Z");
    expect(parseZonedDateTime("2026-07-01T09:00", "America/New_York")?.toISOString()).toBe("2026-07-01T13:00:00.000Z");
  });

  it("reads Kyiv time", () => {
    expect(parseZonedDateTime("2026-03-21T19:30", "Europe/Kyiv")?.toISOString()).toBe("2026-03-21T17:30:00.000Z");
  });

  it("takes an instant with an offset as it is", () => {
    expect(parseZonedDateTime("2026-03-21T19:30:00+02:00", "America/New_York")?.toISOString()).toBe(
      "2026-03-21T17:30:00.000Z",
    );
  });

  it("refuses an unknown zone and impossible dates", () => {
    expect(parseZonedDateTime("2026-03-21T19:30", "Mars/Olympus")).toBeUndefined();
    expect(parseZonedDateTime("2026-02-30T10:00", "Europe/Kyiv")).toBeUndefined();
    expect(parseZonedDateTime("tomorrow", "Europe/Kyiv")).toBeUndefined();
  });
});

describe("ISO times with the zone's offset", () => {
  it("writes Kyiv winter and summer time with their offsets", () => {
    expect(isoWithOffset("2026-03-21T17:30:00.000Z", "Europe/Kyiv")).toBe("2026-03-21T19:30:00+02:00");
    expect(isoWithOffset("2026-07-01T17:30:00.000Z", "Europe/Kyiv")).toBe("2026-07-01T20:30:00+03:00");
  });

  it("writes negative offsets and UTC", () => {
    expect(isoWithOffset("2026-12-01T14:00:00.000Z", "America/New_York")).toBe("2026-12-01T09:00:00-05:00");
    expect(isoWithOffset("2026-12-01T14:00:00.000Z", "UTC")).toBe("2026-12-01T14:00:00+00:00");
  });

  it("names the same instant as the UTC string", () => {
    const iso = "2026-10-25T00:59:59.000Z";
    expect(new Date(isoWithOffset(iso, "Europe/Kyiv")).toISOString()).toBe(iso);
  });
});
