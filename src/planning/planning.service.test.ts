import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle } from "../../test/factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import type { DomainEvent } from "../platform/events/domain-events.js";

describe.each(DIALECTS)("the planning service on %s", (dialect) => {
  let t: TestApp;
  const editor = { staffId: null, tokenId: null, name: "Desk" };
  beforeEach(async () => {
    t = await startTestApp(dialect, { editions: ["en"] });
  });
  afterEach(async () => t.close());

  function event(articleId: number, status: string): DomainEvent<"article.saved"> {
    return {
      articleId,
      edition: "en",
      version: 1,
      status,
      keys: [],
      title: "Late",
      revision: "autosave",
      by: null,
      eventId: "late",
      occurredAt: new Date().toISOString(),
    } as DomainEvent<"article.saved">;
  }

  it("never moves a published item back when an older event arrives late", async () => {
    const { planning, articles } = t.services;
    const article = await createArticle(articles, { edition: "en", title: "Late event" }, { publish: false });
    const item = await planning.createFromArticle({ articleId: article.id, day: "2026-12-08" }, editor);
    await articles.publish(article.id);
    await t.services.events.drain();
    expect((await planning.get(item.id)).status).toBe("published");

    await planning.followArticle("saved", event(article.id, "draft"));
    await planning.followArticle("saved", event(article.id, "in_review"));
    await planning.followArticle("returned", event(article.id, "draft"));
    expect((await planning.get(item.id)).status).toBe("published");
  });

  it("queues no planning work for an article nobody planned", async () => {
    const before = await t.database.db.selectFrom("jobs").select("id").execute();
    await createArticle(t.services.articles, { edition: "en", title: "Unplanned" });
    const queued = await t.database.db
      .selectFrom("jobs")
      .select("payload")
      .where("id", "not in", before.length > 0 ? before.map((row) => row.id) : [0])
      .execute();
    const text = (payload: unknown) => (typeof payload === "string" ? payload : JSON.stringify(payload));
    expect(queued.map((row) => text(row.payload)).filter((payload) => payload.includes(":planning"))).toEqual([]);
    // The same check finds the deliveries once the article is on the budget.
    const planned = await createArticle(t.services.articles, { edition: "en", title: "Planned" }, { publish: false });
    await t.services.planning.createFromArticle({ articleId: planned.id, day: "2026-12-08" }, editor);
    await t.services.articles.update(planned.id, { title: "Planned, retitled" });
    const after = await t.database.db.selectFrom("jobs").select("payload").execute();
    expect(after.map((row) => text(row.payload)).some((payload) => payload.includes("article.saved:planning"))).toBe(
      true,
    );
    expect(await t.services.planning.tracks(1)).toBe(false);
  });
});
