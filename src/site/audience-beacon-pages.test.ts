import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle } from "../../test/factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

describe.each(DIALECTS)("the audience beacon on reader pages on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, { editions: ["uk", "en"] });
  });
  afterEach(async () => t.close());

  it("marks the article element with its id and loads the beacon as a module script, with a no-JS pixel", async () => {
    const story = await createArticle(t.services.articles, { edition: "en", title: "Counted story" });
    const page = await t.app.inject({ url: `/en/news/${story.slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<article class="article" data-article-id="${story.id}">`);
    expect(page.body).toContain('data-edition="en"');
    expect(page.body).toContain('<script type="module" src="/assets/beacon.js" data-audience="beacon"></script>');
    expect(page.body).toContain(
      `<noscript data-audience="pixel"><img data-audience="pixel" class="audience-pixel" src="/beacon.gif?e=en&amp;a=${story.id}"`,
    );
    expect(page.headers["set-cookie"]).toBeUndefined();
    // The site's policy allows scripts from itself only, which is where the beacon comes from.
    expect(page.headers["content-security-policy"]).toContain("script-src 'self'");
  });

  it("counts a page that is not an article as the edition's, article 0", async () => {
    const home = await t.app.inject({ url: "/" });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('src="/beacon.gif?e=uk&amp;a=0"');
    expect(home.body).not.toContain("data-article-id=");
  });

  it("leaves the newsroom's preview of a draft uncounted", async () => {
    const draft = await createArticle(t.services.articles, { edition: "en" }, { publish: false });
    const preview = await t.app.inject({
      url: `/admin/api/articles/${draft.id}/preview`,
      headers: await t.bearer("editor"),
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).not.toContain("/assets/beacon.js");
    expect(preview.body).not.toContain("/beacon.gif");
  });
});
