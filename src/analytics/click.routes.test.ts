import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle } from "../../test/factories.js";
import { createList, outbox, pathOf } from "../../test/newsletter-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

describe.each(DIALECTS)("newsletter click counting on %s", (dialect) => {
  let t: TestApp;
  let clock: Date;

  beforeEach(async () => {
    clock = new Date("2026-12-07T08:00:00.000Z");
    t = await startTestApp(dialect, {
      now: () => clock,
      editions: [
        { code: "uk", base_path: "/", locale: "uk-UA" },
        { code: "en", base_path: "/en/", locale: "en-GB" },
      ],
    });
  });
  afterEach(async () => t.close());

  async function sendIssue() {
    const list = await createList(t.services, { name: "Morning Briefing" });
    const first = await createArticle(t.services.articles, { edition: "en", title: "Bridge reopens" });
    const second = await createArticle(t.services.articles, { edition: "en", title: "Power restored" });
    for (const email of ["ann@example.org", "bob@example.org"]) {
      await t.services.newsletters.subscriptions.addSubscriber(list.id, email);
    }
    const issue = await t.services.newsletters.issues.composeManual(
      list.id,
      { subject: "Monday briefing", intro: "", articleIds: [first.id, second.id] },
      null,
    );
    await t.services.newsletters.delivery.startSending(issue.id);
    expect(await t.services.newsletters.delivery.deliver(issue.id)).toBe("done");
    const mails = (await outbox(t.database)).filter((mail) => mail.subject === "Monday briefing");
    expect(mails).toHaveLength(2);
    clock = new Date("2026-12-07T08:20:00.000Z");
    return { issue, first, second, mails };
  }

  const clickLinks = (body: string) => [
    ...new Set(body.match(/https:\/\/news\.example\/n\/c\/[A-Za-z0-9_.-]+/g) ?? []),
  ];

  it("sends story links as signed redirects, the same in both parts and in every reader's copy", async () => {
    const { mails, first } = await sendIssue();
    const [ann, bob] = mails;
    if (!ann || !bob) throw new Error("two copies expected");
    const links = clickLinks(ann.html ?? "");
    expect(links).toHaveLength(2);
    expect(clickLinks(ann.text)).toEqual(links);
    // Nothing in a link tells one subscriber from another.
    expect(clickLinks(bob.html ?? "")).toEqual(links);
    expect(ann.html).not.toContain(`/en/news/${first.slug}`);
    expect(ann.text).not.toContain(`/en/news/${first.slug}`);
  });

  it("counts a click once, per issue and link, and redirects to the story", async () => {
    const { issue, first, mails } = await sendIssue();
    const [toFirst, toSecond] = clickLinks(mails[0]?.text ?? "");
    const response = await t.app.inject({ url: pathOf(toFirst ?? "") });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe(
      `https://news.example/en/news/${first.slug}?utm_source=newsletter&utm_medium=email`,
    );
    expect(response.headers["set-cookie"]).toBeUndefined();
    await t.app.inject({ url: pathOf(toFirst ?? "") });
    await t.app.inject({ url: pathOf(toSecond ?? "") });
    const editor = await t.bearer("editor");
    const stats = (await t.app.inject({ url: "/admin/api/stats/newsletters", headers: editor })).json();
    expect(stats.rows).toEqual([
      {
        issueId: issue.id,
        newsletter: "Morning Briefing",
        subject: "Monday briefing",
        sentAt: "2026-12-07T08:00:00.000Z",
        clicks: 3,
        links: [
          { url: `https://news.example/en/news/${first.slug}`, clicks: 2 },
          { url: expect.stringContaining("/en/news/"), clicks: 1 },
        ],
      },
    ]);
  });

  it("answers a tampered or foreign token with the 404 page, never a redirect", async () => {
    const { mails } = await sendIssue();
    const [link] = clickLinks(mails[0]?.text ?? "");
    const token = (link ?? "").split("/n/c/")[1] ?? "";
    const [body, mac] = token.split(".") as [string, string];
    const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    claims.c.u = "https://evil.example/phish";
    const forged = `${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${mac}`;
    const preferences = t.services.signer.sign("newsletter.preferences", { s: 1 }, null);
    for (const bad of [forged, `${token}x`, "nonsense", preferences]) {
      const response = await t.app.inject({ url: `/n/c/${bad}`, headers: { accept: "text/html" } });
      expect(response.statusCode, response.body).toBe(404);
      expect(response.headers.location).toBeUndefined();
      expect(response.headers["content-type"]).toContain("text/html");
    }
    const editor = await t.bearer("editor");
    const stats = (await t.app.inject({ url: "/admin/api/stats/newsletters", headers: editor })).json();
    expect(stats.rows[0].clicks).toBe(0);
  });
});

