import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createEdition, createMedia } from "../../test/factories.js";
import { createTestApp, DIALECTS, type TestApp } from "../../test/harness.js";
import { readHead } from "../../test/page-head.js";
import type { BodyDocument } from "../newsroom/body.types.js";

const p = (text: string) => ({ type: "paragraph" as const, content: [{ type: "text" as const, text }] });

describe.each(DIALECTS)("gallery pages on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect, {
      prepare: async ({ db }) => {
        await createEdition(db, { code: "en", position: 0, locale: "en-GB" });
      },
    });
  });
  afterEach(async () => t.close());

  async function galleryStory() {
    const { db } = t.database;
    const first = await createMedia(db, { file_key: "gall0001", width: 1600, height: 1067, alt: "Queue for water" });
    const second = await createMedia(db, { file_key: "gall0002", width: 1200, height: 800, alt: "A shelled school" });
    const body: BodyDocument = {
      type: "doc",
      content: [
        p("Before the photos."),
        {
          type: "gallery",
          attrs: {
            layout: "grid",
            photos: [
              { mediaId: second.id, caption: "The school, <em>Tuesday</em>.", credit: "Photo: B" },
              { mediaId: first.id, caption: "The queue at noon.", credit: null },
            ],
          },
        },
      ],
    };
    return createArticle(t.services.articles, { edition: "en", title: "A day in photos", body });
  }

  it("shows the gallery on the reader page, lists its photos in the JSON-LD and as links on the lite page", async () => {
    const article = await galleryStory();
    const html = (await t.app.inject({ url: `/en/news/${article.slug}` })).body;
    expect(html).toContain('<ul class="gallery gallery--grid" data-block="gallery" data-gallery');
    expect(html.indexOf("/media/gall0002/1200.jpg")).toBeLessThan(html.indexOf("/media/gall0001/1600.jpg"));
    expect(html).toContain("The school, &lt;em>Tuesday&lt;/em>.");
    const news = readHead(html).jsonLd.find((block) => block["@type"] === "NewsArticle") as {
      image?: { url: string }[];
    };
    expect(news.image?.map((image) => image.url)).toEqual([
      "https://news.example/media/gall0002/1200.jpg",
      "https://news.example/media/gall0001/1200.jpg",
    ]);
    const lite = (await t.app.inject({ url: `/en/lite/news/${article.slug}` })).body;
    expect(lite).toContain('<a href="/media/gall0002/640.jpg">Show photo</a>: A shelled school');
    expect(lite).toContain("The queue at noon.");
    expect(lite).not.toContain("data-gallery");
  });

  it("refuses a gallery of one photo through the newsroom API with the gallery_photo_count code", async () => {
    const { db } = t.database;
    const only = await createMedia(db, { file_key: "gall0003" });
    await expect(
      createArticle(t.services.articles, {
        edition: "en",
        title: "Too few photos",
        body: {
          type: "doc",
          content: [{ type: "gallery", attrs: { layout: "grid", photos: [{ mediaId: only.id }] } }],
        },
      }),
    ).rejects.toMatchObject({ code: "gallery_photo_count", status: 400 });
  });
});
