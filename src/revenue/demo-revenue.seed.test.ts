import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import { seedDemoWaysToGive } from "./demo-revenue.seed.js";

describe.each(DIALECTS)("the demo's ways to give on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      editions: ["uk", "en"],
    });
  });
  afterEach(async () => t.close());

  it("gives unsaved editions demo bank details marked as such, once, and leaves saved texts alone", async () => {
    const settings = t.services.revenue.settings;
    const en = t.services.editions.byCode("en")!;
    await settings.updateEdition(en, { ...(await settings.editionSettings(en)), bankDetails: "Our real bank" });
    expect(await seedDemoWaysToGive(settings, t.services.editions.list())).toBe(1);
    const uk = t.services.editions.byCode("uk")!;
    expect((await settings.editionSettings(uk)).bankDetails).toContain("демонстраційні реквізити");
    expect((await settings.editionSettings(en)).bankDetails).toBe("Our real bank");
    expect(await seedDemoWaysToGive(settings, t.services.editions.list())).toBe(0);
  });
});
