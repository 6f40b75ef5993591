import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createPerson, createSection, createTag } from "../../test/factories.js";
import { readHead } from "../../test/page-head.js";
import { checkStructuredData, isSchemaOrgType } from "../../test/structured-data.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import { demoEditionSettings } from "../newsroom/demo/demo-settings.js";

type Json = Record<string, unknown>;

/** Every "@type" in a JSON-LD tree. */
function typesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(typesIn);
  if (value && typeof value === "object") {
    const own = (value as Json)["@type"];
    return [...(typeof own === "string" ? [own] : []), ...Object.values(value).flatMap(typesIn)];
  }
  return [];
}

const px = (n: number) => ({ "@type": "QuantitativeValue", value: n, unitCode: "E37" });

describe.each(DIALECTS)("structured data, social cards and share links on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      editions: ["uk", "ru", "en"],
    });
    await t.services.settings.saveEditionSettings("en", { ...demoEditionSettings("en"), xHandle: "@gazette_news" });
  });
  afterEach(async () => t.close());

  async function fullArticle(title = "Fighting on the flanks of Bakhmut") {
    const { db } = t.database;
    const section = await createSection(db, "en", { slug: "analysis", name: "Analysis" });
    const tag = await createTag(db, "en", { slug: "bakhmut", name: "Bakhmut" });
    const mariia = await createPerson(db, "en", { slug: "mariia", name: "Mariia Lysenko", role: "Analysis editor" });
    const taras = await createPerson(db, "en", { slug: "taras", name: "Taras Hnatiuk" });
    const photo = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: "#556677" } })
      .jpeg()
      .toBuffer();
    const lead = await t.services.media.importImage(photo, { alt: "Smoke over a town", credit: "Photo: Agency" });
    return createArticle(
      t.services.articles,
      {
        edition: "en",
        title,
        dek: "A day of assessments.",
        sectionId: section.id,
        tagIds: [tag.id],
        authorIds: [mariia.id, taras.id],
        leadMediaId: lead.id,
      },
      { publishAt: new Date("2026-03-21T17:30:00Z") },
    );
  }

  it("gives an article NewsArticle and BreadcrumbList JSON-LD that pass Google's article rules", async () => {
    const article = await fullArticle();
    const url = `https://news.example/en/news/${article.slug}`;
    const html = (await t.app.inject({ url: `/en/news/${article.slug}` })).body;

    const result = await checkStructuredData(html, ["Google"]);
    expect(result.failed.map((test) => `${test.test} ${test.description ?? ""}`)).toEqual([]);
    expect(result.schemas).toEqual(expect.arrayContaining(["NewsArticle", "BreadcrumbList"]));
    // The article rules really ran (the tool skips a preset whose schema it does not find).
    expect(result.passed.map((test) => test.test)).toEqual(
      expect.arrayContaining(["NewsArticle[0].image", "NewsArticle[0].publisher.logo.url", "NewsArticle[0].author"]),
    );

    const { jsonLd, meta } = readHead(html);
    for (const type of typesIn(jsonLd)) expect(isSchemaOrgType(type), type).toBe(true);
    expect(meta.get("robots")).toEqual(["max-image-preview:large"]);
    const news = jsonLd.find((block) => block["@type"] === "NewsArticle")!;
    expect(news).toMatchObject({
      "@context": "https://schema.org",
      headline: "Fighting on the flanks of Bakhmut",
      url,
      mainEntityOfPage: { "@type": "WebPage", "@id": url },
      datePublished: "2026-03-21T19:30:00+02:00",
      articleSection: "Analysis",
      keywords: ["Bakhmut"],
      inLanguage: "en",
      isAccessibleForFree: true,
      author: [
        {
          "@type": "Person",
          name: "Mariia Lysenko",
          url: "https://news.example/en/author/mariia",
          jobTitle: "Analysis editor",
        },
        { "@type": "Person", name: "Taras Hnatiuk", url: "https://news.example/en/author/taras" },
      ],
      publisher: {
        "@type": "Organization",
        name: "Gazette",
        logo: { "@type": "ImageObject", url: "https://news.example/logo.png", width: px(512), height: px(512) },
      },
    });
    const modified = await t.services.articleQueries.getById(article.id);
    expect(new Date(String(news.dateModified)).toISOString()).toBe(
      new Date(modified.updated_at.slice(0, 19) + "Z").toISOString(),
    );
    expect(String(news.dateModified)).toMatch(/[+-]\d{2}:\d{2}$/);

    // The lead image in 16:9, 4:3 and 1:1, 1200 px wide, and each URL serves that crop.
    const images = news.image as { url: string; width: { value: number }; height: { value: number } }[];
    expect(images.map((image) => [image.width.value, image.height.value])).toEqual([
      [1200, 675],
      [1200, 900],
      [1200, 1200],
    ]);
    for (const image of images) {
      const response = await t.app.inject({ url: new URL(image.url).pathname });
      expect(response.statusCode, image.url).toBe(200);
      const size = await sharp(response.rawPayload).metadata();
      expect([size.width, size.height]).toEqual([image.width.value, image.height.value]);
    }
    const logo = await t.app.inject({ url: "/logo.png" });
    expect(logo.headers["content-type"]).toBe("image/png");
    expect((await sharp(logo.rawPayload).metadata()).width).toBe(512);

    const crumbs = jsonLd.find((block) => block["@type"] === "BreadcrumbList")!;
    expect(crumbs.itemListElement).toEqual([
      { "@type": "ListItem", position: 1, name: "Gazette", item: "https://news.example/en/" },
      { "@type": "ListItem", position: 2, name: "Analysis", item: "https://news.example/en/section/analysis" },
      { "@type": "ListItem", position: 3, name: "Fighting on the flanks of Bakhmut", item: url },
    ]);
  });

  it("describes the outlet on the front page: Organization and WebSite with a SearchAction", async () => {
    const html = (await t.app.inject({ url: "/en/" })).body;
    const result = await checkStructuredData(html, ["Google"]);
    expect(result.failed.map((test) => test.test)).toEqual([]);
    expect(result.passed.map((test) => test.test)).toContain('Organization[0]."@type"');
    const { jsonLd } = readHead(html);
    for (const type of typesIn(jsonLd)) expect(isSchemaOrgType(type), type).toBe(true);
    expect(jsonLd.find((block) => block["@type"] === "Organization")).toMatchObject({
      "@id": "https://news.example/#organization",
      name: "Gazette",
      url: "https://news.example/",
      logo: { url: "https://news.example/logo.png" },
      sameAs: expect.arrayContaining(["https://x.com/"]),
    });
    expect(jsonLd.find((block) => block["@type"] === "WebSite")).toMatchObject({
      url: "https://news.example/en/",
      inLanguage: "en",
      publisher: { "@id": "https://news.example/#organization" },
      potentialAction: {
        "@type": "SearchAction",
        target: { "@type": "EntryPoint", urlTemplate: "https://news.example/en/search?q={search_term_string}" },
        "query-input": "required name=search_term_string",
      },
    });
  });

  it("keeps a hostile headline inside its JSON-LD block", async () => {
    const hostile = `</script><script>alert(1)</script><!-- "quoted" & more`;
    const article = await fullArticle(hostile);
    const html = (await t.app.inject({ url: `/en/news/${article.slug}` })).body;
    expect(html).not.toContain("<script>alert(1)");
    const { jsonLd, jsonLdText } = readHead(html);
    expect(jsonLd.find((block) => block["@type"] === "NewsArticle")?.headline).toBe(hostile);
    for (const text of jsonLdText) expect(text).not.toMatch(/<\/script|<!--/i);
  });

  it("puts Open Graph and X card tags on every page type", async () => {
    const article = await fullArticle();
    const pages = [
      `/en/news/${article.slug}`,
      "/en/",
      "/en/section/analysis",
      "/en/tag/bakhmut",
      "/en/author/mariia",
      "/en/news/no-such-story",
    ];
    for (const url of pages) {
      const html = (await t.app.inject({ url })).body;
      const result = await checkStructuredData(html, ["Twitter", "Facebook"]);
      expect(
        result.failed.map((test) => test.test),
        url,
      ).toEqual([]);
      const { meta } = readHead(html);
      expect(meta.get("og:locale"), url).toEqual(["en_GB"]);
      expect(meta.get("twitter:site"), url).toEqual(["@gazette_news"]);
      expect(meta.get("og:image")?.[0], url).toMatch(/^https:\/\/news\.example\//);
    }
    const { meta } = readHead((await t.app.inject({ url: `/en/news/${article.slug}` })).body);
    expect(
      Object.fromEntries([...meta].map(([key, values]) => [key, values.length === 1 ? values[0] : values])),
    ).toMatchObject({
      "og:type": "article",
      "og:title": "Fighting on the flanks of Bakhmut",
      "og:description": "A day of assessments.",
      "og:url": `https://news.example/en/news/${article.slug}`,
      "og:image": expect.stringMatching(/\/media\/[a-z0-9]+\/1200x675\.jpg$/),
      "og:image:width": "1200",
      "og:image:height": "675",
      "og:image:alt": "Smoke over a town",
      "article:published_time": "2026-03-21T19:30:00+02:00",
      "article:section": "Analysis",
      "article:tag": "Bakhmut",
      "article:author": ["https://news.example/en/author/mariia", "https://news.example/en/author/taras"],
      "twitter:card": "summary_large_image",
      "twitter:image:alt": "Smoke over a town",
    });
    expect(meta.get("article:modified_time")?.[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
  });

  it("links translations with reciprocal hreflang alternates and x-default, and og:locale alternates", async () => {
    const at = { publishAt: new Date("2026-03-21T10:00:00Z") };
    const uk = await createArticle(t.services.articles, { edition: "uk", translationGroup: "g1" }, at);
    const ru = await createArticle(t.services.articles, { edition: "ru", translationGroup: "g1" }, at);
    const en = await createArticle(t.services.articles, { edition: "en", translationGroup: "g1" }, at);
    const expected = {
      uk: `https://news.example/news/${uk.slug}`,
      ru: `https://news.example/ru/news/${ru.slug}`,
      en: `https://news.example/en/news/${en.slug}`,
      "x-default": `https://news.example/news/${uk.slug}`,
    };
    const alternatesOf = async (path: string) =>
      Object.fromEntries(
        readHead((await t.app.inject({ url: path })).body)
          .links.filter((link) => link.rel === "alternate" && link.hreflang)
          .map((link) => [link.hreflang, link.href]),
      );
    for (const path of [`/news/${uk.slug}`, `/ru/news/${ru.slug}`, `/en/news/${en.slug}`]) {
      expect(await alternatesOf(path), path).toEqual(expected);
    }
    const { meta } = readHead((await t.app.inject({ url: `/en/news/${en.slug}` })).body);
    expect(meta.get("og:locale:alternate")).toEqual(["uk_UA", "ru_RU"]);

    // Withdrawing the root edition's version: the pages drop it, and x-default falls to the page itself.
    await t.services.articles.unpublish(uk.id);
    expect(await alternatesOf(`/ru/news/${ru.slug}`)).toEqual({
      ru: expected.ru,
      en: expected.en,
      "x-default": expected.ru,
    });
    expect((await alternatesOf(`/en/news/${en.slug}`))["x-default"]).toBe(expected.en);
    // An article alone in its group has no alternates.
    await t.services.articles.unpublish(ru.id);
    expect(await alternatesOf(`/en/news/${en.slug}`)).toEqual({});
  });

  it("announces the feeds of the edition and of each section, tag and author page, and they exist", async () => {
    await fullArticle();
    const feedsOf = async (path: string) =>
      readHead((await t.app.inject({ url: path })).body)
        .links.filter((link) => link.rel === "alternate" && link.type)
        .map((link) => [link.type, link.href]);
    expect(await feedsOf("/en/")).toEqual([
      ["application/rss+xml", "https://news.example/en/feed.xml"],
      ["application/atom+xml", "https://news.example/en/atom.xml"],
      ["application/feed+json", "https://news.example/en/feed.json"],
    ]);
    for (const list of ["section/analysis", "tag/bakhmut", "author/mariia"]) {
      const links = await feedsOf(`/en/${list}`);
      expect(links.slice(0, 3)).toEqual([
        ["application/rss+xml", `https://news.example/en/${list}/feed.xml`],
        ["application/atom+xml", `https://news.example/en/${list}/atom.xml`],
        ["application/feed+json", `https://news.example/en/${list}/feed.json`],
      ]);
      expect(links).toContainEqual(["application/rss+xml", "https://news.example/en/feed.xml"]);
      for (const [, href] of links) expect((await t.app.inject({ url: new URL(href!).pathname })).statusCode).toBe(200);
    }
  });

  it("offers share links that are plain links and load no third-party script", async () => {
    const article = await fullArticle("War & peace: 50% more");
    const url = `https://news.example/en/news/${article.slug}`;
    const html = (await t.app.inject({ url: `/en/news/${article.slug}` })).body;
    const shares = [...html.matchAll(/<a href="([^"]+)" data-network="([a-z]+)"/g)].map((m) => [
      m[2],
      m[1]!.replace(/&amp;/g, "&"),
    ]);
    const e = encodeURIComponent;
    expect(Object.fromEntries(shares)).toEqual({
      x: `https://x.com/intent/post?text=${e("War & peace: 50% more")}&url=${e(url)}&via=gazette_news`,
      facebook: `https://www.facebook.com/sharer/sharer.php?u=${e(url)}`,
      telegram: `https://t.me/share/url?url=${e(url)}&text=${e("War & peace: 50% more")}`,
      whatsapp: `https://wa.me/?text=${e(`War & peace: 50% more ${url}`)}`,
      email: `mailto:?subject=${e("War & peace: 50% more")}&body=${e(url)}`,
      copy: url,
    });
    expect(html).toContain("data-copy-link");
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.filter((tag) => !tag.includes('type="application/ld+json"'))).toEqual([
      '<script type="module" src="/assets/site.js">',
      // Gazette's own audience beacon (issue #21), from the site itself.
      '<script type="module" src="/assets/beacon.js" data-audience="beacon">',
    ]);
  });
});
