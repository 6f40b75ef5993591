import { describe, expect, it } from "vitest";
import { describeCron } from "./schedule.shared.js";

describe("describeCron", () => {
  it("says a daily schedule with the time and the zone's city", () => {
    expect(describeCron("0 9 * * *", "America/New_York")).toBe("every day at 09:00 New York time");
    expect(describeCron("5 18 * * 0-6", "Europe/Kyiv")).toBe("every day at 18:05 Kyiv time");
  });

  it("reads weekday runs as a range and other sets as a list, Sunday as 0 or 7", () => {
    expect(describeCron("30 7 * * 1-5", "Europe/Kyiv")).toBe("Mon–Fri at 07:30 Kyiv time");
    expect(describeCron("0 8 * * 1,3,5", "Europe/Kyiv")).toBe("Mon, Wed, Fri at 08:00 Kyiv time");
    expect(describeCron("0 8 * * 6,0", "Europe/Kyiv")).toBe("Sat, Sun at 08:00 Kyiv time");
    expect(describeCron("0 18 * * 7", "Europe/Kyiv")).toBe("every Sunday at 18:00 Kyiv time");
    expect(describeCron("0 18 * * 5-7", "Europe/Kyiv")).toBe("Fri–Sun at 18:00 Kyiv time");
  });

  it("names several hours and days of the month", () => {
    expect(describeCron("0 8,20 * * *", "UTC")).toBe("every day at 08:00 and 20:00 UTC");
    expect(describeCron("0 9 1 * *", "Europe/Kyiv")).toBe("on the 1st of every month at 09:00 Kyiv time");
    expect(describeCron("0 9 1,15 * *", "Europe/Kyiv")).toBe("on the 1st and 15th of every month at 09:00 Kyiv time");
  });

  it("shows what words cannot say plainly as the cron text with the zone, never wrongly", () => {
    expect(describeCron("*/15 * * * *", "Europe/Kyiv")).toBe("on the schedule “*/15 * * * *”, Kyiv time");
    expect(describeCron("0 9 * 1 *", "Europe/Kyiv")).toBe("on the schedule “0 9 * 1 *”, Kyiv time");
    expect(describeCron("0 9 * *", "Europe/Kyiv")).toBe("on the schedule “0 9 * *”, Kyiv time");
    expect(describeCron("0 25 * * *", "Europe/Kyiv")).toBe("on the schedule “0 25 * * *”, Kyiv time");
  });
});
