import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, paragraphs } from "../../test/factories.js";
import { expectLitePage } from "../../test/lite-page.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import { CrisisModeRepository } from "../newsroom/crisis-mode.repository.js";
import { CrisisModeService } from "../newsroom/crisis-mode.service.js";
import { demoEditionSettings } from "../newsroom/demo/demo-settings.js";

const editor = { staffId: null, tokenId: null, name: "Desk editor" };

describe.each(DIALECTS)("crisis mode on %s", (dialect) => {
  let t: TestApp;
  let clock = new Date("2026-12-06T10:00:00.000Z");
  beforeEach(async () => {
    clock = new Date("2026-12-06T10:00:00.000Z");
    t = await startTestApp(dialect, {
      now: () => clock,
      editions: ["uk", "en"],
    });
  });
  afterEach(async () => t.close());

  const switchOn = (until?: string) => t.services.crisis.switchOn("en", { until: until ?? null, by: "test" });

  async function liveBlog() {
    const article = await createArticle(t.services.articles, {
      edition: "en",
      title: "Live: the night attack",
      kind: "live",
    });
    await t.services.live.addEntry(
      article.id,
      { headline: "Explosions heard", body: paragraphs("In the centre.") },
      editor,
    );
    return article;
  }

  it("turns the front page into the lite page with the running live blog pinned on top, and back", async () => {
    await createArticle(t.services.articles, { edition: "en", title: "An ordinary story" });
    const live = await liveBlog();
    const before = await t.app.inject({ url: "/en/" });
    expect(before.body).toContain('<script type="module"');
    expect(t.services.pageCache.size).toBe(1);

    await switchOn();
    // Purged: the next request renders the page again (a soft purge keeps the old page only to
    // answer requests that arrive while that render runs).
    const during = await t.app.inject({ url: "/en/" });
    expect(during.statusCode).toBe(200);
    expect(during.headers["x-cache"]).toBe("MISS");
    expectLitePage(during.body);
    const pinned = during.body.indexOf('<section class="pin"');
    expect(pinned).toBeGreaterThan(-1);
    expect(during.body.indexOf(`<a href="/en/lite/news/${live.slug}">Live: the night attack</a>`)).toBeGreaterThan(
      pinned,
    );
    expect(during.body.indexOf("<h3>Explosions heard</h3>")).toBeLessThan(during.body.indexOf("An ordinary story"));
    expect(during.body).toContain("light mode for now");
    // Other editions are not affected.
    expect((await t.app.inject({ url: "/" })).body).toContain('<script type="module"');

    await t.services.crisis.switchOff("en", "test");
    const after = await t.app.inject({ url: "/en/" });
    expect(after.headers["x-cache"]).toBe("MISS");
    expect(after.body).toContain('<script type="module"');
    expect(after.body).not.toContain('<section class="pin"');
  });

  it("pins nothing when no live blog runs", async () => {
    const live = await liveBlog();
    await t.services.live.end(live.id);
    await switchOn();
    const html = (await t.app.inject({ url: "/en/" })).body;
    expect(html).not.toContain('<section class="pin"');
    expect(html).toContain("Live: the night attack");
  });

  it("sends the edition's pages to the CDN purge webhook when it switches", async () => {
    const withCdn = await startTestApp(dialect, {
      env: { PURGE_WEBHOOK_URL: "https://cdn.example/purge" },
      editions: [{ code: "en", base_path: "/" }],
    });
    try {
      const purges = async () =>
        (
          await withCdn.database.db
            .selectFrom("jobs")
            .select("payload")
            .where("kind", "=", "platform.cdn-purge")
            .execute()
        ).map((job) => JSON.parse(job.payload) as { keys: string[] });
      // The purge reaches the CDN queue from the page cache's purge listener, which does not hold
      // up the switch: wait for the job rather than expect it the same instant.
      await withCdn.services.crisis.switchOn("en", { by: "test" });
      await expect.poll(purges).toEqual([{ keys: ["settings:en", "crisis:en"] }]);
      await withCdn.services.crisis.switchOff("en", "test");
      await expect.poll(async () => (await purges()).length).toBe(2);
    } finally {
      await withCdn.close();
    }
  });

  it("lengthens the CDN lifetimes of the edition's pages while it is on", async () => {
    const article = await createArticle(t.services.articles, { edition: "en" });
    const normal = await t.app.inject({ url: `/en/news/${article.slug}` });
    expect(normal.headers["cache-control"]).toBe(
      "public, max-age=60, stale-while-revalidate=300, stale-if-error=86400",
    );
    await switchOn();
    for (const url of ["/en/", `/en/news/${article.slug}`, "/en/lite/"]) {
      const response = await t.app.inject({ url });
      expect(response.headers["cache-control"], url).toBe(
        "public, max-age=60, s-maxage=600, stale-while-revalidate=86400, stale-if-error=604800",
      );
    }
    expect((await t.app.inject({ url: "/" })).headers["cache-control"]).not.toContain("s-maxage");
    await t.services.crisis.switchOff("en", "test");
    expect((await t.app.inject({ url: `/en/news/${article.slug}` })).headers["cache-control"]).not.toContain(
      "s-maxage",
    );
  });

  it("leaves the video slot, the site island and the map island out of pages", async () => {
    await t.services.settings.saveEditionSettings("en", demoEditionSettings("en"));
    await t.services.maps.createMap({
      slug: "bakhmut",
      texts: { en: { title: "Battle for Bakhmut", description: "" } },
      center: { lat: 48.59, lon: 38.0 },
      zoom: 10,
    });
    const article = await createArticle(t.services.articles, { edition: "en" });
    const normal = (await t.app.inject({ url: `/en/news/${article.slug}` })).body;
    expect(normal).toContain('data-slot="video-of-the-day"');
    expect((await t.app.inject({ url: "/en/maps/bakhmut" })).body).toContain('id="map-data"');
    await switchOn();
    const html = (await t.app.inject({ url: `/en/news/${article.slug}` })).body;
    expect(html).not.toContain('data-slot="video-of-the-day"');
    expect(html).not.toMatch(/<script type="module"/);
    // Counting goes on without a script: a plain pixel (issue #21).
    expect(html).toContain(
      `<img data-audience="pixel" class="audience-pixel" src="/beacon.gif?e=en&amp;a=${article.id}"`,
    );
    expect(html).not.toContain("<noscript data-audience");
    const map = await t.app.inject({ url: "/en/maps/bakhmut" });
    expect(map.statusCode).toBe(200);
    expect(map.body).not.toContain('id="map-data"');
    expect(map.body).not.toMatch(/<script type="module"/);
  });

  it("ends by itself at `until` through its durable job, once", async () => {
    await createArticle(t.services.articles, { edition: "en" });
    await t.services.jobs.runDue();
    const state = await switchOn("2026-12-06T12:00:00+00:00");
    expect(state).toMatchObject({ on: true, until: "2026-12-06T12:00:00.000Z" });
    expectLitePage((await t.app.inject({ url: "/en/" })).body);
    expect(await t.services.jobs.runDue()).toBe(0);

    clock = new Date("2026-12-06T12:00:01.000Z");
    expect(await t.services.jobs.runDue()).toBe(1);
    expect(await t.services.crisis.status("en")).toMatchObject({ on: false, until: null, changedBy: "schedule" });
    const after = await t.app.inject({ url: "/en/" });
    expect(after.headers["x-cache"]).toBe("MISS");
    expect(after.body).toContain('<script type="module"');
    // A second run (a retry after a crash) changes nothing.
    await t.services.crisis.endAt("en", "2026-12-06T12:00:00.000Z");
    expect(await t.services.crisis.status("en")).toMatchObject({ on: false, changedBy: "schedule" });
  });

  it("serves the normal site past `until` without waiting for the job, and ends the mode from there", async () => {
    await createArticle(t.services.articles, { edition: "en" });
    await switchOn("2026-12-06T12:00:00Z");
    expectLitePage((await t.app.inject({ url: "/en/" })).body);
    clock = new Date("2026-12-06T12:00:01.000Z");
    // The cached lite page expired with the mode.
    const after = await t.app.inject({ url: "/en/" });
    expect(after.body).toContain('<script type="module"');
    expect(after.headers["cache-control"]).not.toContain("s-maxage");
    await expect.poll(async () => (await t.services.crisis.status("en")).changedBy).toBe("schedule");
  });

  it("lets a late end job leave alone a mode switched on again with a new end", async () => {
    await switchOn("2026-12-06T12:00:00Z");
    await switchOn("2026-12-06T18:00:00Z");
    clock = new Date("2026-12-06T12:30:00.000Z");
    await t.services.crisis.endAt("en", "2026-12-06T12:00:00.000Z");
    expect(await t.services.crisis.status("en")).toMatchObject({ on: true, until: "2026-12-06T18:00:00.000Z" });
    expect(t.services.crisis.active("en")).toEqual({ until: "2026-12-06T18:00:00.000Z" });
  });

  it("follows a switch made by another process when its purge is relayed", async () => {
    const other = new CrisisModeService(new CrisisModeRepository(t.database.db), null, () => clock);
    await other.switchOn("en", { by: "another process" });
    expect(t.services.crisis.active("en")).toBeNull();
    t.services.pageCache.purge(["settings:en", "crisis:en"], { origin: "remote" });
    await expect.poll(() => t.services.crisis.active("en")).toEqual({ until: null });
  });

  it("lets editors switch it in the newsroom app, refuses lower roles, bad ends and unknown editions", async () => {
    const author = await t.signInAs("author");
    const list = await t.app.inject({ url: "/admin/api/crisis", headers: author.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      { edition: "uk", on: false, until: null, changedAt: null, changedBy: null },
      { edition: "en", on: false, until: null, changedAt: null, changedBy: null },
    ]);
    const refused = await t.app.inject({
      method: "PUT",
      url: "/admin/api/crisis/en",
      headers: author.headers,
      payload: { on: true },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("forbidden");

    const desk = await t.signInAs("editor");
    const put = (payload: object, edition = "en") =>
      t.app.inject({ method: "PUT", url: `/admin/api/crisis/${edition}`, headers: desk.headers, payload });
    for (const until of ["yesterday", "2026-12-05T10:00:00Z"]) {
      const bad = await put({ on: true, until });
      expect(bad.statusCode, until).toBe(400);
      expect(bad.json()).toMatchObject({ code: "validation_failed", details: { field: "until" } });
    }
    expect((await put({ on: true }, "xx")).statusCode).toBe(404);
    expect((await put({ on: "yes" })).statusCode).toBe(400);

    const on = await put({ on: true, until: "2026-12-07T06:00:00Z" });
    expect(on.statusCode).toBe(200);
    expect(on.json()).toMatchObject({ edition: "en", on: true, until: "2026-12-07T06:00:00.000Z" });
    expect(t.services.crisis.active("en")).not.toBeNull();
    const off = await put({ on: false });
    expect(off.json()).toMatchObject({ on: false, until: null });
    expect(t.services.crisis.active("en")).toBeNull();
  });
});
