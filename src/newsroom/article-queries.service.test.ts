import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createPerson, createSection, createTag } from "../../test/factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

describe.each(DIALECTS)("article queries on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, { editions: ["en"] });
  });
  afterEach(async () => t.close());
  it("hides drafts and shows published articles with their tags, authors and section", async () => {
    const { db } = t.database;
    const section = await createSection(db, "en");
    const tag = await createTag(db, "en");
    const author = await createPerson(db, "en");
    const draft = await createArticle(
      t.services.articles,
      { edition: "en", sectionId: section.id },
      { publish: false },
    );
    expect(await t.services.articleQueries.getPublished("en", draft.slug)).toBeUndefined();
    const published = await createArticle(t.services.articles, {
      edition: "en",
      sectionId: section.id,
      tagIds: [tag.id],
      authorIds: [author.id],
    });
    const view = await t.services.articleQueries.getPublished("en", published.slug);
    expect(view?.section?.id).toBe(section.id);
    expect(view?.tags.map((x) => x.id)).toEqual([tag.id]);
    expect(view?.authors.map((x) => x.id)).toEqual([author.id]);
    expect(view?.body.content).toHaveLength(4);
  });

  it("pages through a feed newest first without gaps or repeats, ties broken by id", async () => {
    const base = Date.parse("2026-03-01T12:00:00Z");
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) {
      // Pairs share a publication time, so the id must break the tie.
      const at = new Date(base + Math.floor(i / 2) * 3_600_000);
      ids.push((await createArticle(t.services.articles, { edition: "en" }, { publishAt: at })).id);
    }
    const seen: number[] = [];
    let after = null;
    for (let pages = 0; pages < 10; pages++) {
      const page = await t.services.articleQueries.feed({ kind: "home", edition: "en" }, after, 3);
      seen.push(...page.items.map((i) => i.id));
      if (!page.next) break;
      after = page.next;
    }
    const expected = [...ids].sort((a, b) => b - a);
    expect(seen).toEqual(expected);
  });

  it("filters feeds by section, tag and author", async () => {
    const { db } = t.database;
    const section = await createSection(db, "en");
    const tag = await createTag(db, "en");
    const person = await createPerson(db, "en");
    const inAll = await createArticle(t.services.articles, {
      edition: "en",
      sectionId: section.id,
      tagIds: [tag.id],
      authorIds: [person.id],
    });
    await createArticle(t.services.articles, { edition: "en" });
    for (const scope of [
      { kind: "section" as const, edition: "en", sectionId: section.id },
      { kind: "tag" as const, edition: "en", tagId: tag.id },
      { kind: "author" as const, edition: "en", personId: person.id },
    ]) {
      const page = await t.services.articleQueries.feed(scope, null, 10);
      expect(page.items.map((i) => i.id)).toEqual([inAll.id]);
    }
  });
});
