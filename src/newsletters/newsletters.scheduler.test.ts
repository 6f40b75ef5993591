import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle } from "../../test/factories.js";
import { createList, outbox } from "../../test/newsletter-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import { createServices } from "../app.js";

describe.each(DIALECTS)("the digest schedule on %s", (dialect) => {
  let t: TestApp;
  let now: Date;

  beforeEach(async () => {
    // Friday 27 March 2026, 04:00 UTC: before the Kyiv weekday digest at 08:00 local (06:00Z).
    now = new Date("2026-03-27T04:00:00.000Z");
    t = await startTestApp(dialect, {
      now: () => now,
      editions: [{ code: "ru", base_path: "/ru/", locale: "ru-RU" }],
    });
  });
  afterEach(async () => t.close());

  async function slotJobs() {
    return t.database.db
      .selectFrom("jobs")
      .select(["payload", "run_at", "status"])
      .where("kind", "=", "newsletters.slot")
      .orderBy("run_at")
      .execute();
  }

  /** A Russian weekday digest at 08:00 Kyiv time with these subscribers, and a story published an hour ago. */
  async function weekdayDigest(subscribers: string[], story: { title?: string } = {}) {
    const list = await createList(t.services, {
      edition: "ru",
      language: "ru",
      kind: "digest",
      cron: "0 8 * * 1-5",
      timeZone: "Europe/Kyiv",
    });
    for (const email of subscribers) await t.services.newsletters.subscriptions.addSubscriber(list.id, email);
    await createArticle(
      t.services.articles,
      { edition: "ru", ...story },
      { publishAt: new Date(now.getTime() - 3600_000) },
    );
    return list;
  }

  it("queues the next slot and, when it comes, sends the digest and queues the one after", async () => {
    await weekdayDigest(["chitatel@example.org"], { title: "Утренняя новость" });
    // Asking again (every boot does) queues nothing new.
    await t.services.newsletters.delivery.startScheduling();
    expect((await slotJobs()).map((j) => j.run_at)).toEqual(["2026-03-27T06:00:00.000Z"]);

    now = new Date("2026-03-27T06:00:00.000Z");
    await t.services.jobs.runDue();
    await t.services.jobs.runDue();
    const mails = await outbox(t.database);
    expect(mails.map((m) => m.to)).toEqual(["chitatel@example.org"]);
    expect(mails[0]?.subject).toMatch(/^Briefing \d+ — 27 марта$/);
    expect(mails[0]?.text).toContain("Утренняя новость");
    // Monday, after the clocks went forward on Sunday: 08:00 EEST is 05:00Z.
    expect((await slotJobs()).map((j) => [j.run_at, j.status])).toEqual([
      ["2026-03-27T06:00:00.000Z", "done"],
      ["2026-03-30T05:00:00.000Z", "pending"],
    ]);
  });

  it("sends the next digest as an editor prepared and changed it before its slot", async () => {
    const list = await weekdayDigest(["chitatel@example.org"]);
    const prepared = await t.services.newsletters.issues.composeNext(list.id, null);
    expect(prepared).toMatchObject({ status: "scheduled", scheduledFor: "2026-03-27T06:00:00.000Z" });
    await t.services.newsletters.issues.updateIssue(prepared.id, { intro: "Доброе утро! Вот главное." });
    now = new Date("2026-03-27T06:00:00.000Z");
    await t.services.jobs.runDue();
    await t.services.jobs.runDue();
    const mails = await outbox(t.database);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain("Доброе утро! Вот главное.");
    expect(await t.database.db.selectFrom("newsletter_issues").select("id").execute()).toHaveLength(1);
  });

  it("ignores a slot queued before the schedule changed", async () => {
    const list = await weekdayDigest(["chitatel@example.org"]);
    await t.services.newsletters.lists.updateList(list.id, { cron: "0 9 * * 1-5" });
    now = new Date("2026-03-27T06:00:00.000Z");
    expect(await t.services.newsletters.delivery.runSlot(list.id, now)).toBeUndefined();
    expect(await outbox(t.database)).toEqual([]);
    now = new Date("2026-03-27T07:00:00.000Z");
    expect(await t.services.newsletters.delivery.runSlot(list.id, now)).toMatchObject({ status: "sending" });
  });

  it("makes a slot's issue once when two schedulers race for it", async () => {
    const list = await weekdayDigest(["one@example.org", "two@example.org"]);
    const other = await createServices(t.config, t.database, () => now);
    const slot = new Date("2026-03-27T06:00:00.000Z");
    now = slot;
    await Promise.all([
      t.services.newsletters.delivery.runSlot(list.id, slot),
      other.newsletters.delivery.runSlot(list.id, slot),
      t.services.newsletters.delivery.runSlot(list.id, slot),
      other.newsletters.delivery.runSlot(list.id, slot),
    ]);
    const issues = await t.database.db.selectFrom("newsletter_issues").selectAll().execute();
    expect(issues).toHaveLength(1);
    await Promise.all([t.services.jobs.runDue(), other.jobs.runDue()]);
    expect((await outbox(t.database)).map((m) => m.to).sort()).toEqual(["one@example.org", "two@example.org"]);
    const deliveries = await t.database.db.selectFrom("newsletter_deliveries").selectAll().execute();
    expect(deliveries.map((d) => d.state)).toEqual(["sent", "sent"]);
  });
});
