import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, paragraphs } from "../../test/factories.js";
import type { Browser } from "../../test/staff-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import { demoLayerGeoJson } from "./demo/bakhmut.demo.js";

const MAP = {
  slug: "bakhmut",
  texts: {
    en: { title: "Battle for Bakhmut", description: "The front around the city." },
    uk: { title: "Битва за Бахмут", description: "" },
  },
  center: { lat: 48.59, lon: 38.0 },
  zoom: 10,
};

function layer(frontLon: number) {
  return demoLayerGeoJson({
    validOn: "",
    title: "",
    note: "",
    frontLon,
    contested: 0.02,
    events: [
      {
        at: [38, 48.59],
        category: "shelling",
        time: "2023-05-20T06:00:00Z",
        description: "Shelling of the centre",
        source: "https://example.org/report-1",
      },
    ],
  });
}

describe.each(DIALECTS)("maps on %s", (dialect) => {
  let t: TestApp;
  let editor: Browser;

  beforeEach(async () => {
    t = await startTestApp(dialect, {
      editions: ["uk", "en"],
    });
    editor = await t.signInAs("editor");
  });
  afterEach(async () => {
    await t.services.events.drain();
    await t.close();
  });

  async function createMap(): Promise<number> {
    const response = await t.app.inject({
      method: "POST",
      url: "/admin/api/maps",
      headers: editor.headers,
      payload: MAP,
    });
    expect(response.statusCode).toBe(201);
    return response.json().id;
  }

  function upload(mapId: number, payload: object, who: Browser = editor) {
    return t.app.inject({ method: "POST", url: `/admin/api/maps/${mapId}/layers`, headers: who.headers, payload });
  }

  function layerAction(mapId: number, layerId: number, action: "publish" | "unpublish", who: Browser = editor) {
    return t.app.inject({
      method: "POST",
      url: `/admin/api/maps/${mapId}/layers/${layerId}/${action}`,
      headers: who.headers,
    });
  }

  async function uploadPublished(mapId: number, payload: object): Promise<number> {
    const created = await upload(mapId, payload);
    expect(created.statusCode).toBe(201);
    expect((await layerAction(mapId, created.json().id, "publish")).statusCode).toBe(200);
    return created.json().id;
  }

  it("lets an editor create a map and add dated layers, newest first", async () => {
    const id = await createMap();
    expect((await upload(id, { validOn: "2023-02-20", title: "February", geojson: layer(38.03) })).statusCode).toBe(
      201,
    );
    expect((await upload(id, { validOn: "2023-05-20", title: "May", geojson: layer(37.95) })).statusCode).toBe(201);
    const list = await t.app.inject({ url: `/admin/api/maps/${id}/layers`, headers: editor.headers });
    expect(list.json().items.map((l: { validOn: string }) => l.validOn)).toEqual(["2023-05-20", "2023-02-20"]);
  });

  it("refuses a broken file naming the feature (from 1) and the path, and imports nothing of it", async () => {
    const id = await createMap();
    const broken = layer(38);
    (broken.features[1] as { geometry: { coordinates: number[][][] } }).geometry.coordinates[0]!.pop();
    const response = await upload(id, { validOn: "2023-02-20", title: "Broken", geojson: broken });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: "validation_failed",
      details: {
        problems: [{ feature: 2, path: "geometry.coordinates[0]", message: expect.stringContaining("not closed") }],
      },
    });
    expect(response.json().message).toMatch(/feature 2, geometry\.coordinates\[0\]: is not closed/);
    const list = await t.app.inject({ url: `/admin/api/maps/${id}/layers`, headers: editor.headers });
    expect(list.json().items).toEqual([]);
  });

  it("refuses a second layer on the same day, and an impossible day", async () => {
    const id = await createMap();
    expect((await upload(id, { validOn: "2023-02-20", title: "One", geojson: layer(38) })).statusCode).toBe(201);
    const again = await upload(id, { validOn: "2023-02-20", title: "Two", geojson: layer(38) });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("conflict");
    const impossible = await upload(id, { validOn: "2023-02-30", title: "Three", geojson: layer(38) });
    expect(impossible.statusCode).toBe(400);
  });

  it("edits a layer's metadata", async () => {
    const id = await createMap();
    const created = (await upload(id, { validOn: "2023-02-20", title: "One", geojson: layer(38) })).json();
    const response = await t.app.inject({
      method: "PATCH",
      url: `/admin/api/maps/${id}/layers/${created.id}`,
      headers: editor.headers,
      payload: { validOn: "2023-02-21", title: "Corrected", note: "Moved a day" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      validOn: "2023-02-21",
      title: "Corrected",
      note: "Moved a day",
      featureCount: 4,
    });
  });

  it("keeps authors and contributors from changing maps", async () => {
    const id = await createMap();
    for (const role of ["author", "contributor"] as const) {
      const who = await t.signInAs(role);
      expect((await upload(id, { validOn: "2023-02-20", title: "x", geojson: layer(38) }, who)).statusCode).toBe(403);
      const create = await t.app.inject({ method: "POST", url: "/admin/api/maps", headers: who.headers, payload: MAP });
      expect(create.statusCode).toBe(403);
      expect((await t.app.inject({ url: "/admin/api/maps", headers: who.headers })).statusCode).toBe(200);
    }
    expect((await t.app.inject({ url: "/admin/api/maps" })).statusCode).toBe(401);
  });

  it("shows a new layer on the cached map page, its preview and its card at once", async () => {
    const id = await createMap();
    await uploadPublished(id, { validOn: "2023-02-20", title: "February", geojson: layer(38.03) });
    const first = await t.app.inject({ url: "/en/maps/bakhmut" });
    expect(first.statusCode).toBe(200);
    expect(first.headers["surrogate-key"]).toContain("map:bakhmut");
    expect((await t.app.inject({ url: "/en/maps/bakhmut" })).headers["x-cache"]).toBe("HIT");
    const preview = await t.app.inject({ url: "/en/maps/bakhmut/preview.svg" });
    expect(preview.headers["content-type"]).toMatch(/image\/svg\+xml/);
    await uploadPublished(id, { validOn: "2023-05-20", title: "May", geojson: layer(37.95) });
    const after = await t.app.inject({ url: "/en/maps/bakhmut" });
    expect(after.headers["x-cache"]).toBe("MISS");
    expect(after.body).toContain("May");
    expect(after.body).toContain('href="https://example.org/report-1"');
    const older = await t.app.inject({ url: "/en/maps/bakhmut?date=2023-03-01" });
    expect(older.body).toContain('datetime="2023-02-20"');
    const newPreview = await t.app.inject({ url: "/en/maps/bakhmut/preview.svg" });
    expect(newPreview.headers["x-cache"]).toBe("MISS");
    expect(newPreview.body).not.toBe(preview.body);
    const card = await t.app.inject({ url: "/en/maps/bakhmut/card.png" });
    expect(card.headers["content-type"]).toBe("image/png");
    expect(card.rawPayload.subarray(1, 4).toString()).toBe("PNG");
  });

  it("keeps a new layer a draft off every reader page until it is published, and takes it off again", async () => {
    const id = await createMap();
    await uploadPublished(id, { validOn: "2023-02-20", title: "February front", geojson: layer(38.03) });
    const reader = async () => ({
      page: (await t.app.inject({ url: "/en/maps/bakhmut" })).body,
      day: (await t.app.inject({ url: "/en/maps/bakhmut?date=2023-06-01" })).body,
      svg: (await t.app.inject({ url: "/en/maps/bakhmut/preview.svg" })).body,
      card: (await t.app.inject({ url: "/en/maps/bakhmut/card.png" })).rawPayload,
    });
    const before = await reader();
    const draft = await upload(id, { validOn: "2023-05-20", title: "May draft front", geojson: layer(37.95) });
    expect(draft.statusCode).toBe(201);
    expect(draft.json()).toMatchObject({ status: "draft", publishedAt: null, language: "en" });
    const withDraft = await reader();
    // Not on the page, its day list, the island's history, a dated view, the SVG or the card.
    expect(withDraft.page).not.toContain("May draft front");
    expect(withDraft.page).not.toContain('value="2023-05-20"');
    expect(withDraft.page).not.toContain('"validOn":"2023-05-20"');
    expect(withDraft.day).toContain('datetime="2023-02-20"');
    expect(withDraft.day).not.toContain("May draft front");
    expect(withDraft.svg).toBe(before.svg);
    expect(withDraft.card.equals(before.card)).toBe(true);

    const preview = await t.app.inject({ url: `/admin/api/maps/${id}/preview?edition=en`, headers: editor.headers });
    expect(preview.statusCode).toBe(200);
    expect(preview.headers["cache-control"]).toBe("private, no-store");
    expect(preview.body).toContain("May draft front");
    expect(preview.body).toContain("map-draft-mark");
    expect((await t.app.inject({ url: `/admin/api/maps/${id}/preview` })).statusCode).toBe(401);
    const author = await t.signInAs("author");
    expect((await layerAction(id, draft.json().id, "publish", author)).statusCode).toBe(403);

    const published = await layerAction(id, draft.json().id, "publish");
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: "published", publishedAt: expect.any(String) });
    const live = await reader();
    expect(live.page).toContain("May draft front");
    expect(live.day).toContain('datetime="2023-05-20"');
    expect(live.svg).not.toBe(before.svg);

    expect((await layerAction(id, draft.json().id, "unpublish")).json()).toMatchObject({ status: "draft" });
    const withdrawn = await reader();
    expect(withdrawn.page).not.toContain("May draft front");
    expect(withdrawn.svg).toBe(before.svg);
  });

  it("shows a layer's texts in the edition's language, and the original marked as such where untranslated", async () => {
    const id = await createMap();
    const layerId = await uploadPublished(id, {
      validOn: "2023-05-20",
      title: "Fighting in the centre",
      note: "The front moved west.",
      language: "en",
      geojson: layer(37.95),
    });
    const ukBefore = await t.app.inject({ url: "/maps/bakhmut" });
    expect(ukBefore.body).toContain("Fighting in the centre");
    expect(ukBefore.body).toContain("(мовою: англійська)");
    const en = await t.app.inject({ url: "/en/maps/bakhmut" });
    expect(en.body).not.toContain("map-fallback");

    const put = (language: string, payload: object) =>
      t.app.inject({
        method: "PUT",
        url: `/admin/api/maps/${id}/layers/${layerId}/texts/${language}`,
        headers: editor.headers,
        payload,
      });
    // The event is the last of the layer's four features.
    const saved = await put("uk", { title: "Бої в центрі", note: null, events: { "4": "Обстріл центру" } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().translations.uk).toMatchObject({ title: "Бої в центрі", events: { "4": "Обстріл центру" } });
    const uk = await t.app.inject({ url: "/maps/bakhmut" });
    expect(uk.headers["x-cache"]).toBe("MISS");
    expect(uk.body).toContain("Бої в центрі");
    expect(uk.body).toContain("Обстріл центру");
    expect(uk.body).not.toContain("Fighting in the centre");
    // The note has no translation: the English one, labelled.
    expect(uk.body).toMatch(/The front moved west\.<span class="map-fallback" lang="uk"> \(мовою: англійська\)/);

    expect((await put("en", { title: "Same language" })).statusCode).toBe(400);
    expect((await put("uk", { title: "Бої", events: { "1": "Не подія" } })).statusCode).toBe(400);
    const remove = await t.app.inject({
      method: "DELETE",
      url: `/admin/api/maps/${id}/layers/${layerId}/texts/uk`,
      headers: editor.headers,
    });
    expect(remove.json().translations).toEqual({});
    expect((await t.app.inject({ url: "/maps/bakhmut" })).body).toContain("Fighting in the centre");
  });

  it("answers an unknown map or place with the reader's 404 page", async () => {
    const map = await t.app.inject({ url: "/en/maps/nowhere" });
    expect(map.statusCode).toBe(404);
    expect(map.headers["content-type"]).toMatch(/text\/html/);
    expect((await t.app.inject({ url: "/places/nowhere-at-all" })).statusCode).toBe(404);
  });

  it("tags a published story with its places, lists it on the place page and the map", async () => {
    await createMap();
    const article = await createArticle(t.services.articles, {
      edition: "en",
      title: "Shelling near Bakhmut",
      body: paragraphs("Artillery hit Klishchiivka overnight.", "Residents of Bakhmut sheltered."),
    });
    await t.services.events.drain();
    const tags = await t.app.inject({ url: `/admin/api/articles/${article.id}/places`, headers: editor.headers });
    expect(
      tags
        .json()
        .items.map((p: { slug: string }) => p.slug)
        .sort(),
    ).toEqual(["bakhmut", "klishchiivka"]);
    const place = await t.app.inject({ url: "/en/places/klishchiivka" });
    expect(place.statusCode).toBe(200);
    expect(place.body).toContain("Shelling near Bakhmut");
    const page = await t.app.inject({ url: `/en/news/${article.slug}` });
    expect(page.body).toContain('href="/en/places/bakhmut"');
    const map = await t.app.inject({ url: "/en/maps/bakhmut" });
    expect(map.body).toContain("Shelling near Bakhmut");
  });

  it("lets an editor remove an automatic tag and add one the tagger missed, and keeps both on re-tagging", async () => {
    const article = await createArticle(t.services.articles, {
      edition: "en",
      title: "A day in Kramatorsk",
      body: paragraphs("The trains from Kramatorsk left on time."),
    });
    await t.services.events.drain();
    const put = (slug: string, state: string) =>
      t.app.inject({
        method: "PUT",
        url: `/admin/api/articles/${article.id}/places/${slug}`,
        headers: editor.headers,
        payload: { state },
      });
    expect((await put("kramatorsk", "removed")).statusCode).toBe(200);
    expect((await put("sloviansk", "confirmed")).statusCode).toBe(200);
    expect((await put("atlantis", "confirmed")).statusCode).toBe(404);
    const retag = await t.app.inject({
      method: "POST",
      url: `/admin/api/articles/${article.id}/places/retag`,
      headers: editor.headers,
    });
    const states = Object.fromEntries(
      retag.json().items.map((p: { slug: string; state: string }) => [p.slug, p.state]),
    );
    expect(states).toEqual({ kramatorsk: "removed", sloviansk: "confirmed" });
    const place = await t.app.inject({ url: "/en/places/kramatorsk" });
    expect(place.body).not.toContain("A day in Kramatorsk");
  });

  it("finds places for the editor's add field", async () => {
    const response = await t.app.inject({ url: "/admin/api/places?q=Бахм", headers: editor.headers });
    expect(response.json().items[0]).toMatchObject({ slug: "bakhmut" });
  });
});
