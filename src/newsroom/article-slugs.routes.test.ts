import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createEdition, paragraphs } from "../../test/factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

describe.each(DIALECTS)("editing article slugs through the admin API on %s", (dialect) => {
  let t: TestApp;
  let headers: { authorization: string };
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      prepare: async ({ db }) => {
        await createEdition(db, { code: "uk" });
        await createEdition(db, { code: "en", position: 1 });
        // An edition whose code is not its language: slugs follow the locale, not the code.
        await createEdition(db, { code: "world", locale: "ru-RU", base_path: "/world/", position: 2 });
      },
    });
    headers = await t.bearer("editor");
  });
  afterEach(async () => t.close());

  const create = async (edition: string, title: string) => {
    const response = await t.app.inject({
      method: "POST",
      url: "/admin/api/articles",
      headers,
      payload: { edition, title, body: paragraphs("One.") },
    });
    expect(response.statusCode).toBe(201);
    return response.json();
  };
  const patch = (id: number, payload: Record<string, unknown>) =>
    t.app.inject({ method: "PATCH", url: `/admin/api/articles/${id}`, headers, payload });

  it("makes a draft's slug from its headline in the edition's language, and follows the headline", async () => {
    const draft = await create("world", "Жители Горловки");
    expect(draft).toMatchObject({ slug: "zhiteli-gorlovki", slugFollowsTitle: true });
    expect(draft.url).toBe("https://news.example/world/news/zhiteli-gorlovki");
    const renamed = await patch(draft.id, { version: draft.version, title: "Жители Донецка" });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({
      slug: "zhiteli-donetska",
      slugFollowsTitle: true,
      url: "https://news.example/world/news/zhiteli-donetska",
    });
  });

  it("keeps a slug edited by hand when the headline changes later", async () => {
    const draft = await create("en", "First headline");
    const edited = await patch(draft.id, { version: draft.version, slug: "my-own-slug" });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ slug: "my-own-slug", slugFollowsTitle: false });
    const renamed = await patch(draft.id, { version: edited.json().version, title: "Second headline" });
    expect(renamed.json()).toMatchObject({ slug: "my-own-slug", title: "Second headline" });
  });

  it("stops following the headline once the story is published", async () => {
    const draft = await create("en", "Before publishing");
    const published = await t.app.inject({ method: "POST", url: `/admin/api/articles/${draft.id}/publish`, headers });
    expect(published.json().article.slugFollowsTitle).toBe(false);
    const renamed = await patch(draft.id, { version: published.json().article.version, title: "After publishing" });
    expect(renamed.json().slug).toBe("before-publishing");
  });

  it("refuses a malformed slug and one another article has, naming the field", async () => {
    await create("en", "Taken slug");
    const draft = await create("en", "Another story");
    const malformed = await patch(draft.id, { version: draft.version, slug: "Not A Slug" });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: "validation_failed", details: { field: "slug" } });
    const taken = await patch(draft.id, { version: draft.version, slug: "taken-slug" });
    expect(taken.statusCode).toBe(400);
    expect(taken.json()).toMatchObject({ code: "validation_failed", details: { field: "slug" } });
    expect(taken.json().message).toContain("taken-slug");
  });

  it("changes a published slug through Update and redirects the old URL with 301", async () => {
    const article = await createArticle(t.services.articles, { edition: "en", title: "Old address" });
    expect(article.slug).toBe("old-address");
    const saved = await patch(article.id, { version: article.version, pending: true, slug: "new-address" });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().pending.slug).toBe("new-address");
    // Still pending: the live page keeps its address.
    expect((await t.app.inject({ url: "/en/news/old-address" })).statusCode).toBe(200);
    const update = await t.app.inject({
      method: "POST",
      url: `/admin/api/articles/${article.id}/update`,
      headers,
      payload: { version: saved.json().version },
    });
    expect(update.statusCode).toBe(200);
    expect(update.json().url).toBe("https://news.example/en/news/new-address");
    const old = await t.app.inject({ url: "/en/news/old-address" });
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe("/en/news/new-address");
    expect((await t.app.inject({ url: "/en/news/new-address" })).statusCode).toBe(200);
  });

  it("keeps no redirect for the addresses a draft's slug had while following its headline", async () => {
    const draft = await create("en", "Working title");
    await patch(draft.id, { version: draft.version, title: "Final title" });
    await t.services.articles.publish(draft.id);
    expect((await t.app.inject({ url: "/en/news/final-title" })).statusCode).toBe(200);
    expect((await t.app.inject({ url: "/en/news/working-title" })).statusCode).toBe(404);
  });
});