describe.each(DIALECTS)("the analytics retention job on %s", (dialect) => {
  let t: TestApp;
  let clock: Date;

  beforeEach(async () => {
    clock = new Date("2026-12-07T08:30:00.000Z");
    t = await startTestApp(dialect, {
      now: () => clock,
      editions: ["uk"],
      env: { ANALYTICS_RETENTION_DAYS: "30" },
    });
  });
  afterEach(async () => t.close());

  it("drops minute rows after 48 hours and hourly rows after the retention, and a second run drops nothing", async () => {
    const { db } = t.database;
    const dims = { edition: "uk", article_id: 1, source: "direct", referrer: "", device: "m", views: 1 };
    await db
      .insertInto("analytics_views_minute")
      .values([
        { minute: "2026-12-05T08:00:00.000Z", ...dims },
        { minute: "2026-12-05T09:00:00.000Z", ...dims },
      ])
      .execute();
    await db
      .insertInto("analytics_views_hourly")
      .values([
        { hour: "2026-11-06T08:00:00.000Z", ...dims },
        { hour: "2026-11-08T08:00:00.000Z", ...dims },
      ])
      .execute();
    await db
      .insertInto("analytics_engagement_hourly")
      .values([
        { hour: "2026-11-01T08:00:00.000Z", edition: "uk", article_id: 1, depth: 25, time_bucket: "lt10s", reads: 1 },
        { hour: "2026-12-01T08:00:00.000Z", edition: "uk", article_id: 1, depth: 25, time_bucket: "lt10s", reads: 1 },
      ])
      .execute();
    await db
      .insertInto("analytics_conversions_hourly")
      .values([
        { hour: "2026-10-01T08:00:00.000Z", article_id: 1, kind: "donation_started", count: 1 },
        { hour: "2026-12-07T08:00:00.000Z", article_id: 1, kind: "donation_started", count: 1 },
      ])
      .execute();

    await t.services.analytics.retention.schedulePrune();
    await t.services.jobs.runDue();
    const left = async () => ({
      minutes: (await db.selectFrom("analytics_views_minute").select("minute").execute()).map((r) => r.minute),
      hours: (await db.selectFrom("analytics_views_hourly").select("hour").execute()).map((r) => r.hour),
      engagement: (await db.selectFrom("analytics_engagement_hourly").select("hour").execute()).map((r) => r.hour),
      conversions: (await db.selectFrom("analytics_conversions_hourly").select("hour").execute()).map((r) => r.hour),
    });
    const expected = {
      minutes: ["2026-12-05T09:00:00.000Z"],
      hours: ["2026-11-08T08:00:00.000Z"],
      engagement: ["2026-12-01T08:00:00.000Z"],
      conversions: ["2026-12-07T08:00:00.000Z"],
    };
    expect(await left()).toEqual(expected);
    expect(await t.services.analytics.retention.prune()).toBe(0);
    expect(await left()).toEqual(expected);
    // The run queued the next hour's, once.
    const queued = await db
      .selectFrom("jobs")
      .select(["dedupe_key", "status"])
      .where("kind", "=", "analytics.prune")
      .orderBy("dedupe_key")
      .execute();
    expect(queued).toEqual([
      { dedupe_key: "analytics.prune:2026-12-07T08:00:00.000Z", status: "done" },
      { dedupe_key: "analytics.prune:2026-12-07T09:00:00.000Z", status: "pending" },
    ]);
  });
});
