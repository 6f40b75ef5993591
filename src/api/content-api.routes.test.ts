import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createMedia, createPerson, createSection, createTag } from "../../test/factories.js";
import { openApiContract } from "../../test/openapi-contract.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import { demoLayerGeoJson } from "../maps/demo/bakhmut.demo.js";
import { API_PREFIX } from "./content-api.routes.js";

const PARTNER = "https://partner.example";

describe.each(DIALECTS)("Content API on %s", (dialect) => {
  let t: TestApp;
  let key: string;
  let clock: Date;

  beforeEach(async () => {
    clock = new Date("2026-03-21T07:30:00.000Z");
    t = await startTestApp(dialect, {
      env: { API_CORS_ORIGINS: PARTNER, API_RATE_LIMIT: "1000" },
      now: () => clock,
      editions: ["uk", "en"],
    });
    key = (await t.services.apiKeys.create("Partner")).key;
  });
  afterEach(async () => t.close());

  const tick = (minutes = 1) => {
    clock = new Date(clock.getTime() + minutes * 60_000);
  };

  function get(url: string, headers: Record<string, string> = {}) {
    return t.app.inject({ method: "GET", url, headers: { authorization: `Bearer ${key}`, ...headers } });
  }

  async function publish(input: Parameters<typeof createArticle>[1]) {
    tick();
    return createArticle(t.services.articles, input);
  }

  it("lists published articles with the structured body and its rendered HTML, as the OpenAPI document says", async () => {
    const { db } = t.database;
    const section = await createSection(db, "en", { slug: "analysis", name: "Analysis" });
    const tag = await createTag(db, "en", { slug: "bakhmut", name: "Bakhmut" });
    const person = await createPerson(db, "en", { slug: "mariia", name: "Mariia Lysenko" });
    const lead = await createMedia(db, { file_key: "lead0001", width: 1600, height: 900, alt: "Smoke over a town" });
    const article = await publish({
      edition: "en",
      title: "Assessment of the day",
      dek: "What the think tank concluded",
      sectionId: section.id,
      tagIds: [tag.id],
      authorIds: [person.id],
      leadMediaId: lead.id,
    });
    await createArticle(t.services.articles, { edition: "en", title: "A draft" }, { publish: false });

    const response = await get(`${API_PREFIX}/articles?edition=en&limit=5`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const contract = await openApiContract(t.app, API_PREFIX);
    expect(contract.check("/api/v1/articles", 200, body)).toEqual([]);
    expect(body.next).toBeNull();
    expect(body.articles).toHaveLength(1);
    const [item] = body.articles;
    expect(item).toMatchObject({
      id: article.id,
      slug: article.slug,
      url: `https://news.example/en/news/${article.slug}`,
      title: "Assessment of the day",
      dek: "What the think tank concluded",
      section: { slug: "analysis", name: "Analysis" },
      tags: [{ slug: "bakhmut" }],
      authors: [{ slug: "mariia", name: "Mariia Lysenko" }],
      leadImage: { url: "https://news.example/media/lead0001/1200.jpg", width: 1200, height: 675 },
    });
    expect(item.body.type).toBe("doc");
    expect(item.html).toContain("<p>First paragraph of story");
    expect(item.html).toContain('class="article-body"');
  });

  it("fails the contract check when an answer leaves out a documented field", async () => {
    await publish({ edition: "en", title: "Checked" });
    const body = (await get(`${API_PREFIX}/articles?edition=en`)).json();
    delete body.articles[0].html;
    const contract = await openApiContract(t.app, API_PREFIX);
    expect(contract.check("/api/v1/articles", 200, body).join(" ")).toMatch(/html/);
  });

  it("walks every published article exactly once, page by page, ties on the same second included", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) ids.push((await publish({ edition: "en" })).id);
    // Three published in the same instant: only the id tells them apart.
    for (let i = 0; i < 3; i++) ids.push((await createArticle(t.services.articles, { edition: "en" })).id);
    await publish({ edition: "uk" });

    for (const sort of ["published", "updated"]) {
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `edition=en&limit=3&sort=${sort}${cursor ? `&cursor=${cursor}` : ""}`;
        const page = (await get(`${API_PREFIX}/articles?${query}`)).json();
        seen.push(...page.articles.map((a: { id: number }) => a.id));
        cursor = page.next;
        pages++;
      } while (cursor && pages < 20);
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
      expect(pages).toBe(4);
    }
  });

  it("filters by section, tag, author and time of the last change", async () => {
    const { db } = t.database;
    const section = await createSection(db, "en", { slug: "world" });
    const tag = await createTag(db, "en", { slug: "drones" });
    const person = await createPerson(db, "en", { slug: "taras" });
    const inSection = await publish({ edition: "en", sectionId: section.id });
    const tagged = await publish({ edition: "en", tagIds: [tag.id] });
    const signed = await publish({ edition: "en", authorIds: [person.id] });
    const since = new Date(clock.getTime() + 30_000).toISOString();
    const later = await publish({ edition: "en" });

    const ids = async (query: string) =>
      (await get(`${API_PREFIX}/articles?edition=en&${query}`)).json().articles.map((a: { id: number }) => a.id);
    expect(await ids("section=world")).toEqual([inSection.id]);
    expect(await ids("tag=drones")).toEqual([tagged.id]);
    expect(await ids("author=taras")).toEqual([signed.id]);
    expect(await ids(`updatedSince=${encodeURIComponent(since)}`)).toEqual([later.id]);
    expect(await ids("section=no-such-section")).toEqual([]);
    const bad = await get(`${API_PREFIX}/articles?edition=en&updatedSince=yesterday`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe("validation_failed");
    const damaged = await get(`${API_PREFIX}/articles?edition=en&cursor=not-a-cursor`);
    expect(damaged.statusCode).toBe(400);
    expect(damaged.json().code).toBe("invalid_cursor");
  });

  it("answers one article by id or by slug, and 404 for a draft", async () => {
    const article = await publish({ edition: "en", title: "By id or slug" });
    const draft = await createArticle(t.services.articles, { edition: "en" }, { publish: false });
    const contract = await openApiContract(t.app, API_PREFIX);

    const byId = await get(`${API_PREFIX}/articles/${article.id}`);
    expect(byId.statusCode).toBe(200);
    expect(contract.check("/api/v1/articles/{idOrSlug}", 200, byId.json())).toEqual([]);
    const bySlug = await get(`${API_PREFIX}/articles/${article.slug}?edition=en`);
    expect(bySlug.json().id).toBe(article.id);
    expect((await get(`${API_PREFIX}/articles/${article.id}?edition=uk`)).statusCode).toBe(404);
    const missing = await get(`${API_PREFIX}/articles/${draft.id}`);
    expect(missing.statusCode).toBe(404);
    expect(contract.check("/api/v1/articles/{idOrSlug}", 404, missing.json())).toEqual([]);
  });

  it("lists an edition's sections, tags and authors", async () => {
    const { db } = t.database;
    await createSection(db, "en", { slug: "world", name: "World" });
    await createSection(db, "uk", { slug: "svit", name: "Світ" });
    await createTag(db, "en", { slug: "drones", name: "Drones" });
    await createPerson(db, "en", { slug: "taras", name: "Taras", role: "Correspondent" });
    const contract = await openApiContract(t.app, API_PREFIX);

    for (const [path, field, slug] of [
      ["sections", "sections", "world"],
      ["tags", "tags", "drones"],
      ["authors", "authors", "taras"],
    ] as const) {
      const response = await get(`${API_PREFIX}/${path}?edition=en`);
      expect(response.statusCode).toBe(200);
      expect(contract.check(`/api/v1/${path}`, 200, response.json())).toEqual([]);
      const slugs = response.json()[field].map((term: { slug: string }) => term.slug);
      expect(slugs).toContain(slug);
      expect(slugs).not.toContain("svit");
    }
    expect((await get(`${API_PREFIX}/sections?edition=xx`)).statusCode).toBe(404);
  });

  it("gives a live blog's entries, and 404 for an article that is not one", async () => {
    const blog = await publish({ edition: "en", kind: "live", title: "Live: the front" });
    await t.services.live.addEntry(
      blog.id,
      {
        headline: "Morning",
        body: {
          type: "doc",
          content: [{ type: "paragraph", content: [{ type: "text", text: "Shelling overnight." }] }],
        },
      },
      { staffId: null, tokenId: null, name: "Desk" },
    );
    const response = await get(`${API_PREFIX}/articles/${blog.id}/live`);
    expect(response.statusCode).toBe(200);
    const contract = await openApiContract(t.app, API_PREFIX);
    expect(contract.check("/api/v1/articles/{id}/live", 200, response.json())).toEqual([]);
    expect(response.json().entries).toMatchObject([{ headline: "Morning" }]);
    expect(response.json().entries[0].html).toContain("Shelling overnight.");
    const standard = await publish({ edition: "en" });
    expect((await get(`${API_PREFIX}/articles/${standard.id}/live`)).statusCode).toBe(404);
  });

  it("answers 401 with a code for no key, an unknown key and a revoked key, at once", async () => {
    await publish({ edition: "en" });
    const none = await t.app.inject({ method: "GET", url: `${API_PREFIX}/articles?edition=en` });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ code: "api_key_missing", message: expect.any(String) });
    const contract = await openApiContract(t.app, API_PREFIX);
    expect(contract.check("/api/v1/articles", 401, none.json())).toEqual([]);
    const unknown = await get(`${API_PREFIX}/articles?edition=en`, { authorization: "Bearer gzk_nope" });
    expect(unknown.json().code).toBe("api_key_invalid");

    const { id, key: second } = await t.services.apiKeys.create("Second partner");
    const viaQuery = await t.app.inject({ method: "GET", url: `${API_PREFIX}/articles?edition=en&key=${second}` });
    expect(viaQuery.statusCode).toBe(200);
    await t.services.apiKeys.revoke(id);
    const revoked = await t.app.inject({ method: "GET", url: `${API_PREFIX}/articles?edition=en&key=${second}` });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().code).toBe("api_key_invalid");
  });

  it("counts each key's requests", async () => {
    await get(`${API_PREFIX}/sections?edition=en`);
    await get(`${API_PREFIX}/tags?edition=en`);
    await t.services.apiKeys.flushUsage();
    const [row] = await t.services.apiKeys.list();
    expect(row).toMatchObject({ name: "Partner", requestCount: 2, lastUsedAt: clock.toISOString() });
  });

  it("answers 304 to a client that has the current ETag, and 200 again after a change", async () => {
    const article = await publish({ edition: "en", title: "Before" });
    const first = await get(`${API_PREFIX}/articles/${article.id}`);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers["cache-control"]).toMatch(/^private, max-age=\d+/);
    const again = await get(`${API_PREFIX}/articles/${article.id}`, { "if-none-match": etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");

    tick();
    await t.services.articles.update(article.id, { title: "After" });
    const changed = await get(`${API_PREFIX}/articles/${article.id}`, { "if-none-match": etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().title).toBe("After");
  });

  it("keeps lists in the page cache until publishing purges them", async () => {
    await publish({ edition: "en" });
    const url = `${API_PREFIX}/articles?edition=en`;
    expect((await get(url)).headers["x-cache"]).toBe("MISS");
    const cached = await get(url);
    expect(cached.headers["x-cache"]).toBe("HIT");
    expect(cached.json().articles).toHaveLength(1);
    const fresh = await publish({ edition: "en", title: "Just in" });
    const after = await get(url);
    expect(after.headers["x-cache"]).toBe("MISS");
    expect(after.json().articles[0].id).toBe(fresh.id);
  });

  it("gives an image's new caption, credit and alt text once the library entry is edited, in live entries too", async () => {
    const lead = await createMedia(t.database.db, { alt: "Old alt", caption: "Old caption.", credit: "Old credit" });
    const article = await publish({ edition: "en", title: "With a lead photo", leadMediaId: lead.id });
    const blog = await publish({ edition: "en", kind: "live", title: "Live: the front" });
    await t.services.live.addEntry(
      blog.id,
      { body: { type: "doc", content: [{ type: "image", attrs: { mediaId: lead.id } }] } },
      { staffId: null, tokenId: null, name: "Desk" },
    );
    const urls = [
      `${API_PREFIX}/articles?edition=en`,
      `${API_PREFIX}/articles/${article.id}`,
      `${API_PREFIX}/articles/${blog.id}/live`,
    ];
    for (const url of urls) expect(JSON.stringify((await get(url)).json())).toContain("Old caption.");
    const edited = await t.app.inject({
      method: "PATCH",
      url: `/admin/api/media/${lead.id}`,
      headers: await t.bearer("editor"),
      payload: { alt: "New alt", caption: "New caption.", credit: "New credit" },
    });
    expect(edited.statusCode).toBe(200);
    for (const url of urls) {
      const answer = JSON.stringify((await get(url)).json());
      expect(answer, url).toContain("New caption.");
      expect(answer, url).toContain("New credit");
      expect(answer, url).toContain("New alt");
      expect(answer, url).not.toContain("Old caption.");
    }
  });

  it("refuses a cursor used with another sort order", async () => {
    for (let i = 0; i < 3; i++) await publish({ edition: "en" });
    const { next } = (await get(`${API_PREFIX}/articles?edition=en&limit=1`)).json();
    expect(next).toEqual(expect.any(String));
    const mixed = await get(`${API_PREFIX}/articles?edition=en&limit=1&sort=updated&cursor=${next}`);
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().code).toBe("invalid_cursor");
  });

  it("lets only the listed origins read answers from a browser, preflight included", async () => {
    const allowed = await get(`${API_PREFIX}/sections?edition=en`, { origin: PARTNER });
    expect(allowed.headers["access-control-allow-origin"]).toBe(PARTNER);
    const denied = await get(`${API_PREFIX}/sections?edition=en`, { origin: "https://elsewhere.example" });
    expect(denied.headers["access-control-allow-origin"]).toBeUndefined();

    const preflight = await t.app.inject({
      method: "OPTIONS",
      url: `${API_PREFIX}/articles?edition=en`,
      headers: {
        origin: PARTNER,
        "access-control-request-method": "GET",
        "access-control-request-headers": "authorization",
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe(PARTNER);
    expect(String(preflight.headers["access-control-allow-headers"])).toMatch(/Authorization/);
    const refused = await t.app.inject({
      method: "OPTIONS",
      url: `${API_PREFIX}/articles`,
      headers: { origin: "https://elsewhere.example", "access-control-request-method": "GET" },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("serves an OpenAPI 3.1 document of every route and a docs page without scripts", async () => {
    const contract = await openApiContract(t.app, API_PREFIX);
    const document = contract.document as unknown as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/articles",
        "/api/v1/articles/{idOrSlug}",
        "/api/v1/articles/{id}/live",
        "/api/v1/sections",
        "/api/v1/tags",
        "/api/v1/authors",
        "/api/v1/maps",
        "/api/v1/maps/{slug}/layers",
      ]),
    );
    // Every parameter in a path is declared, and every secured operation names the key schemes.
    const operations = Object.entries(
      document.paths as Record<string, { get: { parameters: { name: string; in: string }[]; security: unknown[] } }>,
    );
    for (const [path, { get: operation }] of operations) {
      for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
        expect(operation.parameters).toContainEqual(expect.objectContaining({ name, in: "path" }));
      }
      if (!path.endsWith("/openapi.json") && !path.endsWith("/docs")) {
        expect(operation.security).toEqual([{ bearerKey: [] }, { queryKey: [] }]);
      }
    }
    const docs = await t.app.inject({ method: "GET", url: `${API_PREFIX}/docs` });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers["content-type"]).toMatch(/text\/html/);
    expect(docs.body).toContain("/api/v1/articles");
    expect(docs.body).not.toMatch(/<script/i);
  });

  it("gives maps and their published layers as GeoJSON, drafts left out", async () => {
    const map = await t.services.maps.createMap({
      slug: "bakhmut",
      texts: { en: { title: "Battle for Bakhmut", description: "The front around the city." } },
      center: { lat: 48.59, lon: 38.0 },
      zoom: 10,
    });
    const geojson = demoLayerGeoJson({ validOn: "", title: "", note: "", frontLon: 38, contested: 0.02, events: [] });
    const published = await t.services.maps.addLayer(map.id, { validOn: "2023-05-20", title: "20 May", geojson }, null);
    await t.services.maps.publishLayer(map.id, published.id);
    await t.services.maps.addLayer(map.id, { validOn: "2023-05-21", title: "Draft", geojson }, null);
    const contract = await openApiContract(t.app, API_PREFIX);

    const maps = await get(`${API_PREFIX}/maps`);
    expect(maps.statusCode).toBe(200);
    expect(contract.check("/api/v1/maps", 200, maps.json())).toEqual([]);
    expect(maps.json().maps).toMatchObject([{ slug: "bakhmut" }]);
    const layers = await get(`${API_PREFIX}/maps/bakhmut/layers`);
    expect(layers.statusCode).toBe(200);
    expect(contract.check("/api/v1/maps/{slug}/layers", 200, layers.json())).toEqual([]);
    expect(layers.json().layers).toMatchObject([{ title: "20 May", geojson: { type: "FeatureCollection" } }]);
    expect((await get(`${API_PREFIX}/maps/nowhere/layers`)).statusCode).toBe(404);
  });

  it("answers JSON errors for unknown API paths", async () => {
    const response = await get(`${API_PREFIX}/nothing-here`, { accept: "text/html" });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe("not_found");
  });
});

describe("Content API rate limit", () => {
  it("answers 429 with Retry-After once a key has used its minute", async () => {
    const t = await startTestApp("sqlite", {
      env: { API_RATE_LIMIT: "2" },
      editions: ["en"],
    });
    try {
      const { key } = await t.services.apiKeys.create("Busy partner");
      const hit = () =>
        t.app.inject({
          method: "GET",
          url: `${API_PREFIX}/tags?edition=en`,
          headers: { authorization: `Bearer ${key}` },
        });
      expect((await hit()).statusCode).toBe(200);
      expect((await hit()).statusCode).toBe(200);
      const limited = await hit();
      expect(limited.statusCode).toBe(429);
      expect(limited.json().code).toBe("rate_limited");
      expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });

  it("slows down a client that keeps sending bad keys", async () => {
    const t = await startTestApp("sqlite", {
      editions: ["en"],
    });
    try {
      const guess = (n: number) =>
        t.app.inject({
          method: "GET",
          url: `${API_PREFIX}/tags?edition=en`,
          headers: { authorization: `Bearer gzk_${n}` },
        });
      const codes: string[] = [];
      for (let n = 0; n < 31; n++) codes.push((await guess(n)).json().code);
      expect(codes.slice(0, 30).every((code) => code === "api_key_invalid")).toBe(true);
      expect(codes[30]).toBe("rate_limited");
    } finally {
      await t.close();
    }
  });
});
