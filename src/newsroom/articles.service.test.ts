import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createArticle,
  createEdition,
  createPerson,
  createSection,
  createTag,
  paragraphs,
} from "../../test/factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import { AppError } from "../errors.js";
import { PUBLIC_ARTICLE_EVENTS } from "./newsroom.events.js";

describe.each(DIALECTS)("articles service on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, { editions: ["en"] });
  });
  afterEach(async () => t.close());

  it("creates a draft with a transliterated slug and validated body", async () => {
    const article = await t.services.articles.create({
      edition: "en",
      title: "Бої за Бахмут тривають",
      body: paragraphs("One."),
    });
    expect(article.status).toBe("draft");
    expect(article.slug).toBe("boi-za-bakhmut-tryvaiut");
    expect(article.published_at).toBeNull();
  });

  it("refuses an invalid body with invalid_body and the path", async () => {
    await expect(
      t.services.articles.create({ edition: "en", title: "T", body: { type: "doc", content: [{ type: "video" }] } }),
    ).rejects.toMatchObject({ code: "invalid_body", message: expect.stringContaining("content[0].type") });
  });

  it("gives a second article with the same title the next free slug", async () => {
    const first = await t.services.articles.create({ edition: "en", title: "Same title", body: paragraphs("a") });
    const second = await t.services.articles.create({ edition: "en", title: "Same title", body: paragraphs("b") });
    expect([first.slug, second.slug]).toEqual(["same-title", "same-title-2"]);
  });

  it("maps an explicitly chosen duplicate slug in one edition to a conflict", async () => {
    await t.services.articles.create({ edition: "en", title: "A", slug: "taken", body: paragraphs("a") });
    const error = await t.services.articles
      .create({ edition: "en", title: "B", slug: "taken", body: paragraphs("b") })
      .catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("conflict");
  });

  it("refuses a save based on an old version with 409 and both versions", async () => {
    const article = await createArticle(t.services.articles, { edition: "en" }, { publish: false });
    const saved = await t.services.articles.update(
      article.id,
      { title: "First edit" },
      { expectedVersion: article.version },
    );
    expect(saved.version).toBe(article.version + 1);
    const error = await t.services.articles
      .update(article.id, { title: "Based on the old version" }, { expectedVersion: article.version })
      .catch((e) => e);
    expect(error.code).toBe("conflict");
    expect(error.details).toEqual({
      currentVersion: saved.version,
      currentUpdatedAt: saved.updated_at,
      yourVersion: article.version,
    });
    expect((await t.services.articleQueries.getById(article.id)).title).toBe("First edit");
  });

  it("accepts HTML for the body and reports what it dropped", async () => {
    const { article, warnings } = await t.services.articles.createWithWarnings({
      edition: "en",
      title: "From the wire",
      html: '<h1>Wire</h1><p>Text <b>bold</b><script>alert(1)</script></p><img src="https://x.example/a.jpg">',
    });
    const body = JSON.parse(article.body);
    expect(body.content.map((n: { type: string }) => n.type)).toEqual(["heading", "paragraph"]);
    expect(article.body).not.toContain("alert");
    expect(warnings.length).toBeGreaterThan(0);
  });

  it("refuses a body given both as a document and as HTML", async () => {
    await expect(
      t.services.articles.create({ edition: "en", title: "T", body: paragraphs("a"), html: "<p>b</p>" }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("keeps a revision per save and restores an old one as a new version", async () => {
    const article = await createArticle(
      t.services.articles,
      { edition: "en", title: "Version one" },
      { publish: false },
    );
    await t.services.articles.update(article.id, { title: "Version two" });
    const revisions = await t.services.articles.listRevisions(article.id);
    expect(revisions.map((r) => r.version)).toEqual([article.version + 1, article.version]);
    const restored = await t.services.articles.restoreRevision(article.id, article.version);
    expect(restored.title).toBe("Version one");
    expect(restored.version).toBe(article.version + 2);
  });

  it("submits a draft for review once", async () => {
    const article = await createArticle(t.services.articles, { edition: "en" }, { publish: false });
    expect((await t.services.articles.submit(article.id)).status).toBe("in_review");
    await expect(t.services.articles.submit(article.id)).rejects.toMatchObject({ code: "invalid_state" });
  });

  it("archives a published article and takes it off the site", async () => {
    const article = await createArticle(t.services.articles, { edition: "en" });
    await t.services.articles.archive(article.id);
    expect(await t.services.articleQueries.getPublished("en", article.slug)).toBeUndefined();
  });

  it("narrows the newsroom list to the ids a search matched, and to nothing for no match", async () => {
    const wanted = await createArticle(t.services.articles, { edition: "en", title: "Wanted" }, { publish: false });
    await createArticle(t.services.articles, { edition: "en", title: "Something else" }, { publish: false });
    const found = await t.services.articles.listForAdmin({ ids: [wanted.id] }, null, 10);
    expect(found.map((a) => a.title)).toEqual(["Wanted"]);
    expect(await t.services.articles.listForAdmin({ ids: [] }, null, 10)).toEqual([]);
  });

  it("refuses a section of another edition", async () => {
    await createEdition(t.database.db, { code: "ru" });
    const section = await createSection(t.database.db, "ru");
    await expect(
      t.services.articles.create({ edition: "en", title: "T", body: paragraphs("a"), sectionId: section.id }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("announces the surrogate keys of every page an article shows on when it is published", async () => {
    const { db } = t.database;
    const section = await createSection(db, "en");
    const tag = await createTag(db, "en");
    const person = await createPerson(db, "en");
    const changes: string[][] = [];
    for (const type of PUBLIC_ARTICLE_EVENTS)
      t.services.events.on(type, "test", (event) => void changes.push(event.keys));
    const article = await createArticle(t.services.articles, {
      edition: "en",
      sectionId: section.id,
      tagIds: [tag.id],
      authorIds: [person.id],
    });
    expect(changes).toHaveLength(1);
    expect(new Set(changes[0])).toEqual(
      new Set([`article:${article.id}`, "home:en", `section:${section.id}`, `tag:${tag.id}`, `author:${person.id}`]),
    );
  });

  it("purges the old and the new tag when a published article's tags change", async () => {
    const { db } = t.database;
    const oldTag = await createTag(db, "en");
    const newTag = await createTag(db, "en");
    const article = await createArticle(t.services.articles, { edition: "en", tagIds: [oldTag.id] });
    const changes: string[][] = [];
    for (const type of PUBLIC_ARTICLE_EVENTS)
      t.services.events.on(type, "test", (event) => void changes.push(event.keys));
    await t.services.articles.update(article.id, { tagIds: [newTag.id], title: "New title" });
    expect(changes[0]).toEqual(
      expect.arrayContaining([`tag:${oldTag.id}`, `tag:${newTag.id}`, `article:${article.id}`]),
    );
  });

  it("does not announce changes to drafts", async () => {
    const draft = await createArticle(t.services.articles, { edition: "en" }, { publish: false });
    const changes: string[][] = [];
    for (const type of PUBLIC_ARTICLE_EVENTS)
      t.services.events.on(type, "test", (event) => void changes.push(event.keys));
    await t.services.articles.update(draft.id, { title: "Still a draft" });
    expect(changes).toEqual([]);
  });

  it("schedules an article whose publication time is in the future", async () => {
    const article = await createArticle(
      t.services.articles,
      { edition: "en" },
      { publishAt: new Date(Date.now() + 3_600_000) },
    );
    expect(article.status).toBe("scheduled");
    expect(await t.services.articleQueries.getPublished("en", article.slug)).toBeUndefined();
  });

  it("unpublishes back to draft and keeps the first publication time on republish", async () => {
    const at = new Date("2026-02-01T08:00:00Z");
    const article = await createArticle(t.services.articles, { edition: "en" }, { publishAt: at });
    await t.services.articles.unpublish(article.id);
    expect(await t.services.articleQueries.getPublished("en", article.slug)).toBeUndefined();
    const again = await t.services.articles.publish(article.id);
    expect(again.published_at).toBe(at.toISOString());
  });

  it("answers not_found for an unknown article", async () => {
    await expect(t.services.articles.publish(999_999)).rejects.toMatchObject({ code: "not_found" });
  });
});
