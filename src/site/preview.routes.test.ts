import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle } from "../../test/factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import { demoEditionSettings } from "../newsroom/demo/demo-settings.js";

const paragraph = (text: string) => ({ type: "paragraph" as const, content: [{ type: "text" as const, text }] });

describe.each(DIALECTS)("article preview and outbox on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, { editions: ["en"] });
  });
  afterEach(async () => t.close());
  const as = (role: "contributor" | "editor" | "admin") => t.bearer(role);

  it("shows a draft in the real page template to an editor, privately and uncached", async () => {
    const draft = await createArticle(t.services.articles, { edition: "en", title: "Not out yet" }, { publish: false });
    const response = await t.app.inject({
      url: `/admin/api/articles/${draft.id}/preview`,
      headers: await as("editor"),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/html");
    expect(response.headers["cache-control"]).toBe("private, no-store");
    expect(response.headers["x-robots-tag"]).toContain("noindex");
    expect(response.body).toContain('<h1 class="article__title">Not out yet</h1>');
    expect((await t.app.inject({ url: `/en/news/${draft.slug}` })).statusCode).toBe(404);
  });

  it("says in a banner, in English, that a draft, a scheduled or an archived story is not out", async () => {
    const editor = await as("editor");
    const preview = async (id: number) =>
      (await t.app.inject({ url: `/admin/api/articles/${id}/preview`, headers: editor })).body;
    const draft = await createArticle(t.services.articles, { edition: "en" }, { publish: false });
    expect(await preview(draft.id)).toContain('data-preview-banner="true">Draft — not published</p>');

    const scheduled = await createArticle(t.services.articles, { edition: "en" }, { publish: false });
    await t.services.articles.schedule(scheduled.id, new Date("2099-05-04T09:30:00Z"));
    expect(await preview(scheduled.id)).toContain("Scheduled for 4 May 2099, 09:30 UTC — not published yet");

    const archived = await createArticle(t.services.articles, { edition: "en" });
    await t.services.articles.archive(archived.id);
    expect(await preview(archived.id)).toContain("Archived — no longer shown to readers");
  });

  it("never shows the preview banner on the reader's page of the same story", async () => {
    const published = await createArticle(t.services.articles, { edition: "en" });
    const reader = await t.app.inject({ url: `/en/news/${published.slug}` });
    expect(reader.statusCode).toBe(200);
    expect(reader.body).not.toContain("preview-banner");
    const preview = await t.app.inject({
      url: `/admin/api/articles/${published.id}/preview`,
      headers: await as("editor"),
    });
    expect(preview.body).toContain("Preview of the published story");
  });

  it("leaves the video of the day out of a story that switched it off or has its own video", async () => {
    await t.services.settings.saveEditionSettings("en", demoEditionSettings("en"));
    const body = { type: "doc", content: [paragraph("One."), paragraph("Two."), paragraph("Three.")] };
    const plain = await createArticle(t.services.articles, { edition: "en", body });
    const off = await createArticle(t.services.articles, { edition: "en", body, videoOfTheDay: false });
    const ownVideo = await createArticle(t.services.articles, {
      edition: "en",
      body: {
        type: "doc",
        content: [
          paragraph("One."),
          { type: "embed", attrs: { provider: "vimeo", videoId: "123456", title: "Our own footage" } },
        ],
      },
    });
    const page = async (slug: string) => (await t.app.inject({ url: `/en/news/${slug}` })).body;
    expect(await page(plain.slug)).toContain('data-slot="video-of-the-day"');
    expect(await page(off.slug)).not.toContain('data-slot="video-of-the-day"');
    expect(await page(ownVideo.slug)).not.toContain('data-slot="video-of-the-day"');
  });

  it("switches the video of the day off and on through the admin API", async () => {
    const editor = await as("editor");
    const created = await t.app.inject({
      method: "POST",
      url: "/admin/api/articles",
      headers: editor,
      payload: { edition: "en", title: "With options" },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().videoOfTheDay).toBe(true);
    const { id, version } = created.json();
    const saved = await t.app.inject({
      method: "PATCH",
      url: `/admin/api/articles/${id}`,
      headers: editor,
      payload: { version, videoOfTheDay: false },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().videoOfTheDay).toBe(false);
  });

  it("refuses the preview to a contributor who did not write it, and to nobody signed in", async () => {
    const draft = await createArticle(t.services.articles, { edition: "en" }, { publish: false });
    expect(
      (await t.app.inject({ url: `/admin/api/articles/${draft.id}/preview`, headers: await as("contributor") }))
        .statusCode,
    ).toBe(403);
    expect((await t.app.inject({ url: `/admin/api/articles/${draft.id}/preview` })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ url: "/admin/api/articles/999999/preview", headers: await as("editor") })).statusCode,
    ).toBe(404);
  });

  it("lets an admin read invitations in the development outbox, and nobody below", async () => {
    const admin = await as("admin");
    const invite = await t.app.inject({
      method: "POST",
      url: "/admin/api/staff/invitations",
      headers: admin,
      payload: { email: "new.reporter@news.example", role: "author" },
    });
    expect(invite.statusCode).toBe(201);
    const outbox = await t.app.inject({ url: "/admin/api/outbox", headers: admin });
    expect(outbox.statusCode).toBe(200);
    expect(outbox.json().enabled).toBe(true);
    expect(outbox.json().items[0]).toMatchObject({ to: "new.reporter@news.example" });
    expect(outbox.json().items[0].text).toContain("/admin/invit");
    expect((await t.app.inject({ url: "/admin/api/outbox", headers: await as("editor") })).statusCode).toBe(403);
  });
});
