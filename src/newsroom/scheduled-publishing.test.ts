import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle } from "../../test/factories.js";
import { runDuePublications } from "../../test/jobs.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

describe.each(DIALECTS)("scheduled publishing on %s", (dialect) => {
  let t: TestApp;
  let clock = new Date("2026-05-01T08:00:00Z");
  beforeEach(async () => {
    clock = new Date("2026-05-01T08:00:00Z");
    t = await startTestApp(dialect, { now: () => clock, editions: ["en"] });
  });
  afterEach(async () => t.close());

  it("publishes at the scheduled time, not before, and shows it on the home page", async () => {
    const article = await createArticle(
      t.services.articles,
      { edition: "en", title: "Due at nine" },
      { publish: false },
    );
    await t.services.articles.schedule(article.id, new Date("2026-05-01T09:00:00Z"));
    expect(await runDuePublications(t)).toBe(0);
    expect((await t.app.inject({ url: "/en/" })).body).not.toContain("Due at nine");
    clock = new Date("2026-05-01T09:00:01Z");
    expect(await runDuePublications(t)).toBe(1);
    expect((await t.services.articleQueries.getById(article.id)).status).toBe("published");
    expect((await t.app.inject({ url: "/en/" })).body).toContain("Due at nine");
  });

  it("publishes a job missed while the server was down on the next run, once", async () => {
    const article = await createArticle(t.services.articles, { edition: "en" }, { publish: false });
    await t.services.articles.schedule(article.id, new Date("2026-05-01T09:00:00Z"));
    clock = new Date("2026-05-02T12:00:00Z");
    expect(await runDuePublications(t)).toBe(1);
    const published = await t.services.articleQueries.getById(article.id);
    expect(published.status).toBe("published");
    expect(published.published_at).toBe("2026-05-01T09:00:00.000Z");
    expect(await runDuePublications(t)).toBe(0);
    // A duplicate run of the handler (a worker that died after the work) changes nothing.
    expect(await t.services.articles.publishScheduled(article.id, "2026-05-01T09:00:00.000Z")).toBe(false);
    expect((await t.services.articleQueries.getById(article.id)).version).toBe(published.version);
  });

  it("does not publish when the article was rescheduled or unpublished in between", async () => {
    const article = await createArticle(t.services.articles, { edition: "en" }, { publish: false });
    await t.services.articles.schedule(article.id, new Date("2026-05-01T09:00:00Z"));
    await t.services.articles.schedule(article.id, new Date("2026-05-01T11:00:00Z"));
    clock = new Date("2026-05-01T10:00:00Z");
    await t.services.jobs.runDue();
    expect((await t.services.articleQueries.getById(article.id)).status).toBe("scheduled");
    await t.services.articles.unpublish(article.id);
    clock = new Date("2026-05-01T12:00:00Z");
    await t.services.jobs.runDue();
    expect((await t.services.articleQueries.getById(article.id)).status).toBe("draft");
  });

  it("publishes a scheduled story at once when an editor publishes it now, and the job then changes nothing", async () => {
    const article = await createArticle(t.services.articles, { edition: "en" }, { publish: false });
    await t.services.articles.schedule(article.id, new Date("2026-05-01T11:00:00Z"));
    const published = await t.services.articles.publish(article.id);
    expect(published.status).toBe("published");
    expect(published.published_at).toBe("2026-05-01T08:00:00.000Z");
    clock = new Date("2026-05-01T11:00:01Z");
    // The scheduled job still runs at 11:00, finds the story already out and changes nothing.
    await runDuePublications(t);
    const after = await t.services.articleQueries.getById(article.id);
    expect(after.version).toBe(published.version);
    expect(after.published_at).toBe("2026-05-01T08:00:00.000Z");
  });

  it("refuses a time in the past", async () => {
    const article = await createArticle(t.services.articles, { edition: "en" }, { publish: false });
    await expect(t.services.articles.schedule(article.id, new Date("2026-04-30T00:00:00Z"))).rejects.toMatchObject({
      code: "validation_failed",
    });
  });

  it("runs a job again when its worker died holding it", async () => {
    const article = await createArticle(t.services.articles, { edition: "en" }, { publish: false });
    await t.services.articles.schedule(article.id, new Date("2026-05-01T09:00:00Z"));
    clock = new Date("2026-05-01T09:00:00Z");
    // Simulate a crash: the job was claimed (lease taken) but never finished.
    await t.database.db
      .updateTable("jobs")
      .set({ status: "running", locked_until: "2026-05-01T09:01:00.000Z" })
      .execute();
    expect(await runDuePublications(t)).toBe(0);
    clock = new Date("2026-05-01T09:02:00Z");
    expect(await runDuePublications(t)).toBe(1);
    expect((await t.services.articleQueries.getById(article.id)).status).toBe("published");
  });
});
