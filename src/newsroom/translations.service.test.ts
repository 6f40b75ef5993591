import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createMedia, createSection, createTag, paragraphs } from "../../test/factories.js";
import { NOTE_A, notedBodies } from "../../test/note-fixtures.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import { parseUntranslated } from "./translation-todo.shared.js";

describe.each(DIALECTS)("translating an article on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      editions: ["uk", "ru", "en"],
    });
  });
  afterEach(async () => t.close());

  const untranslatedOf = async (id: number) =>
    parseUntranslated((await t.services.articleQueries.getById(id)).untranslated);

  it("keeps the section of the same slug in the target edition, with no marker", async () => {
    const db = t.database.db;
    const enWar = await createSection(db, "en", { slug: "war", name: "War" });
    const ruWar = await createSection(db, "ru", { slug: "war", name: "Война" });
    const original = await createArticle(t.services.articles, { edition: "en", title: "Drones", sectionId: enWar.id });
    const copy = await t.services.articles.createTranslation(original.id, "ru");
    expect(copy.section_id).toBe(ruWar.id);
    expect(await untranslatedOf(copy.id)).not.toContain("section");
  });

  it("copies the body without the original's editorial note marks, and keeps them on the original", async () => {
    const { plain, noted } = notedBodies();
    const original = await createArticle(t.services.articles, { edition: "en", body: noted }, { publish: false });
    const copy = await t.services.articles.createTranslation(original.id, "ru");
    expect(JSON.parse(copy.body)).toEqual(plain);
    expect((await t.services.articleQueries.getById(original.id)).body).toContain(NOTE_A);
  });

  it("leaves the section empty and marked when the target edition has none of that slug", async () => {
    const db = t.database.db;
    const enWar = await createSection(db, "en", { slug: "war", name: "War" });
    await createSection(db, "ru", { slug: "politics", name: "Политика" });
    const original = await createArticle(t.services.articles, { edition: "en", title: "Drones", sectionId: enWar.id });
    const copy = await t.services.articles.createTranslation(original.id, "ru");
    expect(copy.section_id).toBeNull();
    expect(await untranslatedOf(copy.id)).toContain("section");
  });

  it("keeps every tag, making the ones the target edition lacks", async () => {
    const db = t.database.db;
    const shelling = await createTag(db, "en", { slug: "shelling", name: "Shelling" });
    const odesa = await createTag(db, "en", { slug: "odesa", name: "Odesa" });
    const ruOdesa = await createTag(db, "ru", { slug: "odesa", name: "Одесса" });
    const original = await createArticle(t.services.articles, {
      edition: "en",
      title: "Night attack",
      tagIds: [shelling.id, odesa.id],
    });
    const copy = await t.services.articles.createTranslation(original.id, "ru");
    const tags = await db
      .selectFrom("article_tags")
      .innerJoin("tags", "tags.id", "article_tags.tag_id")
      .select(["tags.id", "tags.slug", "tags.edition_code"])
      .where("article_tags.article_id", "=", copy.id)
      .execute();
    expect(tags.map((tag) => tag.edition_code)).toEqual(["ru", "ru"]);
    expect(tags.map((tag) => tag.slug).sort()).toEqual(["odesa", "shelling"]);
    expect(tags.find((tag) => tag.slug === "odesa")?.id).toBe(ruOdesa.id);
  });

  it("marks every text still in the original's language, and clears each one when it is edited", async () => {
    const media = await createMedia(t.database.db, { caption: "Library caption", credit: "Photo: Agency", alt: "" });
    const original = await createArticle(t.services.articles, {
      edition: "en",
      title: "Drone attack on Odesa",
      dek: "What happened overnight.",
      body: paragraphs("First.", "Second."),
      leadMediaId: media.id,
      leadAlt: "Firefighters at a burning building",
    });
    const copy = await t.services.articles.createTranslation(original.id, "ru");
    expect(copy.lead_caption).toBe("Library caption");
    expect(copy.lead_credit).toBe("Photo: Agency");
    expect(await untranslatedOf(copy.id)).toEqual(["title", "dek", "body", "leadCaption", "leadCredit", "leadAlt"]);

    // Saving the same values (as the editor's autosave does) translates nothing.
    await t.services.articles.update(copy.id, {
      title: copy.title,
      dek: copy.dek,
      body: JSON.parse(copy.body),
      leadCaption: copy.lead_caption,
    });
    expect(await untranslatedOf(copy.id)).toHaveLength(6);

    await t.services.articles.update(copy.id, { dek: "Что произошло ночью.", leadCredit: "Фото: агентство" });
    expect(await untranslatedOf(copy.id)).toEqual(["title", "body", "leadCaption", "leadAlt"]);
    await t.services.articles.update(copy.id, { body: paragraphs("Первый.", "Второй.") });
    expect(await untranslatedOf(copy.id)).toEqual(["title", "leadCaption", "leadAlt"]);
  });

  it("gives the copy a slug from its own headline in the target language, following the headline while a draft", async () => {
    const original = await createArticle(t.services.articles, { edition: "en", title: "Drone attack on Odesa" });
    const ru = await t.services.articles.createTranslation(original.id, "ru");
    expect(ru.slug).toBe("drone-attack-on-odesa");
    const translated = await t.services.articles.update(ru.id, { title: "Жители Горловки без света" });
    // Russian rules: г is g and и is i (Ukrainian rules would give "zhytely-horlovky-bez-svita").
    expect(translated.slug).toBe("zhiteli-gorlovki-bez-sveta");
    expect(await untranslatedOf(ru.id)).not.toContain("title");

    const uk = await t.services.articles.createTranslation(original.id, "uk");
    const ukTranslated = await t.services.articles.update(uk.id, { title: "Жителі Горлівки без світла" });
    expect(ukTranslated.slug).toBe("zhyteli-horlivky-bez-svitla");
  });

  it("makes an English copy of a Ukrainian story an English slug once its headline is translated", async () => {
    const original = await createArticle(t.services.articles, { edition: "uk", title: "Атака дронів на Одесу" });
    const en = await t.services.articles.createTranslation(original.id, "en");
    const translated = await t.services.articles.update(en.id, { title: "Drone attack on Odesa" });
    expect(translated.slug).toBe("drone-attack-on-odesa");
    expect(translated.slug).not.toBe(original.slug);
  });

  it("clears a marker of a published translation when the edit waits as a pending revision", async () => {
    const original = await createArticle(t.services.articles, {
      edition: "en",
      title: "Drone attack on Odesa",
      dek: "What happened overnight.",
    });
    const copy = await t.services.articles.createTranslation(original.id, "ru");
    await t.services.articles.update(copy.id, { title: "Атака дронов на Одессу" });
    const published = await t.services.articles.publish(copy.id);
    expect(published.slug).toBe("ataka-dronov-na-odessu");
    await t.services.articles.update(copy.id, { dek: "Что произошло ночью." }, { pending: true });
    expect(await untranslatedOf(copy.id)).toEqual(["body"]);
    // The live row still has the old dek until "Update".
    expect((await t.services.articleQueries.getById(copy.id)).dek).toBe("What happened overnight.");
    // Published: the slug no longer follows the headline.
    await t.services.articles.update(copy.id, { title: "Другой заголовок" });
    expect((await t.services.articleQueries.getById(copy.id)).slug).toBe("ataka-dronov-na-odessu");
  });
});
