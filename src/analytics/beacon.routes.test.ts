import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createEdition, createPerson, createSection } from "../../test/factories.js";
import {
  createTestDatabase,
  createTestRedis,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  type TestRedis,
  testConfig,
} from "../../test/harness.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import { buildApp, createServices } from "../app.js";
import type { ArticleRow } from "../platform/db/schema.js";

const BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const READER_IP = "203.0.113.77";
const ANALYTICS_TABLES = [
  "analytics_views_minute",
  "analytics_views_hourly",
  "analytics_engagement_hourly",
  "analytics_newsletter_clicks",
  "analytics_conversions_hourly",
];

type BeaconBody = Record<string, unknown>;

for (const mode of ["embedded", ...(TEST_REDIS_URL ? ["redis"] : [])] as const) {
  describe.each(DIALECTS)(`the beacon (${mode} mode) on %s`, (dialect) => {
    let t: TestApp;
    let clock: Date;
    let redis: TestRedis | undefined;

    beforeEach(async () => {
      clock = new Date("2026-12-07T08:00:30.000Z");
      redis = mode === "redis" ? createTestRedis() : undefined;
      t = await startTestApp(dialect, {
        now: () => clock,
        editions: ["uk", "en"],
        env: {
          // Flushes are made by the tests, not by the timer.
          ANALYTICS_FLUSH_MS: "600000",
          ...(redis ? { REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix } : {}),
        },
      });
    });
    afterEach(async () => {
      await t.close();
      await t.services.scaled?.close();
      await redis?.cleanup();
    });

    const beacon = (
      body: BeaconBody | string,
      headers: Record<string, string> = {},
      contentType = "application/json",
    ) =>
      t.app.inject({
        method: "POST",
        url: "/beacon",
        remoteAddress: READER_IP,
        headers: { "content-type": contentType, "user-agent": BROWSER, ...headers },
        payload: typeof body === "string" ? body : JSON.stringify(body),
      });

    async function statsOf(id: number) {
      await t.services.analytics.beacons.flush();
      const editor = await t.bearer("editor");
      const response = await t.app.inject({ url: `/admin/api/stats/articles/${id}`, headers: editor });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    }

    async function now(edition: string) {
      await t.services.analytics.beacons.flush();
      const response = await t.app.inject({
        url: `/admin/api/stats/now?edition=${edition}`,
        headers: await t.bearer("editor"),
      });
      expect(response.statusCode).toBe(200);
      return response.json();
    }

    async function story(
      edition = "uk",
      extra: Partial<Parameters<typeof createArticle>[1]> = {},
    ): Promise<ArticleRow> {
      return createArticle(t.services.articles, { edition, ...extra });
    }

    it("answers 204 without a cookie to a beacon and the pixel, even from a signed-in editor", async () => {
      const article = await story();
      const editor = await t.signInAs("editor");
      const posted = await beacon(
        { t: "view", e: "uk", a: String(article.id), r: "", u: "", m: "", d: "m" },
        editor.headers,
      );
      expect(posted.statusCode).toBe(204);
      expect(posted.headers["set-cookie"]).toBeUndefined();
      expect(posted.body).toBe("");
      const pixel = await t.app.inject({
        url: `/beacon.gif?e=uk&a=${article.id}`,
        headers: { "user-agent": BROWSER, ...editor.headers },
      });
      expect(pixel.statusCode).toBe(200);
      expect(pixel.headers["content-type"]).toBe("image/gif");
      expect(pixel.headers["cache-control"]).toBe("no-store");
      expect(pixel.headers["set-cookie"]).toBeUndefined();
      const stats = await statsOf(article.id);
      expect(stats.views).toBe(2);
      expect(stats.devices).toEqual({ mobile: 1, tablet: 0, desktop: 0, unknown: 1 });
      expect(stats.sources.direct).toBe(2);
    });

    it("stores neither the reader's address nor their user agent: no such column, no such value", async () => {
      const article = await story();
      await beacon({ t: "view", e: "uk", a: String(article.id), r: "www.google.com", u: "", m: "", d: "d" });
      await beacon({ t: "engage", e: "uk", a: String(article.id), k: 75, s: 42 });
      await t.app.inject({
        url: `/beacon.gif?e=uk&a=${article.id}`,
        remoteAddress: READER_IP,
        headers: { "user-agent": BROWSER },
      });
      await t.services.analytics.beacons.flush();
      const { db } = t.database;
      const forbidden = /ip|addr|agent|ua$|^ua|cookie|session|fingerprint|visitor|reader|user/i;
      for (const table of ANALYTICS_TABLES) {
        const columns =
          t.database.dialect === "sqlite"
            ? (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)).rows.map(
                (r) => r.name,
              )
            : (
                await sql<{ name: string }>`select column_name as name from information_schema.columns
                  where table_name = ${table} and table_schema = current_schema()`.execute(db)
              ).rows.map((r) => r.name);
        expect(columns.length, table).toBeGreaterThan(0);
        expect(
          columns.filter((column) => forbidden.test(column)),
          table,
        ).toEqual([]);
        const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows;
        for (const row of rows) {
          for (const value of Object.values(row)) {
            expect(String(value)).not.toContain(READER_IP);
            expect(String(value)).not.toContain(BROWSER);
            expect(String(value)).not.toContain("Firefox");
          }
        }
      }
      const minuteRows = await db.selectFrom("analytics_views_minute").selectAll().execute();
      expect(minuteRows.reduce((sum, row) => sum + row.views, 0)).toBe(2);
    });

    it("honours Sec-GPC and DNT, and does not count bots or requests without a user agent", async () => {
      const article = await story();
      const view = { t: "view", e: "uk", a: String(article.id), r: "", u: "", m: "", d: "d" };
      expect((await beacon(view, { "sec-gpc": "1" })).statusCode).toBe(204);
      expect((await beacon(view, { dnt: "1" })).statusCode).toBe(204);
      const googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
      expect((await beacon(view, { "user-agent": googlebot })).statusCode).toBe(204);
      expect((await beacon(view, { "user-agent": "HeadlessChrome/120.0" })).statusCode).toBe(204);
      const pixel = await t.app.inject({
        url: `/beacon.gif?e=uk&a=${article.id}`,
        headers: { "user-agent": googlebot },
      });
      expect(pixel.statusCode).toBe(200);
      await t.app.inject({
        url: `/beacon.gif?e=uk&a=${article.id}`,
        headers: { "user-agent": BROWSER, "sec-gpc": "1" },
      });
      expect((await statsOf(article.id)).views).toBe(0);
      // The same beacon from a person's browser without those signals counts.
      await beacon(view, { "sec-gpc": "0", dnt: "0" });
      expect((await statsOf(article.id)).views).toBe(1);
    });

    it("answers 204 to malformed JSON, unknown editions, wrong shapes and huge bodies, and counts text/plain JSON", async () => {
      const article = await story();
      const bad: (string | BeaconBody)[] = [
        "{not json",
        "",
        "[]",
        "null",
        { t: "view", e: "xx", a: String(article.id), d: "m" },
        { t: "view", e: "uk", a: "12abc", d: "m" },
        { t: "view", e: "uk", a: String(article.id), d: "phone" },
        { t: "view", e: "uk", a: String(article.id), d: "m", r: "not a host/with path" },
        { t: "engage", e: "uk", a: String(article.id), k: 33, s: 5 },
        { t: "engage", e: "uk", a: String(article.id), k: 25, s: -1 },
        { t: "click", e: "uk" },
      ];
      for (const body of bad) {
        const response = await beacon(body);
        expect(response.statusCode, JSON.stringify(body)).toBe(204);
        expect(response.headers["set-cookie"]).toBeUndefined();
      }
      const huge = JSON.stringify({ t: "view", e: "uk", a: String(article.id), d: "m", u: "x".repeat(100_000) });
      expect((await beacon(huge)).statusCode).toBe(204);
      expect((await beacon(huge, {}, "text/plain;charset=UTF-8")).statusCode).toBe(204);
      expect((await beacon("{}", {}, "application/x-www-form-urlencoded")).statusCode).toBe(204);
      expect((await statsOf(article.id)).views).toBe(0);
      const sent = JSON.stringify({ t: "view", e: "uk", a: String(article.id), r: "", u: "", m: "", d: "t" });
      expect((await beacon(sent, {}, "text/plain;charset=UTF-8")).statusCode).toBe(204);
      expect((await statsOf(article.id)).devices.tablet).toBe(1);
    });

    it("classifies sources and referrers, and buckets read depth and time on page", async () => {
      const article = await story();
      const a = String(article.id);
      const views: BeaconBody[] = [
        { r: "www.google.com.ua" },
        { r: "duckduckgo.com" },
        { r: "t.co" },
        { r: "m.facebook.com" },
        { r: "t.me" },
        { u: "telegram" },
        { u: "newsletter", m: "email" },
        { m: "push", u: "push" },
        { r: "blog.example.org" },
        { r: "blog.example.org" },
        {},
      ];
      for (const extra of views) await beacon({ t: "view", e: "uk", a, r: "", u: "", m: "", d: "m", ...extra });
      for (const [k, s] of [
        [25, 5],
        [50, 20],
        [75, 45],
        [100, 100],
        [100, 300],
        [undefined, 2000],
      ] as const) {
        await beacon({ t: "engage", e: "uk", a, ...(k === undefined ? {} : { k }), s });
      }
      const stats = await statsOf(article.id);
      expect(stats.views).toBe(11);
      expect(stats.sources).toEqual({
        direct: 1,
        search: 2,
        social: 2,
        newsletter: 1,
        telegram: 2,
        push: 1,
        referral: 2,
      });
      expect(stats.referrers[0]).toEqual({ host: "blog.example.org", views: 2 });
      expect(stats.depth).toEqual({ "25": 5, "50": 4, "75": 3, "100": 2 });
      expect(stats.timeOnPage).toEqual({ lt10s: 1, "10to30s": 1, "30to60s": 1, "1to3m": 1, "3to10m": 1, gt10m: 1 });
      expect(stats.hourly).toEqual([{ hour: "2026-12-07T08:00:00.000Z", views: 11 }]);
    });

    it("adds up 10,000 simulated views exactly in per-article stats and in right now", async () => {
      const articles = await Promise.all([story("uk"), story("uk"), story("uk"), story("en"), story("en")]);
      const devices = ["m", "t", "d"] as const;
      const referrers = ["", "www.google.com", "t.co", "t.me", "news.example.net"];
      const expected = new Map<number, number>();
      const perEdition = new Map<string, number>();
      const perMinute = new Map<string, number>();
      const bodies: { body: string; minute: number }[] = [];
      for (let i = 0; i < 10_000; i++) {
        const article = articles[(i * 7) % articles.length] as ArticleRow;
        // Every ninth view is of a front page (no article), counted for its edition only.
        const onArticle = i % 9 !== 0;
        const body = {
          t: "view",
          e: article.edition_code,
          ...(onArticle ? { a: String(article.id) } : {}),
          r: referrers[i % referrers.length],
          u: i % 11 === 0 ? "newsletter" : "",
          m: "",
          d: devices[i % 3],
        };
        if (onArticle) expected.set(article.id, (expected.get(article.id) ?? 0) + 1);
        perEdition.set(article.edition_code, (perEdition.get(article.edition_code) ?? 0) + 1);
        bodies.push({ body: JSON.stringify(body), minute: Math.floor(i / 2500) });
      }
      // Four minutes of traffic, sent in concurrent batches, with a flush in between.
      for (let minute = 0; minute < 4; minute++) {
        clock = new Date(Date.parse("2026-12-07T08:00:30.000Z") + minute * 60_000);
        const batch = bodies.filter((b) => b.minute === minute);
        for (let start = 0; start < batch.length; start += 250) {
          const responses = await Promise.all(batch.slice(start, start + 250).map((b) => beacon(b.body)));
          expect(responses.every((r) => r.statusCode === 204)).toBe(true);
        }
        perMinute.set(clock.toISOString().slice(0, 16), batch.length);
        await t.services.analytics.beacons.flush();
      }
      for (const article of articles) {
        expect((await statsOf(article.id)).views, `article ${article.id}`).toBe(expected.get(article.id));
      }
      const total = [...expected.values()].reduce((a, b) => a + b, 0);
      expect(total).toBe(10_000 - 1112);
      for (const edition of ["uk", "en"]) {
        const right = await now(edition);
        expect(right.views, edition).toBe(perEdition.get(edition));
        expect(right.perMinute).toHaveLength(30);
        const sources = Object.values(right.sources as Record<string, number>).reduce((a, b) => a + b, 0);
        expect(sources).toBe(perEdition.get(edition));
        const topSum = right.top.reduce((sum: number, row: { views: number }) => sum + row.views, 0);
        const editionArticles = articles.filter((a) => a.edition_code === edition);
        expect(topSum).toBe(editionArticles.reduce((sum, a) => sum + (expected.get(a.id) ?? 0), 0));
        expect(right.top[0].title).toMatch(/^Story number/);
        expect(right.top[0].url).toMatch(/^https:\/\/news\.example\//);
      }
      const both = (await now("uk")).perMinute.concat((await now("en")).perMinute);
      const byMinute = new Map<string, number>();
      for (const row of both)
        byMinute.set(row.minute.slice(0, 16), (byMinute.get(row.minute.slice(0, 16)) ?? 0) + row.views);
      for (const [minute, count] of perMinute) expect(byMinute.get(minute), minute).toBe(count);
    });

    it("shows right now's last 30 minutes only, oldest first and zero-filled", async () => {
      const article = await story();
      const view = { t: "view", e: "uk", a: String(article.id), r: "", u: "", m: "", d: "d" };
      await beacon(view);
      await t.services.analytics.beacons.flush();
      clock = new Date("2026-12-07T08:35:10.000Z");
      await beacon(view);
      const right = await now("uk");
      expect(right.views).toBe(1);
      expect(right.perMinute[0].minute).toBe("2026-12-07T08:06:00.000Z");
      expect(right.perMinute[29]).toEqual({ minute: "2026-12-07T08:35:00.000Z", views: 1 });
      expect(right.top).toEqual([
        { articleId: String(article.id), title: article.title, url: expect.stringContaining(article.slug), views: 1 },
      ]);
    });

    it("tables views per section and per author, with CSV export for editors and not for authors", async () => {
      const { db } = t.database;
      const politics = await createSection(db, "uk", { name: "Politics" });
      const war = await createSection(db, "uk", { name: "=War" });
      const olena = await createPerson(db, "uk", { name: "Olena" });
      const taras = await createPerson(db, "uk", { name: "Taras" });
      const one = await story("uk", { sectionId: politics.id, authorIds: [olena.id] });
      const two = await story("uk", { sectionId: war.id, authorIds: [olena.id, taras.id] });
      for (let i = 0; i < 3; i++) await beacon({ t: "view", e: "uk", a: String(one.id), d: "m" });
      for (let i = 0; i < 5; i++) await beacon({ t: "view", e: "uk", a: String(two.id), d: "m" });
      await t.services.analytics.beacons.flush();
      const editor = await t.bearer("editor");
      const sections = (await t.app.inject({ url: "/admin/api/stats/sections?edition=uk", headers: editor })).json();
      expect(sections.rows).toEqual([
        { sectionId: war.id, name: "=War", articles: 1, views: 5 },
        { sectionId: politics.id, name: "Politics", articles: 1, views: 3 },
      ]);
      const authors = (await t.app.inject({ url: "/admin/api/stats/authors?edition=uk", headers: editor })).json();
      expect(
        authors.rows.map((row: { name: string; articles: number; views: number }) => [
          row.name,
          row.articles,
          row.views,
        ]),
      ).toEqual([
        ["Olena", 2, 8],
        ["Taras", 1, 5],
      ]);
      const csv = await t.app.inject({ url: "/admin/api/stats/sections.csv?edition=uk", headers: editor });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers["content-type"]).toContain("text/csv");
      expect(csv.body).toContain("'=War");
      const articlesCsv = await t.app.inject({ url: "/admin/api/stats/articles.csv?edition=uk", headers: editor });
      expect(articlesCsv.body.split("\n")[1]).toContain(two.title);
      const author = await t.bearer("author");
      for (const url of [
        "/now?edition=uk",
        `/articles/${one.id}`,
        "/sections?edition=uk",
        "/authors.csv?edition=uk",
        "/newsletters",
      ]) {
        const response = await t.app.inject({ url: `/admin/api/stats${url}`, headers: author });
        expect(response.statusCode, url).toBe(403);
        expect(response.json().code).toBe("forbidden");
      }
      expect((await t.app.inject({ url: "/admin/api/stats/now?edition=uk" })).statusCode).toBe(401);
      const badEdition = await t.app.inject({ url: "/admin/api/stats/now?edition=xx", headers: editor });
      expect(badEdition.statusCode).toBe(400);
      const badRange = await t.app.inject({
        url: "/admin/api/stats/sections?edition=uk&from=2026-12-08&to=2026-12-01",
        headers: editor,
      });
      expect(badRange.statusCode).toBe(400);
      expect((await t.app.inject({ url: "/admin/api/stats/articles/999999", headers: editor })).statusCode).toBe(404);
    });
  });
}

