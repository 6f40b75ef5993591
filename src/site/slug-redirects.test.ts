import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle } from "../../test/factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

describe.each(DIALECTS)("stable slugs and redirects from old ones on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      editions: ["uk", "ru"],
    });
  });
  afterEach(async () => t.close());

  it("keeps the transliterated slug when the title changes", async () => {
    const article = await createArticle(t.services.articles, { edition: "ru", title: "Что происходит под Авдеевкой" });
    expect(article.slug).toBe("chto-proiskhodit-pod-avdeevkoi");
    const renamed = await t.services.articles.update(article.id, { title: "Новый заголовок" });
    expect(renamed.slug).toBe("chto-proiskhodit-pod-avdeevkoi");
    expect((await t.app.inject({ url: "/ru/news/chto-proiskhodit-pod-avdeevkoi" })).statusCode).toBe(200);
  });

  it("redirects an old slug with 301 to the current one, through every rename", async () => {
    const article = await createArticle(t.services.articles, { edition: "uk", title: "Бої за Бахмут" });
    expect((await t.app.inject({ url: `/news/${article.slug}` })).statusCode).toBe(200);
    await t.services.articles.update(article.id, { slug: "boi-za-bakhmut-onovleno" });
    await t.services.articles.update(article.id, { slug: "bakhmut-khronika" });
    for (const old of [article.slug, "boi-za-bakhmut-onovleno"]) {
      const response = await t.app.inject({ url: `/news/${old}` });
      expect(response.statusCode).toBe(301);
      expect(response.headers.location).toBe("/news/bakhmut-khronika");
    }
    expect((await t.app.inject({ url: "/news/bakhmut-khronika" })).statusCode).toBe(200);
  });

  it("does not redirect to an unpublished article or across editions", async () => {
    const article = await createArticle(t.services.articles, { edition: "uk", title: "Тимчасовий" });
    await t.services.articles.update(article.id, { slug: "novyi-slug" });
    expect((await t.app.inject({ url: `/ru/news/${article.slug}` })).statusCode).toBe(404);
    await t.services.articles.unpublish(article.id);
    expect((await t.app.inject({ url: `/news/${article.slug}` })).statusCode).toBe(404);
  });

  it("lets a new article take a freed slug, which then wins over the redirect", async () => {
    const first = await createArticle(t.services.articles, { edition: "uk", title: "Звіт" });
    await t.services.articles.update(first.id, { slug: "zvit-pershyi" });
    const second = await createArticle(t.services.articles, { edition: "uk", title: "Звіт" });
    expect(second.slug).toBe(first.slug);
    expect((await t.app.inject({ url: `/news/${first.slug}` })).statusCode).toBe(200);
  });
});
