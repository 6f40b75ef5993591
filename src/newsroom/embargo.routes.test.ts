import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { paragraphs } from "../../test/factories.js";
import { runDuePublications } from "../../test/jobs.js";
import type { Browser } from "../../test/staff-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import { API_PREFIX } from "../api/content-api.routes.js";

describe.each(DIALECTS)("embargoes on %s", (dialect) => {
  let t: TestApp;
  let clock: Date;
  let editor: Browser;
  beforeEach(async () => {
    clock = new Date("2026-05-01T08:00:00Z");
    t = await startTestApp(dialect, { now: () => clock, editions: ["en"] });
    editor = await t.signInAs("editor");
  });
  afterEach(async () => t.close());

  const call = (method: "GET" | "POST" | "PATCH", url: string, payload?: object) =>
    t.app.inject({ method, url: `/admin/api${url}`, headers: editor.headers, ...(payload ? { payload } : {}) });

  async function embargoed(title = "Quarterly budget figures"): Promise<{ id: number; path: string }> {
    const created = await call("POST", "/articles", {
      edition: "en",
      title,
      body: paragraphs("The ministry's figures, released under embargo."),
      embargoUntil: "2026-05-01T12:00:00+03:00",
    });
    expect(created.statusCode).toBe(201);
    return { id: created.json().id, path: new URL(created.json().url).pathname };
  }

  it("stores the embargo as UTC and answers it back", async () => {
    const { id } = await embargoed();
    expect((await call("GET", `/articles/${id}`)).json().embargoUntil).toBe("2026-05-01T09:00:00.000Z");
    const { version } = (await call("GET", `/articles/${id}`)).json();
    const lifted = await call("PATCH", `/articles/${id}`, { embargoUntil: null, version });
    expect(lifted.json().embargoUntil).toBeNull();
  });

  it("refuses a time without its offset", async () => {
    const response = await call("POST", "/articles", { edition: "en", title: "X", embargoUntil: "2026-05-01T12:00" });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "validation_failed", details: { field: "embargoUntil" } });
  });

  it("refuses to publish or schedule before the embargo, with embargo_active", async () => {
    const { id } = await embargoed();
    const now = await call("POST", `/articles/${id}/publish`);
    expect(now.statusCode).toBe(409);
    expect(now.json()).toMatchObject({ code: "embargo_active", details: { embargoUntil: "2026-05-01T09:00:00.000Z" } });
    expect(now.json().message).toContain("under embargo until");
    const early = await call("POST", `/articles/${id}/schedule`, { at: "2026-05-01T08:30:00Z", timeZone: "UTC" });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("embargo_active");
    expect((await call("GET", `/articles/${id}`)).json().status).toBe("draft");
  });

  it("refuses an embargo on a story that is already out", async () => {
    const created = await call("POST", "/articles", { edition: "en", title: "Out already", body: paragraphs("Text.") });
    const id = created.json().id as number;
    expect((await call("POST", `/articles/${id}/publish`)).statusCode).toBe(200);
    const { version } = (await call("GET", `/articles/${id}`)).json();
    const response = await call("PATCH", `/articles/${id}`, { embargoUntil: "2026-05-02T00:00:00Z", version });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe("embargo_active");
  });

  it("keeps a story scheduled at its embargo out of every channel until then, and announces it once", async () => {
    const key = (await t.services.apiKeys.create("Partner")).key;
    const announced: number[] = [];
    t.services.events.on("article.published", "embargo-test", (event) => void announced.push(event.articleId));
    const { id, path } = await embargoed("Embargoed budget figures");
    const scheduled = await call("POST", `/articles/${id}/schedule`, { at: "2026-05-01T09:00:00Z", timeZone: "UTC" });
    expect(scheduled.statusCode).toBe(200);

    const channels = async () => {
      await t.services.events.drain();
      return {
        page: (await t.app.inject({ url: path })).statusCode,
        feed: (await t.app.inject({ url: "/en/feed.xml" })).body.includes("Embargoed budget figures"),
        sitemap: (await t.app.inject({ url: "/en/news-sitemap.xml" })).body.includes(path),
        search: (await t.services.search.search(t.services.editions.byCode("en")!, "budget", 1)).hits.some(
          (hit) => hit.id === id,
        ),
        api: (
          await t.app.inject({
            url: `${API_PREFIX}/articles?edition=en`,
            headers: { authorization: `Bearer ${key}` },
          })
        ).body.includes("Embargoed budget figures"),
      };
    };

    clock = new Date("2026-05-01T08:59:00Z");
    expect(await runDuePublications(t)).toBe(0);
    expect(await channels()).toEqual({ page: 404, feed: false, sitemap: false, search: false, api: false });
    expect(announced).toEqual([]);

    clock = new Date("2026-05-01T09:00:01Z");
    expect(await runDuePublications(t)).toBe(1);
    expect(await channels()).toEqual({ page: 200, feed: true, sitemap: true, search: true, api: true });
    expect(announced).toEqual([id]);
    expect(await runDuePublications(t)).toBe(0);
    expect(announced).toEqual([id]);
  });
});
