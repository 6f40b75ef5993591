import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createMedia } from "../../test/factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import type { BodyDocument } from "../newsroom/body.types.js";

const p = (text: string) => ({ type: "paragraph" as const, content: [{ type: "text" as const, text }] });

describe.each(DIALECTS)("related stories on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      editions: [
        { code: "en", locale: "en-GB" },
        { code: "uk", locale: "uk-UA" },
      ],
    });
  });
  afterEach(async () => t.close());

  async function storyWithRelated() {
    const photo = await createMedia(t.database.db, { file_key: "rel00001", width: 1200, height: 800 });
    const first = await createArticle(t.services.articles, {
      edition: "en",
      title: "The bridge reopens",
      leadMediaId: photo.id,
    });
    const second = await createArticle(t.services.articles, { edition: "en", title: "Power back in the east" });
    const draft = await createArticle(
      t.services.articles,
      { edition: "en", title: "An unfinished draft" },
      { publish: false },
    );
    const otherEdition = await createArticle(t.services.articles, { edition: "uk", title: "Інша редакція" });
    const body: BodyDocument = {
      type: "doc",
      content: [
        p("The story."),
        {
          type: "related",
          attrs: { title: "Read also", articleIds: [second.id, draft.id, 987654, otherEdition.id, first.id] },
        },
      ],
    };
    const host = await createArticle(t.services.articles, { edition: "en", title: "The host story", body });
    return { host, first, second, draft };
  }

  it("shows cards of the published stories in the picked order, silently skipping drafts, missing and other-edition ones", async () => {
    const { host, first, second } = await storyWithRelated();
    const response = await t.app.inject({ url: `/en/news/${host.slug}` });
    const html = response.body;
    expect(html).toContain(
      '<section class="related" data-block="related" aria-labelledby="related-1"><h2 id="related-1">Read also</h2>',
    );
    expect(html.indexOf(`href="/en/news/${second.slug}"`)).toBeLessThan(html.indexOf(`href="/en/news/${first.slug}"`));
    expect(html).toContain("/media/rel00001/");
    expect(html).not.toContain("An unfinished draft");
    expect(html).not.toContain("Інша редакція");
    const lite = (await t.app.inject({ url: `/en/lite/news/${host.slug}` })).body;
    expect(lite).toContain(`<a href="/en/lite/news/${first.slug}">The bridge reopens</a>`);
  });

  it("carries every picked story's surrogate key, so a retitled or newly published story purges the page", async () => {
    const { host, first, draft } = await storyWithRelated();
    const before = await t.app.inject({ url: `/en/news/${host.slug}` });
    for (const id of [first.id, draft.id]) expect(before.headers["surrogate-key"]).toContain(`article:${id}`);
    expect((await t.app.inject({ url: `/en/news/${host.slug}` })).headers["x-cache"]).toBe("HIT");
    await t.services.articles.update(first.id, { title: "The bridge reopens to trucks" });
    const after = await t.app.inject({ url: `/en/news/${host.slug}` });
    expect(after.headers["x-cache"]).toBe("MISS");
    expect(after.body).toContain("The bridge reopens to trucks");
    await t.services.articles.unpublish(first.id);
    expect((await t.app.inject({ url: `/en/news/${host.slug}` })).body).not.toContain("The bridge reopens");
  });

  it("lists the related stories as links in the full-text feed", async () => {
    const { first } = await storyWithRelated();
    const feed = (await t.app.inject({ url: "/en/feed.xml" })).body;
    expect(feed).toContain(`&lt;h3&gt;Read also&lt;/h3&gt;&lt;ul&gt;`);
    expect(feed).toContain(`https://news.example/en/news/${first.slug}`);
  });

  it("gives a retitled or withdrawn related story's new state in the host story's next feed item", async () => {
    const { host, first } = await storyWithRelated();
    const hostItem = async () => {
      const feed = (await t.app.inject({ url: "/en/feed.json" })).json() as {
        items: { url: string; content_html: string }[];
      };
      return feed.items.find((item) => item.url.endsWith(`/${host.slug}`))?.content_html ?? "";
    };
    expect(await hostItem()).toContain(">The bridge reopens</a>");
    await t.services.articles.update(first.id, { title: "The bridge reopens to trucks" });
    expect(await hostItem()).toContain(">The bridge reopens to trucks</a>");
    await t.services.articles.unpublish(first.id);
    expect(await hostItem()).not.toContain(`news/${first.slug}`);
  });
});
