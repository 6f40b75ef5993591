import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeReader, importItem, jsonFileReader } from "../../test/import-factories.js";
import { multipartBody } from "../../test/multipart.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import type { Role } from "../staff/actor.js";

describe.each(DIALECTS)("imports admin API and redirects on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      openImportReader: jsonFileReader,
      editions: [{ code: "en", base_path: "/" }],
    });
  });
  afterEach(async () => t.close());

  const articles = () => t.database.db.selectFrom("articles").selectAll().orderBy("id").execute();

  async function upload(role: Role, data: string, fields: Record<string, string> = {}) {
    const body = multipartBody(
      { source: "wordpress", edition: "en", media: "skip", ...fields },
      { filename: "export.json", contentType: "application/json", data: Buffer.from(data) },
    );
    return t.app.inject({
      method: "POST",
      url: "/admin/api/imports",
      headers: { ...body.headers, ...(await t.bearer(role)) },
      payload: body.payload,
    });
  }

  it("accepts an export with 202, runs it as a job and reports the result", async () => {
    const items = [importItem(), importItem()];
    const response = await upload("editor", JSON.stringify(items));
    expect(response.statusCode).toBe(202);
    const { id } = response.json();
    const headers = await t.bearer("editor");

    const queued = await t.app.inject({ method: "GET", url: `/admin/api/imports/${id}`, headers });
    expect(queued.json()).toMatchObject({ id, status: "queued", report: null });

    await t.services.jobs.runDue();
    const done = await t.app.inject({ method: "GET", url: `/admin/api/imports/${id}`, headers });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      status: "done",
      progress: { total: 2, read: 2, created: 2 },
      report: { created: 2, updated: 0, unchanged: 0, skipped: 0, failed: 0, redirects: 4 },
    });
    expect(await articles()).toHaveLength(2);
    const list = await t.app.inject({ method: "GET", url: "/admin/api/imports", headers });
    expect(list.json().items.map((run: { id: number }) => run.id)).toEqual([id]);
  });

  it("fails a bad file with its place and imports nothing", async () => {
    const { id } = (await upload("owner", "<rss><channel>")).json();
    await t.services.jobs.runDue();
    const run = await t.app.inject({
      method: "GET",
      url: `/admin/api/imports/${id}`,
      headers: await t.bearer("owner"),
    });
    expect(run.json()).toMatchObject({ status: "failed", error: "The file is not JSON (line 1, column 1)" });
    expect(await articles()).toHaveLength(0);
  });

  it("finishes an interrupted run on the next attempt without duplicating", async () => {
    const items = [importItem(), importItem()];
    const { id } = (await upload("admin", JSON.stringify(items))).json();
    // The worker died after the first story: the job runs again from the start.
    await t.services.imports.engine.run(fakeReader([items[0] ?? importItem()]), {
      edition: "en",
      media: "skip",
      runId: id,
    });
    await t.services.jobs.runDue();
    const run = await t.services.imports.runs.get(id);
    expect(run.report).toMatchObject({ created: 1, unchanged: 1 });
    expect(await articles()).toHaveLength(2);
    await t.services.imports.runs.execute(id);
    expect(await articles()).toHaveLength(2);
  });

  it("refuses authors and contributors", async () => {
    for (const role of ["author", "contributor"] as const) {
      expect((await upload(role, "[]")).statusCode).toBe(403);
      const headers = await t.bearer(role);
      expect((await t.app.inject({ method: "GET", url: "/admin/api/imports", headers })).statusCode).toBe(403);
      expect((await t.app.inject({ method: "GET", url: "/admin/api/redirects", headers })).statusCode).toBe(403);
    }
  });

  it("answers a bad source or edition with 400", async () => {
    const badSource = await upload("editor", "[]", { source: "drupal" });
    expect(badSource.statusCode).toBe(400);
    expect(badSource.json()).toMatchObject({ code: "validation_failed", details: { field: "source" } });
    const badEdition = await upload("editor", "[]", { edition: "xx" });
    expect(badEdition.json()).toMatchObject({ code: "validation_failed", details: { field: "edition" } });
  });

  it("sends readers of an old address to the new article with 301", async () => {
    const item = importItem({
      slug: "budget-vote",
      oldUrls: ["https://old.example/2016/03/budget-vote/", "/?p=77", "https://old.example/news/budget-vote-2016"],
    });
    await t.services.imports.engine.run(fakeReader([item]), { edition: "en", media: "skip" });

    const old = await t.app.inject({ method: "GET", url: "/2016/03/budget-vote/" });
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe("https://news.example/news/budget-vote");
    const short = await t.app.inject({ method: "GET", url: "/?p=77" });
    expect(short.statusCode).toBe(301);
    expect(short.headers.location).toBe("https://news.example/news/budget-vote");
    const sameShape = await t.app.inject({ method: "GET", url: "/news/budget-vote-2016" });
    expect(sameShape.statusCode).toBe(301);
    expect(sameShape.headers.location).toBe("https://news.example/news/budget-vote");
    expect((await t.app.inject({ method: "GET", url: "/2016/03/never-there/" })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/news/never-there" })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/?p=78" })).statusCode).toBe(200);
  });

  it("lists, searches, exports and removes redirects", async () => {
    await t.services.imports.engine.run(
      fakeReader([
        importItem({ slug: "first", oldUrls: ["/2016/first/"] }),
        importItem({ slug: "second", oldUrls: ["/2016/second/"] }),
      ]),
      { edition: "en", media: "skip" },
    );
    const headers = await t.bearer("editor");
    const all = await t.app.inject({ method: "GET", url: "/admin/api/redirects?limit=1", headers });
    expect(all.json()).toMatchObject({ items: [{ oldPath: "/2016/second" }], next: expect.any(Number) });
    const found = await t.app.inject({ method: "GET", url: "/admin/api/redirects?q=fir", headers });
    const [first] = found.json().items;
    expect(first).toMatchObject({ oldPath: "/2016/first" });

    const csv = await t.app.inject({ method: "GET", url: "/admin/api/redirects.csv", headers });
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    expect(csv.body).toBe(
      "old_path,new_url\n/2016/first,https://news.example/news/first\n/2016/second,https://news.example/news/second\n",
    );
    // The same list is public beside the sitemaps, for a CDN, without a login.
    const published = await t.app.inject({ method: "GET", url: "/sitemaps/redirects.csv" });
    expect(published.statusCode).toBe(200);
    expect(published.headers["cache-control"]).toBe("public, max-age=300");
    expect(published.body).toBe(csv.body);

    const removed = await t.app.inject({ method: "DELETE", url: `/admin/api/redirects/${first.id}`, headers });
    expect(removed.statusCode).toBe(204);
    expect((await t.app.inject({ method: "GET", url: "/sitemaps/redirects.csv" })).body).toBe(
      "old_path,new_url\n/2016/second,https://news.example/news/second\n",
    );
    expect((await t.app.inject({ method: "GET", url: "/2016/first/" })).statusCode).toBe(404);
    const again = await t.app.inject({ method: "DELETE", url: `/admin/api/redirects/${first.id}`, headers });
    expect(again.json()).toMatchObject({ code: "not_found" });
  });
});
