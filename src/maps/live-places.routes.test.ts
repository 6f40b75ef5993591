import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, paragraphs } from "../../test/factories.js";
import type { Browser } from "../../test/staff-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

describe.each(DIALECTS)("places of live entries on %s", (dialect) => {
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

  async function liveBlog(title: string, publish = true) {
    return createArticle(t.services.articles, { edition: "en", title, kind: "live" }, { publish });
  }

  async function post(articleId: number, text: string): Promise<number> {
    const response = await t.app.inject({
      method: "POST",
      url: `/admin/api/articles/${articleId}/live/entries`,
      headers: editor.headers,
      payload: { body: paragraphs(text) },
    });
    expect(response.statusCode).toBe(201);
    return response.json().id;
  }

  function edit(articleId: number, entryId: number, text: string) {
    return t.app.inject({
      method: "PATCH",
      url: `/admin/api/articles/${articleId}/live/entries/${entryId}`,
      headers: editor.headers,
      payload: { body: paragraphs(text) },
    });
  }

  async function places(articleId: number): Promise<[number, string, string][]> {
    const response = await t.app.inject({
      url: `/admin/api/articles/${articleId}/live/places`,
      headers: editor.headers,
    });
    expect(response.statusCode).toBe(200);
    return response
      .json()
      .items.map((p: { entryId: number; slug: string; state: string }) => [p.entryId, p.slug, p.state]);
  }

  function setPlace(articleId: number, entryId: number, slug: string, state: string) {
    return t.app.inject({
      method: "PUT",
      url: `/admin/api/articles/${articleId}/live/entries/${entryId}/places/${slug}`,
      headers: editor.headers,
      payload: { state },
    });
  }

  it("finds the places each entry names once the listener runs, drafts included", async () => {
    const blog = await liveBlog("Live: the east", false);
    const first = await post(blog.id, "Explosions were heard in Kramatorsk.");
    const second = await post(blog.id, "Sirens in Sloviansk and again in Kramatorsk.");
    expect(await places(blog.id)).toEqual([]);
    await t.services.events.drain();
    expect(await places(blog.id)).toEqual([
      [second, "kramatorsk", "auto"],
      [second, "sloviansk", "auto"],
      [first, "kramatorsk", "auto"],
    ]);
  });

  it("follows an edit of the entry, keeping what an editor confirmed or removed", async () => {
    const blog = await liveBlog("Live: the east");
    const entry = await post(blog.id, "Shelling of Kramatorsk overnight.");
    await t.services.events.drain();
    expect((await setPlace(blog.id, entry, "kramatorsk", "removed")).statusCode).toBe(200);
    expect((await setPlace(blog.id, entry, "sloviansk", "confirmed")).statusCode).toBe(200);
    expect((await edit(blog.id, entry, "Shelling of Kramatorsk and Kostiantynivka overnight.")).statusCode).toBe(200);
    await t.services.events.drain();
    expect((await places(blog.id)).sort()).toEqual(
      [
        [entry, "kostiantynivka", "auto"],
        [entry, "kramatorsk", "removed"],
        [entry, "sloviansk", "confirmed"],
      ].sort(),
    );
  });

  it("drops the tags of a deleted entry", async () => {
    const blog = await liveBlog("Live: the east");
    const entry = await post(blog.id, "Explosions in Kramatorsk.");
    await t.services.events.drain();
    const deleted = await t.app.inject({
      method: "DELETE",
      url: `/admin/api/articles/${blog.id}/live/entries/${entry}`,
      headers: editor.headers,
    });
    expect(deleted.statusCode).toBe(204);
    expect(await places(blog.id)).toEqual([]);
  });

  it("lists a published live blog on the pages of the places its entries name, unless removed", async () => {
    const blog = await liveBlog("Live: the war in the east");
    const draft = await liveBlog("Live: not yet out", false);
    // Cached before the entry: the listener's purge makes the page show the blog.
    expect((await t.app.inject({ url: "/en/places/kramatorsk" })).body).not.toContain("Live: the war in the east");
    const entry = await post(blog.id, "Air raid alert in Kramatorsk.");
    await post(draft.id, "Air raid alert in Kramatorsk.");
    await t.services.events.drain();
    const page = await t.app.inject({ url: "/en/places/kramatorsk" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Live blogs that mention");
    expect(page.body).toContain(`href="/en/news/${blog.slug}"`);
    expect(page.body).not.toContain("Live: not yet out");
    await setPlace(blog.id, entry, "kramatorsk", "removed");
    const after = await t.app.inject({ url: "/en/places/kramatorsk" });
    expect(after.body).not.toContain("Live: the war in the east");
  });

  it("refuses unknown places and entries, standard articles, and editors without rights", async () => {
    const blog = await liveBlog("Live: the east");
    const entry = await post(blog.id, "Quiet night.");
    expect((await setPlace(blog.id, entry, "atlantis", "confirmed")).statusCode).toBe(404);
    expect((await setPlace(blog.id, 999_999, "kramatorsk", "confirmed")).statusCode).toBe(404);
    expect((await setPlace(blog.id, entry, "kramatorsk", "maybe")).statusCode).toBe(400);
    const standard = await createArticle(t.services.articles, { edition: "en" });
    const notLive = await t.app.inject({
      url: `/admin/api/articles/${standard.id}/live/places`,
      headers: editor.headers,
    });
    expect(notLive.statusCode).toBe(409);
    expect((await t.app.inject({ url: `/admin/api/articles/${blog.id}/live/places` })).statusCode).toBe(401);
    const author = await t.signInAs("author");
    const denied = await t.app.inject({
      method: "PUT",
      url: `/admin/api/articles/${blog.id}/live/entries/${entry}/places/kramatorsk`,
      headers: author.headers,
      payload: { state: "confirmed" },
    });
    expect(denied.statusCode).toBe(403);
  });
});
