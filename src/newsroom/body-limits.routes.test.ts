import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, nestedLists, nestedListsJson, paragraphs } from "../../test/factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

describe.each(DIALECTS)("body depth and size limits on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, { editions: ["en"] });
  });
  afterEach(async () => t.close());

  it("refuses an article body of 400 nested lists with 400 body_too_deep", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/admin/api/articles",
      headers: await t.bearer("editor"),
      payload: { edition: "en", title: "Deep", body: nestedLists(400) },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("body_too_deep");
  });

  it("refuses 2000 and 20 000 nested lists with 400, never 500", async () => {
    const headers = await t.bearer("editor");
    for (const levels of [2_000, 20_000]) {
      const response = await t.app.inject({
        method: "POST",
        url: "/admin/api/articles",
        headers: { ...headers, "content-type": "application/json" },
        payload: `{"edition":"en","title":"Deeper","body":${nestedListsJson(levels)}}`,
      });
      expect(response.statusCode, `${levels} levels`).toBe(400);
      expect(response.json().code).toBe("body_too_deep");
    }
  });

  it("refuses a body of more than 20 000 nodes with 400 body_too_large", async () => {
    const body = paragraphs(...Array.from({ length: 10_001 }, (_, i) => `Paragraph ${i}.`));
    const response = await t.app.inject({
      method: "POST",
      url: "/admin/api/articles",
      headers: await t.bearer("editor"),
      payload: { edition: "en", title: "Long", body },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("body_too_large");
  });

  it("refuses a live entry nested 600 deep with 400 body_too_deep, as it does an article", async () => {
    const article = await createArticle(t.services.articles, { edition: "en", title: "Live", kind: "live" });
    const response = await t.app.inject({
      method: "POST",
      url: `/admin/api/articles/${article.id}/live/entries`,
      headers: await t.bearer("editor"),
      payload: { body: nestedLists(600) },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("body_too_deep");
  });

  it("keeps a body of nine nested lists, the most the limit allows", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/admin/api/articles",
      headers: await t.bearer("editor"),
      payload: { edition: "en", title: "Nine deep", body: nestedLists(9) },
    });
    expect(response.statusCode).toBe(201);
  });

  it("renders pages of bodies stored 400 deep before the limit, dropping the deepest lists", async () => {
    const standard = await createArticle(t.services.articles, { edition: "en", title: "Old deep story" });
    const live = await createArticle(t.services.articles, { edition: "en", title: "Old live blog", kind: "live" });
    const editor = { id: null, name: "Editor" } as unknown as Parameters<typeof t.services.live.addEntry>[2];
    const entry = await t.services.live.addEntry(live.id, { headline: "Update", body: paragraphs("Now.") }, editor);
    const deep = JSON.stringify(nestedLists(400));
    const db = t.database.db;
    await db.updateTable("articles").set({ body: deep }).where("id", "=", standard.id).execute();
    await db.updateTable("live_entries").set({ body: deep }).where("id", "=", entry.id).execute();

    const page = await t.app.inject({ url: `/en/news/${standard.slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Level 9");
    expect(page.body).not.toContain("Level 10<");
    const preview = await t.app.inject({
      url: `/admin/api/articles/${standard.id}/preview`,
      headers: await t.bearer("editor"),
    });
    expect(preview.statusCode).toBe(200);
    expect((await t.app.inject({ url: `/en/news/${live.slug}` })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/en/news/${live.slug}/live.json` })).statusCode).toBe(200);
    expect((await t.app.inject({ url: "/en/feed.xml" })).statusCode).toBeLessThan(500);
    expect((await t.app.inject({ url: "/en/search?q=Level" })).statusCode).toBe(200);
  });
});
