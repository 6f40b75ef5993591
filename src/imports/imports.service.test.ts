import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeReader, importItem, tinyJpeg } from "../../test/import-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import type { ArticleEvent } from "../newsroom/newsroom.events.js";
import { createImportServices, type ImportServices } from "./imports.factory.js";
import type { ImportOptions } from "./imports.service.js";

describe.each(DIALECTS)("the import engine on %s", (dialect) => {
  let t: TestApp;
  let imports: ImportServices;
  let fetched: string[];
  let clock = new Date("2026-12-01T12:00:00.000Z");
  const options: ImportOptions = { edition: "en", media: "fetch" };

  beforeEach(async () => {
    clock = new Date("2026-12-01T12:00:00.000Z");
    t = await startTestApp(dialect, {
      now: () => clock,
      editions: [{ code: "en", base_path: "/" }],
    });
    fetched = [];
    const jpeg = await tinyJpeg();
    const s = t.services;
    imports = createImportServices(
      t.database.db,
      {
        articles: s.articles,
        articleQueries: s.articleQueries,
        taxonomy: s.taxonomy,
        media: s.media,
        editions: s.editions,
        jobs: s.jobs,
        openReader: () => {
          throw new Error("not used");
        },
        articleUrl: (_edition, slug) => `https://news.example/news/${slug}`,
        fetchImage: async (url) => {
          fetched.push(url);
          if (url.includes("missing")) throw new Error(`${url} answered 404`);
          return jpeg;
        },
      },
      { mediaTimeoutSeconds: 5, mediaMaxBytes: 1024 * 1024, now: () => clock },
    );
  });
  afterEach(async () => t.close());

  const articles = () => t.database.db.selectFrom("articles").selectAll().orderBy("id").execute();

  it("imports one language or category of a multilingual site per run and says how many it left", async () => {
    const english = importItem({ title: "In English", language: "en_GB", categories: ["English", "Politics"] });
    const ukrainian = importItem({ title: "Українською", language: "uk", categories: ["Українська", "Політика"] });
    const byLanguage = await imports.engine.run(fakeReader([english, ukrainian]), {
      ...options,
      media: "skip",
      only: { language: "en" },
    });
    expect(byLanguage.report).toMatchObject({ created: 1, skipped: 1 });
    expect(byLanguage.report.warnings).toContain("1 items outside this run (en) were left for another run.");
    expect((await articles()).map((article) => article.title)).toEqual(["In English"]);

    const byCategory = await imports.engine.run(fakeReader([english, ukrainian]), {
      ...options,
      media: "skip",
      only: { category: "english" },
    });
    expect(byCategory.report).toMatchObject({ unchanged: 0, updated: 1, skipped: 1 });
    // The marker category is not a section: the story stays in Politics.
    const [story] = await articles();
    const section = await t.database.db
      .selectFrom("sections")
      .select("name")
      .where("id", "=", story?.section_id ?? -1)
      .executeTakeFirst();
    expect(section?.name).toBe("Politics");
  });

  it("creates published articles with their original date, byline, section, tags, summary and lead photo", async () => {
    const item = importItem({
      title: "Council votes on the budget",
      slug: "council-votes",
      leadImage: { url: "https://old.example/wp-content/uploads/2016/03/hall.jpg", caption: "The hall", alt: "Hall" },
    });
    const { report } = await imports.engine.run(fakeReader([item]), options);

    expect(report).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      failed: 0,
      redirects: 2,
      media: { imported: 1, missing: 0 },
      warnings: [],
    });
    const [article] = await articles();
    expect(article).toMatchObject({
      title: "Council votes on the budget",
      slug: "council-votes",
      status: "published",
      published_at: "2016-03-01T09:30:00.000Z",
      dek: item.dek,
      lead_caption: "The hall",
      lead_alt: "Hall",
    });
    const view = await t.services.articleQueries.getViewById(article?.id ?? 0);
    expect(view.section?.name).toBe("Politics");
    expect(view.tags.map((tag) => tag.name).sort()).toEqual(["Elections", "Kyiv"]);
    expect(view.authors.map((person) => person.name)).toEqual(["Jane Doe"]);
    expect(view.leadMedia).not.toBeNull();
  });

  it("queues the imported photo's variants in the same job as an upload's", async () => {
    const item = importItem({ leadImage: { url: "https://old.example/wp-content/uploads/2016/03/hall.jpg" } });
    await imports.engine.run(fakeReader([item]), options);
    const view = await t.services.articleQueries.getViewById((await articles())[0]?.id ?? 0);
    const queued = await t.database.db
      .selectFrom("jobs")
      .select("payload")
      .where("kind", "=", "media.make-variants")
      .execute();
    expect(queued.map((job) => JSON.parse(String(job.payload)))).toEqual([{ fileKey: view.leadMedia?.file_key }]);
  });

  it("keeps drafts as drafts and schedules stories due in the future", async () => {
    const draft = importItem({ status: "draft", publishedAt: undefined });
    const scheduled = importItem({ status: "scheduled", publishedAt: "2027-01-10T08:00:00.000Z" });
    await imports.engine.run(fakeReader([draft, scheduled]), options);
    const rows = await articles();
    expect(rows.map((row) => row.status)).toEqual(["draft", "scheduled"]);
    expect(rows[1]?.published_at).toBe("2027-01-10T08:00:00.000Z");
  });

  it("changes nothing when the same file is imported again", async () => {
    const items = [importItem(), importItem()];
    await imports.engine.run(fakeReader(items), options);
    const before = await articles();
    const { report } = await imports.engine.run(fakeReader(items), options);
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 2, redirects: 0 });
    expect(await articles()).toEqual(before);
  });

  it("updates a changed item as a new revision", async () => {
    const item = importItem();
    await imports.engine.run(fakeReader([item]), options);
    const [before] = await articles();
    const { report } = await imports.engine.run(
      fakeReader([{ ...item, title: "A corrected headline", updatedAt: "2017-01-01T00:00:00.000Z" }]),
      options,
    );
    expect(report).toMatchObject({ created: 0, updated: 1 });
    const [after] = await articles();
    expect(after?.id).toBe(before?.id);
    expect(after?.title).toBe("A corrected headline");
    expect(after?.version).toBeGreaterThan(before?.version ?? 0);
    expect(after?.published_at).toBe(item.publishedAt);
  });

  it("keeps an edit made in Gazette since the last import, unless told to overwrite it", async () => {
    const item = importItem();
    await imports.engine.run(fakeReader([item]), options);
    const [imported] = await articles();
    await t.services.articles.update(imported?.id ?? 0, { title: "Edited by our desk" });
    const changed = { ...item, title: "Changed on the old site" };

    const kept = await imports.engine.run(fakeReader([changed]), options);
    expect(kept.report).toMatchObject({ updated: 0, skipped: 1 });
    expect(kept.report.warnings[0]).toMatch(/edited in Gazette/);
    expect((await articles())[0]?.title).toBe("Edited by our desk");

    const overwritten = await imports.engine.run(fakeReader([changed]), { ...options, overwrite: true });
    expect(overwritten.report).toMatchObject({ updated: 1, skipped: 0 });
    expect((await articles())[0]?.title).toBe("Changed on the old site");
  });

  it("finishes a story whose import stopped half-way instead of making a second one", async () => {
    const item = importItem();
    const publish = t.services.articles.publish.bind(t.services.articles);
    t.services.articles.publish = async () => {
      throw new Error("the process died here");
    };
    const broken = await imports.engine.run(fakeReader([item]), options);
    expect(broken.report).toMatchObject({ created: 0, failed: 1 });
    t.services.articles.publish = publish;

    const { report } = await imports.engine.run(fakeReader([item]), options);
    expect(report).toMatchObject({ created: 0, updated: 1, skipped: 0, failed: 0 });
    const rows = await articles();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "published", published_at: item.publishedAt });
  });

  it("does not take a scheduled story going out by itself for an edit", async () => {
    const item = importItem({ status: "scheduled", publishedAt: "2026-12-01T12:30:00.000Z" });
    await imports.engine.run(fakeReader([item]), options);
    const [scheduled] = await articles();
    clock = new Date("2026-12-01T13:00:00.000Z");
    await t.services.articles.publishScheduled(scheduled?.id ?? 0, item.publishedAt ?? "");
    const { report } = await imports.engine.run(fakeReader([{ ...item, title: "Retitled on the old site" }]), options);
    expect(report).toMatchObject({ updated: 1, skipped: 0 });
    expect((await articles())[0]).toMatchObject({ title: "Retitled on the old site", status: "published" });
  });

  it("skips a bad item and imports the rest", async () => {
    const { report } = await imports.engine.run(
      fakeReader([
        importItem(),
        { failure: { sourceId: "7", title: "Broken", reason: "it has no content." } },
        importItem({ title: "   " }),
        importItem(),
      ]),
      options,
    );
    expect(report).toMatchObject({ created: 2, skipped: 2, failed: 0 });
    expect(report.warnings).toEqual([
      'Skipped "Broken": it has no content.',
      expect.stringMatching(/Skipped .*: it has no title\./),
    ]);
    expect(await articles()).toHaveLength(2);
  });

  it("rewrites links to old addresses of stories imported later in the file or in an earlier run", async () => {
    const earlier = importItem({ slug: "earlier-story" });
    await imports.engine.run(fakeReader([earlier]), options);
    const later = importItem({ slug: "later-story" });
    const linking = importItem({
      html: `<p>See <a href="${earlier.oldUrls[0]}">the first</a>, <a href="/?p=${later.sourceId}">the next</a> and <a href="https://elsewhere.example/x">a source</a>.</p>`,
    });
    await imports.engine.run(fakeReader([linking, later]), options);

    const row = (await articles()).find((article) => article.title === linking.title);
    const hrefs = JSON.stringify(JSON.parse(row?.body ?? "{}")).match(/"href":"[^"]+"/g);
    expect(hrefs).toEqual([
      '"href":"https://news.example/news/earlier-story"',
      '"href":"https://news.example/news/later-story"',
      '"href":"https://elsewhere.example/x"',
    ]);
    // The second pass is the import's own change: a third run still finds the story unchanged.
    const again = await imports.engine.run(fakeReader([linking, later]), options);
    expect(again.report).toMatchObject({ unchanged: 2, skipped: 0 });
  });

  it("answers each old address with the new article", async () => {
    const item = importItem({ slug: "moved-story", oldUrls: ["https://old.example/2016/03/moved-story/", "/?p=42"] });
    await imports.engine.run(fakeReader([item]), options);
    expect(await imports.redirects.resolve("/2016/03/moved-story")).toBe("https://news.example/news/moved-story");
    expect(await imports.redirects.resolve("/?p=42&utm_source=x")).toBe("https://news.example/news/moved-story");
    expect(await imports.redirects.resolve("/2016/03/never-imported/")).toBeUndefined();
  });

  it("brings body images into the media library and reports the ones that cannot be had", async () => {
    const item = importItem({
      html: '<p>Before.</p><figure><img src="https://old.example/up/a.jpg" alt="A"><figcaption>Caption A</figcaption></figure><p><img src="https://old.example/up/missing.jpg"></p><p>After.</p>',
      bodyImages: [{ url: "https://old.example/up/a.jpg", credit: "Staff" }],
    });
    const { report } = await imports.engine.run(fakeReader([item]), options);
    expect(report.created).toBe(1);
    expect(report.media).toEqual({ imported: 1, missing: 1 });
    expect(report.warnings.join(" ")).toMatch(/missing\.jpg could not be brought in/);
    const body = JSON.parse((await articles())[0]?.body ?? "{}");
    expect(body.content.map((block: { type: string }) => block.type)).toEqual(["paragraph", "image", "paragraph"]);
    expect(body.content[1].attrs).toMatchObject({ caption: "Caption A", credit: "Staff", alt: "A" });
    expect(JSON.stringify(body)).not.toContain("old.example");
  });

  it("imports no images with media skip", async () => {
    const item = importItem({ leadImage: { url: "https://old.example/lead.jpg" } });
    const { report } = await imports.engine.run(fakeReader([item]), { ...options, media: "skip" });
    expect(report.media).toEqual({ imported: 0, missing: 0 });
    expect(fetched).toEqual([]);
    expect((await articles())[0]?.lead_media_id).toBeNull();
  });

  it("counts what a dry run would do and writes nothing", async () => {
    const first = importItem({ sourceId: "1" });
    await imports.engine.run(fakeReader([first]), options);
    const before = await articles();
    const { report, samples } = await imports.engine.run(
      fakeReader([{ ...first, title: "Changed" }, importItem({ sourceId: "2", title: "New one" })]),
      { ...options, dryRun: true },
    );
    expect(report).toMatchObject({ created: 1, updated: 1, redirects: 2 });
    expect(samples.map((sample) => [sample.title, sample.action])).toEqual([
      ["Changed", "update"],
      ["New one", "create"],
    ]);
    expect(await articles()).toEqual(before);
    expect(await t.database.db.selectFrom("redirects").select("id").execute()).toHaveLength(2);
  });

  it("finds the same person again by email when the key changed", async () => {
    await imports.engine.run(fakeReader([importItem()]), options);
    await imports.engine.run(
      fakeReader([importItem({ authors: [{ key: "jane-d", name: "J. Doe", email: "JANE@old.example" }] })]),
      options,
    );
    const people = await t.database.db.selectFrom("people").select("name").execute();
    expect(people.map((person) => person.name)).toEqual(["Jane Doe"]);
  });

  it("publishes quietly, so no push goes out for archive stories", async () => {
    const seen: ArticleEvent[] = [];
    t.services.events.on("article.published", "test", (event) => void seen.push(event));
    await imports.engine.run(fakeReader([importItem()]), options);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.quiet).toBe(true);
  });
});
