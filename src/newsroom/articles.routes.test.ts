import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSection, paragraphs } from "../../test/factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

describe.each(DIALECTS)("admin article API on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      editions: ["en"],
    });
  });
  afterEach(async () => t.close());

  async function create(headers: Record<string, string>, payload: Record<string, unknown> = {}) {
    return t.app.inject({
      method: "POST",
      url: "/admin/api/articles",
      headers,
      payload: { edition: "en", title: "Breaking: a headline", body: paragraphs("One.", "Two."), ...payload },
    });
  }

  it("answers 401 without credentials", async () => {
    const response = await t.app.inject({ url: "/admin/api/articles" });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe("unauthorized");
  });

  it("creates a draft from JSON and returns id, slug and version", async () => {
    const response = await create(await t.bearer("editor"));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ slug: "breaking-a-headline", version: 1, status: "draft", edition: "en" });
  });

  it("creates a draft from HTML, dropping scripts and handlers, and lists what it dropped", async () => {
    const response = await create(await t.bearer("editor"), {
      body: undefined,
      html: '<p onclick="steal()">Hello <script>alert(1)</script><b>world</b></p><img src="x.jpg" onerror="x()">',
    });
    expect(response.statusCode).toBe(201);
    const json = response.json();
    expect(JSON.stringify(json.body)).not.toMatch(/alert|steal|onerror/);
    expect(json.warnings.length).toBeGreaterThan(0);
  });

  it.each([
    ["a missing title", { title: undefined }, "validation_failed"],
    ["a title of the wrong type", { title: 42 }, "validation_failed"],
    ["an unknown edition", { edition: "xx" }, "validation_failed"],
    ["an unknown block in the body", { body: { type: "doc", content: [{ type: "script" }] } }, "invalid_body"],
    [
      "a javascript: link",
      {
        body: {
          type: "doc",
          content: [
            {
              type: "paragraph",
              content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:x" } }] }],
            },
          ],
        },
      },
      "invalid_body",
    ],
    ["an unknown section", { section: 999_999 }, "validation_failed"],
    ["an unknown lead image", { leadImage: { mediaId: 999_999 } }, "validation_failed"],
  ])("answers 400 for %s", async (_name, payload, code) => {
    const response = await create(await t.bearer("editor"), payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe(code);
    expect(response.json().message.length).toBeGreaterThan(10);
  });

  it("answers 413 for an oversized request body", async () => {
    const response = await create(await t.bearer("editor"), {
      html: `<p>${"x".repeat(5 * 1024 * 1024)}</p>`,
      body: undefined,
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe("payload_too_large");
  });

  it("saves an edit with the current version and refuses a stale one with 409 and both versions", async () => {
    const headers = await t.bearer("editor");
    const article = (await create(headers)).json();
    const first = await t.app.inject({
      method: "PATCH",
      url: `/admin/api/articles/${article.id}`,
      headers,
      payload: { version: 1, title: "Edited" },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const stale = await t.app.inject({
      method: "PATCH",
      url: `/admin/api/articles/${article.id}`,
      headers,
      payload: { version: 1, title: "Lost" },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: "conflict", details: { currentVersion: 2, yourVersion: 1 } });
    expect(stale.json().details.currentUpdatedAt).toBe(first.json().updatedAt);
  });

  it("answers 404 for an unknown article and 400 for a non-numeric id", async () => {
    const headers = await t.bearer("editor");
    expect((await t.app.inject({ url: "/admin/api/articles/999999", headers })).statusCode).toBe(404);
    expect((await t.app.inject({ url: "/admin/api/articles/abc", headers })).statusCode).toBe(400);
  });

  it("publishes and answers with the public URL, where the article now is", async () => {
    const headers = await t.bearer("editor");
    const article = (await create(headers)).json();
    const response = await t.app.inject({ method: "POST", url: `/admin/api/articles/${article.id}/publish`, headers });
    expect(response.statusCode).toBe(200);
    const { url } = response.json();
    expect(url).toBe(`https://news.example/en/news/${article.slug}`);
    const page = await t.app.inject({ url: new URL(url).pathname });
    expect(page.statusCode).toBe(200);
    expect((await t.app.inject({ url: "/en/" })).body).toContain("Breaking: a headline");
  });

  it("lets a contributor write and submit but not publish (403)", async () => {
    const headers = await t.bearer("contributor");
    const article = (await create(headers)).json();
    const publish = await t.app.inject({ method: "POST", url: `/admin/api/articles/${article.id}/publish`, headers });
    expect(publish.statusCode).toBe(403);
    expect(publish.json().code).toBe("forbidden");
    const submit = await t.app.inject({ method: "POST", url: `/admin/api/articles/${article.id}/submit`, headers });
    expect(submit.json().status).toBe("in_review");
  });

  it("lets an author publish their own article but not someone else's", async () => {
    const mine = await t.bearer("author");
    const other = await t.bearer("author");
    const article = (await create(mine)).json();
    const theirs = await t.app.inject({
      method: "POST",
      url: `/admin/api/articles/${article.id}/publish`,
      headers: other,
    });
    expect(theirs.statusCode).toBe(403);
    const own = await t.app.inject({ method: "POST", url: `/admin/api/articles/${article.id}/publish`, headers: mine });
    expect(own.statusCode).toBe(200);
  });

  it("lists only a contributor's own articles, and everything for an editor", async () => {
    const writer = await t.bearer("contributor");
    const editor = await t.bearer("editor");
    await create(writer, { title: "Mine" });
    await create(editor, { title: "Not mine" });
    const own = (await t.app.inject({ url: "/admin/api/articles", headers: writer })).json();
    expect(own.items.map((i: { title: string }) => i.title)).toEqual(["Mine"]);
    const all = (await t.app.inject({ url: "/admin/api/articles", headers: editor })).json();
    expect(all.items).toHaveLength(2);
  });

  it("filters by status and title, and pages with a cursor", async () => {
    const headers = await t.bearer("editor");
    for (let i = 0; i < 5; i++) await create(headers, { title: `Front line report ${i}` });
    await t.services.events.drain(); // the search index follows saves through durable deliveries
    const page1 = (await t.app.inject({ url: "/admin/api/articles?limit=3&q=report&status=draft", headers })).json();
    expect(page1.items).toHaveLength(3);
    const page2 = (
      await t.app.inject({
        url: `/admin/api/articles?limit=3&q=report&status=draft&cursor=${page1.nextCursor}`,
        headers,
      })
    ).json();
    expect(page2.items).toHaveLength(2);
    expect(page2.nextCursor).toBeNull();
    expect((await t.app.inject({ url: "/admin/api/articles?status=bogus", headers })).statusCode).toBe(400);
    expect((await t.app.inject({ url: "/admin/api/articles?cursor=%21%21", headers })).statusCode).toBe(400);
  });

  it("schedules at a local time in a named zone", async () => {
    const headers = await t.bearer("editor");
    const article = (await create(headers)).json();
    const response = await t.app.inject({
      method: "POST",
      url: `/admin/api/articles/${article.id}/schedule`,
      headers,
      payload: { at: "2099-12-01T09:00", timeZone: "America/New_York" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: "scheduled", publishedAt: "2099-12-01T14:00:00.000Z" });
    const bad = await t.app.inject({
      method: "POST",
      url: `/admin/api/articles/${article.id}/schedule`,
      headers,
      payload: { at: "2099-13-45T09:00", timeZone: "Europe/Kyiv" },
    });
    expect(bad.statusCode).toBe(400);
  });

  it("lists revisions and restores one", async () => {
    const headers = await t.bearer("editor");
    const article = (await create(headers, { title: "First title" })).json();
    await t.app.inject({
      method: "PATCH",
      url: `/admin/api/articles/${article.id}`,
      headers,
      payload: { version: 1, title: "Second title" },
    });
    const revisions = (await t.app.inject({ url: `/admin/api/articles/${article.id}/revisions`, headers })).json();
    expect(revisions.items.map((r: { version: number }) => r.version)).toEqual([2, 1]);
    const restored = await t.app.inject({
      method: "POST",
      url: `/admin/api/articles/${article.id}/revisions/1/restore`,
      headers,
    });
    expect(restored.json()).toMatchObject({ title: "First title", version: 3 });
  });

  it("refuses a cookie-authenticated change without the CSRF token", async () => {
    const browser = await t.signInAs("editor");
    const response = await t.app.inject({
      method: "POST",
      url: "/admin/api/articles",
      headers: { cookie: browser.cookie },
      payload: { edition: "en", title: "x" },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe("csrf_failed");
    const ok = await t.app.inject({
      method: "POST",
      url: "/admin/api/articles",
      headers: browser.headers,
      payload: { edition: "en", title: "x" },
    });
    expect(ok.statusCode).toBe(201);
  });

  it("records who created an article through a session", async () => {
    const browser = await t.signInAs("contributor");
    const created = await t.app.inject({
      method: "POST",
      url: "/admin/api/articles",
      headers: browser.headers,
      payload: { edition: "en", title: "By a person" },
    });
    const article = await t.services.articleQueries.getById(created.json().id);
    expect(article.created_by).toBe(browser.staff.id);
  });

  it("shows the article's own caption and credit for its lead image on the page", async () => {
    const headers = await t.bearer("editor");
    const image = await sharp({ create: { width: 1000, height: 600, channels: 3, background: "#777" } })
      .jpeg()
      .toBuffer();
    const media = await t.services.media.importImage(image, { alt: "Library alt", caption: "Library caption" });
    const article = (
      await create(headers, {
        leadImage: { mediaId: media.id, caption: "This story's caption", credit: "Photo: Our reporter" },
      })
    ).json();
    expect(article.leadImage).toMatchObject({ mediaId: media.id, caption: "This story's caption" });
    const { url } = (
      await t.app.inject({ method: "POST", url: `/admin/api/articles/${article.id}/publish`, headers })
    ).json();
    const page = (await t.app.inject({ url: new URL(url).pathname })).body;
    expect(page).toContain("This story's caption");
    expect(page).toContain("Photo: Our reporter");
    expect(page).toContain('alt="Library alt"');
  });

  it("assigns a section, tags and authors and returns them", async () => {
    const section = await createSection(t.database.db, "en");
    const response = await create(await t.bearer("editor"), { section: section.id });
    expect(response.json().section).toBe(section.id);
  });
});
