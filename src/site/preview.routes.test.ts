import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createEdition } from "../../test/factories.js";
import { createTestApp, DIALECTS, type TestApp } from "../../test/harness.js";
import { createToken } from "../../test/staff-factories.js";

describe.each(DIALECTS)("article preview and outbox on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect, { prepare: async ({ db }) => void (await createEdition(db)) });
  });
  afterEach(async () => t.close());
  const as = async (role: "contributor" | "editor" | "admin") => ({
    authorization: `Bearer ${await createToken(t.services, role)}`,
  });

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