describe.skipIf(!TEST_REDIS_URL)("beacons on two web processes in scaled mode", () => {
  it("adds both processes' counts exactly, written by one lock holder at a time", async () => {
    const redis = createTestRedis();
    const database = await createTestDatabase(TEST_DATABASE_URL ? "postgres" : "sqlite");
    const config = testConfig({ REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix, ANALYTICS_FLUSH_MS: "600000" });
    await createEdition(database.db, { code: "uk" });
    const first = await createServices(config, database);
    const second = await createServices(config, database);
    const apps = await Promise.all([first, second].map((services) => buildApp(config, services, { logger: false })));
    try {
      const sent = Array.from({ length: 1200 }, (_, i) =>
        JSON.stringify({ t: "view", e: "uk", a: String(1 + (i % 4)), r: "", u: "", m: "", d: "m" }),
      );
      for (let start = 0; start < sent.length; start += 200) {
        await Promise.all(
          sent.slice(start, start + 200).map((payload, i) =>
            (apps[i % 2] as (typeof apps)[number]).inject({
              method: "POST",
              url: "/beacon",
              headers: { "content-type": "text/plain", "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0" },
              payload,
            }),
          ),
        );
        // Both flush at once: each adds its counts to Redis, one of them moves them to the database.
        await Promise.all([first.analytics.beacons.flush(), second.analytics.beacons.flush()]);
      }
      await first.analytics.beacons.flush();
      await second.analytics.beacons.flush();
      const rows = await database.db.selectFrom("analytics_views_hourly").selectAll().execute();
      expect(rows.reduce((sum, row) => sum + row.views, 0)).toBe(1200);
      expect(rows.filter((row) => row.article_id === 1).reduce((sum, row) => sum + row.views, 0)).toBe(300);
      const minutes = await database.db.selectFrom("analytics_views_minute").selectAll().execute();
      expect(minutes.reduce((sum, row) => sum + row.views, 0)).toBe(1200);
    } finally {
      await Promise.all(apps.map((app) => app.close()));
      await Promise.all([first.scaled?.close(), second.scaled?.close()]);
      await database.cleanup();
      await redis.cleanup();
    }
  });
});
