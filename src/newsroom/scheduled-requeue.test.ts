import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle } from "../../test/factories.js";
import { runDuePublications } from "../../test/jobs.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

describe.each(DIALECTS)("restoring scheduled publications to the job queue on %s", (dialect) => {
  let t: TestApp;
  let clock = new Date("2026-05-01T08:00:00Z");
  beforeEach(async () => {
    clock = new Date("2026-05-01T08:00:00Z");
    t = await startTestApp(dialect, { now: () => clock, editions: ["en"] });
  });
  afterEach(async () => t.close());

  it("publishes an article on time even after its job was lost", async () => {
    const article = await createArticle(t.services.articles, { edition: "en" }, { publish: false });
    await t.services.articles.schedule(article.id, new Date("2026-05-01T09:00:00Z"));
    await t.database.db.deleteFrom("jobs").execute();
    expect(await t.services.articles.requeueScheduled()).toBe(1);
    expect(await runDuePublications(t)).toBe(0);
    clock = new Date("2026-05-01T09:00:01Z");
    expect(await runDuePublications(t)).toBe(1);
    expect((await t.services.articleQueries.getById(article.id)).status).toBe("published");
  });

  it("keeps one job when the scheduled one is still pending", async () => {
    const article = await createArticle(t.services.articles, { edition: "en" }, { publish: false });
    await t.services.articles.schedule(article.id, new Date("2026-05-01T09:00:00Z"));
    await t.services.articles.requeueScheduled();
    await t.services.articles.requeueScheduled();
    await t.services.events.drain();
    expect(await t.services.jobs.depth()).toBe(1);
  });
});
