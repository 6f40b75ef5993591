import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEdition } from "../../../test/factories.js";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../../test/harness.js";
import { demoEditionSettings } from "../../newsroom/demo/demo-settings.js";
import { scheduleProblem } from "../schedule.js";
import { seedDemoNewsletters } from "./demo-newsletters.seed.js";

describe.each(DIALECTS)("demo newsletters on %s", (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    for (const [position, code] of ["uk", "ru", "en"].entries()) {
      await createEdition(database.db, { code, base_path: code === "uk" ? "/" : `/${code}/`, position });
    }
  });
  afterEach(async () => database.cleanup());

  it("adds the weekday Russian digest and the New York morning briefing once, with usable schedules", async () => {
    expect(await seedDemoNewsletters(database, new Date("2026-03-21T12:00:00Z"))).toBe(3);
    const lists = await database.db.selectFrom("newsletter_lists").selectAll().orderBy("id").execute();
    expect(lists.map((l) => [l.slug, l.cron, l.time_zone])).toEqual([
      ["ru-digest", "0 8 * * 1-5", "Europe/Kyiv"],
      ["en-daily", "0 9 * * *", "America/New_York"],
      ["uk-vechir", "0 19 * * *", "Europe/Kyiv"],
    ]);
    for (const list of lists) expect(scheduleProblem(list.cron ?? "", list.time_zone ?? "")).toBeNull();
    expect(await seedDemoNewsletters(database, new Date())).toBe(0);
  });

  it("has a list behind every newsletter card of the demo settings", async () => {
    await seedDemoNewsletters(database, new Date("2026-03-21T12:00:00Z"));
    const slugs = (await database.db.selectFrom("newsletter_lists").select("slug").execute()).map((l) => l.slug);
    for (const edition of ["uk", "ru", "en"] as const) {
      for (const promo of demoEditionSettings(edition).articlePromos) {
        if (promo.type === "newsletter") expect(slugs).toContain(promo.list);
      }
    }
  });
});
