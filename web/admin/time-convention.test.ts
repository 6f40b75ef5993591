import { afterEach, describe, expect, it } from "vitest";
import { listZone } from "./screens/newsletter-list.js";
import type { NewsletterList } from "./screens/newsletters.js";
import { formatDateTime, setNewsroomTimeZone, timeZoneOf } from "./ui.js";

const EDITIONS = [
  { code: "uk", timeZone: "Europe/Kyiv" },
  { code: "us", timeZone: "America/New_York" },
];

describe("the newsroom's one time convention", () => {
  afterEach(() => setNewsroomTimeZone(undefined));

  it("shows a time on the edition's clock with the zone's name", () => {
    expect(formatDateTime("2026-12-01T14:00:00Z", timeZoneOf(EDITIONS, "us"))).toBe("1 Dec 2026, 09:00 New York time");
  });

  it("uses the newsroom's zone (the first edition's) where no edition is named", () => {
    setNewsroomTimeZone("Europe/Kyiv");
    expect(formatDateTime("2026-12-01T07:00:00Z")).toBe("1 Dec 2026, 09:00 Kyiv time");
    expect(timeZoneOf(EDITIONS, "nowhere")).toBe("Europe/Kyiv");
    expect(formatDateTime(null)).toBe("—");
  });

  it("reads a newsletter's times on its schedule's clock, else its edition's", () => {
    const digest = { edition: "uk", timeZone: "America/New_York" } as NewsletterList;
    const manual = { edition: "us", timeZone: null } as NewsletterList;
    expect(listZone(digest, EDITIONS)).toBe("America/New_York");
    expect(listZone(manual, EDITIONS)).toBe("America/New_York");
    expect(listZone({ ...manual, edition: "uk" }, EDITIONS)).toBe("Europe/Kyiv");
  });
});
