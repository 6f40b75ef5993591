import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createMedia, createPerson, createTag, paragraphs } from "../../test/factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

describe.each(DIALECTS)("translations of articles on %s", (dialect) => {
  let t: TestApp;
  let headers: { authorization: string };
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      editions: ["uk", "ru", "en"],
    });
    headers = await t.bearer("editor");
  });
  afterEach(async () => t.close());

  it("creates a draft translation with the body, media, the tags (made where missing) and a shared group", async () => {
    const db = t.database.db;
    const media = await createMedia(db);
    const drones = await createTag(db, "uk", { slug: "drony", name: "Дрони" });
    const onlyUk = await createTag(db, "uk", { slug: "tilky-tut", name: "Тільки тут" });
    const enDrones = await createTag(db, "en", { slug: "drony", name: "Drones" });
    const author = await createPerson(db, "uk", { slug: "olena", name: "Олена" });
    const original = await createArticle(t.services.articles, {
      edition: "uk",
      title: "Атака дронів на Одесу",
      body: paragraphs("Перший абзац.", "Другий абзац."),
      leadMediaId: media.id,
      leadCaption: "Підпис",
      tagIds: [drones.id, onlyUk.id],
      authorIds: [author.id],
    });
    const response = await t.app.inject({
      method: "POST",
      url: `/admin/api/articles/${original.id}/translations`,
      headers,
      payload: { edition: "en" },
    });
    expect(response.statusCode).toBe(201);
    const copy = response.json();
    expect(copy).toMatchObject({
      edition: "en",
      status: "draft",
      title: "Атака дронів на Одесу",
      leadImage: { mediaId: media.id, caption: "Підпис" },
      authors: [],
      translatedFrom: original.id,
    });
    // The tag the English edition lacked is made there, with the same slug, to be translated under Tags.
    expect(copy.tags).toHaveLength(2);
    expect(copy.tags[0]).toBe(enDrones.id);
    const made = await db.selectFrom("tags").selectAll().where("id", "=", copy.tags[1]).executeTakeFirstOrThrow();
    expect(made).toMatchObject({ edition_code: "en", slug: "tilky-tut", name: "Тільки тут" });
    expect(copy.untranslated).toEqual(["title", "body", "leadCaption", "leadAlt"]);
    expect(copy.body).toEqual(paragraphs("Перший абзац.", "Другий абзац."));
    const group = (await t.services.articleQueries.getById(original.id)).translation_group;
    expect(group).toBeTruthy();
    expect(copy.translationGroup).toBe(group);

    const list = await t.app.inject({ url: `/admin/api/articles/${copy.id}/translations`, headers });
    expect(list.json().items.map((item: { edition: string }) => item.edition)).toEqual(["uk", "en"]);
  });

  it("refuses a second version in the same edition with 409, and the original's own edition with 400", async () => {
    const original = await createArticle(t.services.articles, { edition: "uk", title: "Оригінал" });
    const post = (edition: string) =>
      t.app.inject({
        method: "POST",
        url: `/admin/api/articles/${original.id}/translations`,
        headers,
        payload: { edition },
      });
    expect((await post("ru")).statusCode).toBe(201);
    const again = await post("ru");
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("conflict");
    expect((await post("uk")).statusCode).toBe(400);
    expect((await post("xx")).statusCode).toBe(400);
  });

  it("refuses a contributor", async () => {
    const original = await createArticle(t.services.articles, { edition: "uk", title: "Оригінал" });
    const response = await t.app.inject({
      method: "POST",
      url: `/admin/api/articles/${original.id}/translations`,
      headers: await t.bearer("contributor"),
      payload: { edition: "en" },
    });
    expect(response.statusCode).toBe(403);
  });

  it("links the published versions with reciprocal hreflang and x-default, and the switcher goes to them", async () => {
    const original = await createArticle(t.services.articles, { edition: "uk", title: "Оригінал" });
    const en = await t.services.articles.createTranslation(original.id, "en");
    await t.services.articles.update(en.id, { title: "The original" });
    await t.services.articles.publish(en.id);
    // The draft's slug followed its new headline.
    expect((await t.services.articleQueries.getById(en.id)).slug).toBe("the-original");
    const ukPage = await t.app.inject({ url: `/news/${original.slug}` });
    const enPage = await t.app.inject({ url: "/en/news/the-original" });
    for (const page of [ukPage.body, enPage.body]) {
      expect(page).toContain(`href="https://news.example/news/${original.slug}" hreflang="uk"`);
      expect(page).toContain('href="https://news.example/en/news/the-original" hreflang="en"');
      expect(page).toContain(`href="https://news.example/news/${original.slug}" hreflang="x-default"`);
    }
    // The language switcher: to the translation where there is one, else to the edition's home.
    expect(ukPage.body).toMatch(/<a href="\/en\/news\/the-original"[^>]*hreflang="en"/);
    expect(ukPage.body).toMatch(/<a href="\/ru\/"[^>]*hreflang="ru"/);
    expect(enPage.body).toMatch(new RegExp(`<a href="/news/${original.slug}"[^>]*hreflang="uk"`));
  });
});
