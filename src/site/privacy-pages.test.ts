import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import { privacyTextOf } from "./views/PrivacyPage.js";

describe.each(DIALECTS)("the privacy page on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, { editions: ["uk", "ru", "en"] });
  });
  afterEach(async () => t.close());

  it("is served in each edition's language at {base}privacy and linked from every page's footer", async () => {
    for (const [path, heading, home] of [
      ["/privacy", "Приватність: що ми рахуємо", "/"],
      ["/ru/privacy", "Приватность: что мы считаем", "/ru/"],
      ["/en/privacy", "Privacy: what we count", "/en/"],
    ] as const) {
      const page = await t.app.inject({ url: path });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`<h1>${heading}</h1>`);
      expect(page.headers["set-cookie"]).toBeUndefined();
      const front = await t.app.inject({ url: home });
      expect(front.body).toContain(`<a href="${path}">`);
    }
  });

  it("says what is counted, what is never collected, and how long minute and hourly totals are kept", async () => {
    const page = (await t.app.inject({ url: "/en/privacy" })).body;
    for (const fact of [
      "page view",
      "the website that sent you",
      "campaign name",
      "phone, tablet or computer",
      "25, 50, 75 or 100 %",
      "how long the page was open",
      "links in our newsletters",
      "newsletter sign-up or a donation",
    ]) {
      expect(page).toContain(fact);
    }
    for (const never of [
      "No cookies",
      "No IP address",
      "user agent",
      "No identifier",
      "Global Privacy Control",
      "open tracking",
    ]) {
      expect(page).toContain(never);
    }
    expect(page).toContain("Per-minute totals are deleted after 48 hours.");
    // The default ANALYTICS_RETENTION_DAYS of 730.
    expect(page).toContain("Hourly totals are deleted after 2 years.");
  });
});

describe("the privacy page's retention wording", () => {
  it("names whole years as years and other periods in days, with each language's plural forms", () => {
    expect(privacyTextOf("en").period(365)).toBe("1 year");
    expect(privacyTextOf("en").period(90)).toBe("90 days");
    expect(privacyTextOf("uk").period(730)).toBe("2 роки");
    expect(privacyTextOf("uk").period(1825)).toBe("5 років");
    expect(privacyTextOf("ru").period(21)).toBe("21 день");
    expect(privacyTextOf("ru").period(30)).toBe("30 дней");
  });
});
