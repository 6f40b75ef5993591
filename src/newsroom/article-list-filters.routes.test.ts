import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createMedia } from "../../test/factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

describe.each(DIALECTS)("admin article list for pickers on %s", (dialect) => {
  let t: TestApp;
  let headers: Record<string, string>;
  beforeEach(async () => {
    t = await startTestApp(dialect, { editions: ["en"] });
    headers = await t.bearer("editor");
  });
  afterEach(async () => t.close());

  it("gives only the articles named by `ids`, with their lead image thumbnails", async () => {
    const image = await createMedia(t.database.db);
    const first = await createArticle(t.services.articles, { edition: "en", title: "Ferry", leadMediaId: image.id });
    const second = await createArticle(t.services.articles, { edition: "en", title: "Tram" });
    await createArticle(t.services.articles, { edition: "en", title: "Bridge" });
    const response = await t.app.inject({ url: `/admin/api/articles?ids=${second.id},${first.id}`, headers });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { id: number; leadMediaId: number | null; thumbnailUrl: string | null }[];
    expect(items.map((item) => item.id).sort()).toEqual([first.id, second.id].sort());
    expect(items.find((item) => item.id === first.id)).toMatchObject({
      leadMediaId: image.id,
      thumbnailUrl: `/media/${image.file_key}/320.jpg`,
    });
    expect(items.find((item) => item.id === second.id)).toMatchObject({ leadMediaId: null, thumbnailUrl: null });
  });

  it("combines `ids` with the headline search", async () => {
    const ferry = await createArticle(t.services.articles, { edition: "en", title: "Ferry crossing resumes" });
    const tram = await createArticle(t.services.articles, { edition: "en", title: "Tram line reopens" });
    await createArticle(t.services.articles, { edition: "en", title: "Ferry timetable" }, { publish: false });
    await t.services.events.drain(); // the search index follows saves through durable deliveries
    const response = await t.app.inject({ url: `/admin/api/articles?ids=${ferry.id},${tram.id}&q=ferry`, headers });
    expect(response.json().items.map((item: { id: number }) => item.id)).toEqual([ferry.id]);
  });

  it("finds articles whose headline holds every word typed, in any case and order, Cyrillic too", async () => {
    const ferry = await createArticle(t.services.articles, { edition: "en", title: "Ferry crossing resumes at dawn" });
    await createArticle(t.services.articles, { edition: "en", title: "Ferry timetable" }, { publish: false });
    await createArticle(t.services.articles, { edition: "en", title: "Обстріл Харкова: загиблі" });
    const titles = async (title: string) =>
      (await t.app.inject({ url: `/admin/api/articles?title=${encodeURIComponent(title)}`, headers }))
        .json()
        .items.map((item: { title: string }) => item.title);
    expect(await titles("DAWN ferry")).toEqual([ferry.title]);
    expect(await titles("ferry")).toEqual(["Ferry timetable", ferry.title]);
    expect(await titles("харкова")).toEqual(["Обстріл Харкова: загиблі"]);
    expect(await titles("100%")).toEqual([]);
  });

  it("answers 400 validation_failed for ids that are not a comma-separated list of numbers", async () => {
    for (const ids of ["1,,2", "a", "0", "1;2"]) {
      const response = await t.app.inject({ url: `/admin/api/articles?ids=${encodeURIComponent(ids)}`, headers });
      expect(response.statusCode, ids).toBe(400);
      expect(response.json().code).toBe("validation_failed");
    }
  });
});
