import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, paragraphs } from "../test/factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../test/test-app.js";
import type { DomainEventType } from "./platform/events/domain-events.js";

describe.each(DIALECTS)("the newsroom's domain events and their listeners on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      env: { WEBSUB_HUB_URL: "http://127.0.0.1:9/hub" },
      editions: ["uk"],
    });
  });
  afterEach(async () => t.close());

  function record(types: DomainEventType[]): string[] {
    const seen: string[] = [];
    for (const type of types) t.services.events.on(type, "test", () => void seen.push(type));
    return seen;
  }

  it("lists every side effect of publishing an article in one place", () => {
    const { events } = t.services;
    expect(events.listenersOf("article.published")).toEqual({
      inProcess: ["page-cache"],
      durable: [
        "article.published:telegram",
        "article.published:planning",
        "article.published:websub",
        "article.published:webhooks",
      ],
    });
    expect(events.listenersOf("article.saved")).toEqual({
      inProcess: [],
      durable: ["article.saved:search-index", "article.saved:geotag", "article.saved:planning", "article.saved:audit"],
    });
    expect(events.listenersOf("publication-check.acknowledged").durable).toEqual([
      "publication-check.acknowledged:audit",
    ]);
    expect(events.listenersOf("publication-check.approved").durable).toEqual(["publication-check.approved:audit"]);
    expect(events.listenersOf("note.created").durable).toEqual(["note.created:audit"]);
    expect(events.listenersOf("note.resolved").durable).toEqual(["note.resolved:audit"]);
    expect(events.listenersOf("correction.created")).toEqual({
      inProcess: ["page-cache"],
      durable: ["correction.created:telegram", "correction.created:webhooks"],
    });
    expect(events.listenersOf("newsletter.sent").durable).toEqual(["newsletter.sent:webhooks"]);
    expect(events.listenersOf("newsletter.signup.confirmed").durable).toEqual([
      "newsletter.signup.confirmed:analytics",
    ]);
    expect(events.listenersOf("donation.started").durable).toEqual(["donation.started:analytics"]);
    expect(events.listenersOf("live.entry.saved")).toEqual({
      inProcess: [],
      durable: ["live.entry.saved:live-geotag"],
    });
  });

  it("announces a publication once, then every later change of the live story as an update", async () => {
    const seen = record(["article.saved", "article.published", "article.updated", "article.unpublished"]);
    const article = await createArticle(t.services.articles, { edition: "uk" });
    expect(seen).toEqual(["article.saved", "article.published", "article.saved"]);
    seen.length = 0;
    await t.services.articles.update(article.id, { title: "Новий заголовок" });
    expect(seen).toEqual(["article.updated", "article.saved"]);
    seen.length = 0;
    await t.services.articles.unpublish(article.id);
    expect(seen).toEqual(["article.unpublished", "article.saved"]);
  });

  it("pings the WebSub hub for a publication, but not for a quiet one (an archive import)", async () => {
    const pings = async () =>
      (await t.database.db.selectFrom("jobs").select("id").where("kind", "=", "distribution.websub-ping").execute())
        .length;
    const archived = await createArticle(t.services.articles, { edition: "uk" }, { publish: false });
    await t.services.articles.publish(archived.id, new Date("2015-05-01T10:00:00.000Z"), undefined, { quiet: true });
    await t.services.events.drain();
    expect(await pings()).toBe(0);
    await createArticle(t.services.articles, { edition: "uk" });
    await t.services.events.drain();
    expect(await pings()).toBeGreaterThan(0);
  });

  it("announces nothing public for a draft", async () => {
    const seen = record(["article.published", "article.updated", "article.unpublished"]);
    const draft = await createArticle(t.services.articles, { edition: "uk" }, { publish: false });
    await t.services.articles.update(draft.id, { title: "Ще чернетка" });
    expect(seen).toEqual([]);
  });

  it("geotags every saved draft through a durable delivery, and the places follow later edits", async () => {
    const draft = await createArticle(
      t.services.articles,
      { edition: "uk", title: "Ранок у Херсоні", body: paragraphs("Уночі в Херсоні було тихо.") },
      { publish: false },
    );
    expect(await t.services.maps.tagsOfArticle(draft.id)).toEqual([]);
    await t.services.events.drain();
    expect((await t.services.maps.tagsOfArticle(draft.id)).map((tag) => tag.slug)).toContain("kherson");
    await t.services.articles.update(draft.id, { title: "Ранок", body: paragraphs("Нічого не сталося.") });
    await t.services.events.drain();
    expect((await t.services.maps.tagsOfArticle(draft.id)).map((tag) => tag.slug)).not.toContain("kherson");
  });

  it("shows a published story's new headline on its place page once the listener ran", async () => {
    const article = await createArticle(t.services.articles, {
      edition: "uk",
      title: "Світло в Херсоні",
      body: paragraphs("У Херсоні відновили світло."),
    });
    await t.services.events.drain();
    expect((await t.app.inject({ url: "/places/kherson" })).body).toContain("Світло в Херсоні");
    await t.services.articles.update(article.id, { title: "Світло і вода в Херсоні" });
    await t.services.events.drain();
    const page = (await t.app.inject({ url: "/places/kherson" })).body;
    expect(page).toContain("Світло і вода в Херсоні");
    await t.services.articles.unpublish(article.id);
    await t.services.events.drain();
    expect((await t.app.inject({ url: "/places/kherson" })).body).not.toContain("Світло і вода в Херсоні");
  });

  it("indexes a saved draft for the newsroom's search through a durable delivery", async () => {
    const draft = await createArticle(
      t.services.articles,
      { edition: "uk", title: "Евакуація з Куп'янська", body: paragraphs("Текст.") },
      { publish: false },
    );
    const ids = () => t.services.search.matchingArticleIds("Куп'янськ", {});
    expect(await ids()).toEqual([]);
    await t.services.events.drain();
    expect(await ids()).toEqual([draft.id]);
  });

  it("purges the pages of a story the moment a correction is appended", async () => {
    const article = await createArticle(t.services.articles, { edition: "uk" });
    const first = await t.app.inject({ url: `/news/${article.slug}` });
    expect(first.statusCode).toBe(200);
    expect(first.body).not.toContain("Виправлено ім'я");
    await t.services.live.addNote(article.id, "correction", "Виправлено ім'я", {
      staffId: null,
      tokenId: null,
      name: "Ред",
    });
    expect((await t.app.inject({ url: `/news/${article.slug}` })).body).toContain("Виправлено ім'я");
  });
});
