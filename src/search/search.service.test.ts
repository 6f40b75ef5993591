import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, paragraphs } from "../../test/factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

describe.each(DIALECTS)("full-text search on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      editions: ["uk", "ru", "en"],
    });
  });
  afterEach(async () => t.close());

  // The index follows saves through durable event deliveries: run them before asking.
  const story = async (edition: string, title: string, body: string, dek: string | null = null) => {
    const article = await createArticle(t.services.articles, { edition, title, dek, body: paragraphs(body) });
    await t.services.events.drain();
    return article;
  };
  const titlesFor = async (edition: string, query: string) => {
    await t.services.events.drain();
    const e = t.services.editions.byCode(edition);
    if (!e) throw new Error(edition);
    const results = await t.services.search.search(e, query, 1);
    return results.hits.map((hit) => hit.title.map((run) => run.text).join(""));
  };

  it("finds a Ukrainian story by another case of its word: «Бахмуті» finds «Бахмут»", async () => {
    await story("uk", "Оборона Бахмут тримає", "Місто тримається вже восьмий місяць.");
    await story("uk", "Новини з Херсона", "У місті відновили водопостачання.");
    expect(await titlesFor("uk", "Бахмуті")).toEqual(["Оборона Бахмут тримає"]);
    expect(await titlesFor("uk", "бахмутом")).toEqual(["Оборона Бахмут тримає"]);
    expect(await titlesFor("uk", "водопостачанням")).toEqual(["Новини з Херсона"]);
  });

  it("finds a Russian story by an inflected form", async () => {
    await story("ru", "Бои за Бахмут продолжаются", "Войска удерживают позиции.");
    await story("ru", "Погода в Одессе", "Ожидается дождь.");
    expect(await titlesFor("ru", "Бахмуте")).toEqual(["Бои за Бахмут продолжаются"]);
    expect(await titlesFor("ru", "войсками")).toEqual(["Бои за Бахмут продолжаются"]);
  });

  it("finds an English story by an inflected form", async () => {
    await story("en", "Drone attack on the port", "Air defence shot down most of the drones.");
    await story("en", "Grain exports resume", "Ships left the harbour.");
    expect(await titlesFor("en", "attacked")).toEqual(["Drone attack on the port"]);
    expect(await titlesFor("en", "drone")).toEqual(["Drone attack on the port"]);
  });

  it("ranks a title match above a passing mention in the body", async () => {
    await story("en", "Harbour reopens", "The mayor also spoke about the counteroffensive in passing.");
    await story("en", "The counteroffensive, explained", "What the counteroffensive is and why it matters.");
    expect(await titlesFor("en", "counteroffensive")).toEqual(["The counteroffensive, explained", "Harbour reopens"]);
  });

  it("searches one edition only, and published stories only", async () => {
    await story("ru", "Бахмут: хроника", "Текст.");
    await createArticle(
      t.services.articles,
      { edition: "uk", title: "Бахмут: чернетка", body: paragraphs("Текст.") },
      { publish: false },
    );
    expect(await titlesFor("uk", "Бахмут")).toEqual([]);
    expect(await titlesFor("ru", "Бахмут")).toEqual(["Бахмут: хроника"]);
  });

  it("follows publish, edit and unpublish", async () => {
    const article = await story("en", "Ceasefire talks", "Delegations met in Istanbul.");
    expect(await titlesFor("en", "Istanbul")).toEqual(["Ceasefire talks"]);
    await t.services.articles.update(article.id, { body: paragraphs("Delegations met in Geneva.") });
    expect(await titlesFor("en", "Istanbul")).toEqual([]);
    expect(await titlesFor("en", "Geneva")).toEqual(["Ceasefire talks"]);
    await t.services.articles.unpublish(article.id);
    expect(await titlesFor("en", "Geneva")).toEqual([]);
    await t.services.articles.publish(article.id);
    expect(await titlesFor("en", "Geneva")).toEqual(["Ceasefire talks"]);
  });

  it("matches a quoted phrase only with its words in order", async () => {
    await story("en", "Battle map of the front", "Updated daily.");
    await story("en", "A map from the battle", "Archive.");
    expect(await titlesFor("en", '"battle map"')).toEqual(["Battle map of the front"]);
    expect((await titlesFor("en", "battle map")).sort()).toEqual(["A map from the battle", "Battle map of the front"]);
  });

  it("marks the matching words in the title and snippet, escaped on the page", async () => {
    await story("uk", "Обстріл Харкова", "Уночі <script>alert(1)</script> росіяни обстріляли Харків ракетами.");
    const page = await t.app.inject({ url: `/search?q=${encodeURIComponent("Харкові")}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<mark>Харкова</mark>");
    expect(page.body).toContain("<mark>Харків</mark>");
    expect(page.body).not.toContain("<script>alert(1)");
    expect(page.body).toContain('href="/news/');
  });

  it("pages through results ranked across the whole match set", async () => {
    for (let i = 0; i < 12; i++) await story("en", `Report ${i} on shelling`, "Shelling again.");
    const first = await t.services.search.search(t.services.editions.byCode("en")!, "shelling", 1);
    const second = await t.services.search.search(t.services.editions.byCode("en")!, "shelling", 2);
    expect(first.total).toBe(12);
    expect(first.hits).toHaveLength(10);
    expect(first.hasNext).toBe(true);
    expect(second.hits).toHaveLength(2);
    expect(second.hasNext).toBe(false);
    expect(new Set([...first.hits, ...second.hits].map((hit) => hit.id)).size).toBe(12);
    const html = await t.app.inject({ url: "/en/search?q=shelling&page=2" });
    expect(html.body).toContain('rel="prev"');
  });

  it.each([
    ["empty", ""],
    ["spaces", "   "],
    ["quotes", `"""'''"`],
    ["an unclosed quote", '"Bakhmut'],
    ["FTS5 operators", "Bakhmut AND OR NOT NEAR(a b, 3) * ^title {title}: -x +y"],
    ["column filters", "title_stems:bakhmut scope:xeduk"],
    ["tsquery operators", "a & | ! <-> :* ( )"],
    ["SQL metacharacters", "'; DROP TABLE articles; -- \\ % _ /* */"],
    ["a 10 kB string", "бахмут ".repeat(1500)],
    ["a 10 kB single word", "а".repeat(10_240)],
    ["control characters", "\u0000\u0001\u001f Bakhmut \u2028"],
    ["emoji and RTL", "🔥 بخموت Bakhmut"],
  ])("answers a query of %s with a normal page", async (_label, query) => {
    await story("uk", "Бахмут", "Текст про Bakhmut.");
    for (const base of ["/", "/en/"]) {
      const response = await t.app.inject({ url: `${base}search?q=${encodeURIComponent(query)}` });
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toContain("text/html");
    }
  });

  it("answers odd page numbers with a normal page", async () => {
    for (const page of ["0", "-3", "abc", "99999999999999999999", "1.5"]) {
      const response = await t.app.inject({ url: `/search?q=test&page=${page}` });
      expect(response.statusCode).toBe(200);
    }
  });

  it("reads a repeated q or page by its first value instead of answering 400", async () => {
    await story("en", "Shelling of the port", "The port was shelled overnight.");
    const response = await t.app.inject({ url: "/en/search?q=shelling&q=nothingmatches&page=1&page=2" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("1 story found");
  });

  it("speaks the edition's language and counts with its plural rules", async () => {
    for (let i = 0; i < 2; i++) await story("uk", `Обстріл ${i}`, "Текст.");
    const uk = await t.app.inject({ url: `/search?q=${encodeURIComponent("обстріли")}` });
    expect(uk.body).toContain("Знайдено 2 матеріали");
    const none = await t.app.inject({ url: "/en/search?q=nothingmatches" });
    expect(none.body).toContain("Nothing found for “nothingmatches”");
    expect(none.body).toContain('<html lang="en"');
  });

  it("tells a reader who searches too often to wait, in their language, with a 429 page", async () => {
    let last = await t.app.inject({ url: "/search?q=test" });
    for (let i = 0; i < 60 && last.statusCode === 200; i++) last = await t.app.inject({ url: "/search?q=test" });
    expect(last.statusCode).toBe(429);
    expect(last.headers["retry-after"]).toBeDefined();
    expect(last.body).toContain("Забагато пошукових запитів");
    // An empty search box is not counted.
    expect((await t.app.inject({ url: "/search" })).statusCode).toBe(200);
  });

  it("filters the newsroom's article list by full text, drafts included, keeping the API shape", async () => {
    const headers = await t.bearer("editor");
    await createArticle(
      t.services.articles,
      { edition: "uk", title: "Бої під Бахмутом тривають", body: paragraphs("Текст.") },
      { publish: false },
    );
    await story("en", "Something else", "Nothing about it.");
    const response = await t.app.inject({ url: `/admin/api/articles?q=${encodeURIComponent("БАХМУТІ")}`, headers });
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((item: { title: string }) => item.title)).toEqual(["Бої під Бахмутом тривають"]);
    expect(response.json()).toHaveProperty("nextCursor", null);
    // The last word matches as a prefix while it is being typed.
    const typing = await t.app.inject({ url: `/admin/api/articles?q=${encodeURIComponent("бахм")}`, headers });
    expect(typing.json().items).toHaveLength(1);
    const hostile = await t.app.inject({
      url: `/admin/api/articles?q=${encodeURIComponent(`"') OR 1=1 --`)}`,
      headers,
    });
    expect(hostile.statusCode).toBe(200);
    expect(hostile.json().items).toEqual([]);
  });

  it("indexes articles written straight to the database when asked for the stale ones", async () => {
    const article = await story("en", "Evacuation trains", "Trains left the city.");
    await t.database.db.deleteFrom("search_documents").execute();
    expect(await titlesFor("en", "trains")).toEqual([]);
    expect(await t.services.search.reindexStale()).toBe(1);
    expect(await titlesFor("en", "trains")).toEqual(["Evacuation trains"]);
    expect(await t.services.search.reindexStale()).toBe(0);
    expect(article.id).toBeGreaterThan(0);
  });
});
