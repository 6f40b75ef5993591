import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle } from "../../test/factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import { demoEditionSettings } from "./demo/demo-settings.js";

describe.each(DIALECTS)("sections, tags, people and settings API on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, { editions: ["uk"] });
  });
  afterEach(async () => t.close());
  const as = (role: "contributor" | "editor" | "admin") => t.bearer(role);

  it("lets an editor add a section with a transliterated slug, shown in the site's navigation", async () => {
    const headers = await as("editor");
    const before = await t.app.inject({ url: "/" });
    const response = await t.app.inject({
      method: "POST",
      url: "/admin/api/sections",
      headers,
      payload: { edition: "uk", name: "Війна" },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ slug: "viina", name: "Війна" });
    const after = await t.app.inject({ url: "/" });
    expect(before.body).not.toContain("/section/viina");
    expect(after.body).toContain("/section/viina");
  });

  it("refuses a contributor with 403 and a duplicate slug with 409", async () => {
    const forbidden = await t.app.inject({
      method: "POST",
      url: "/admin/api/tags",
      headers: await as("contributor"),
      payload: { edition: "uk", name: "Дрони" },
    });
    expect(forbidden.statusCode).toBe(403);
    const headers = await as("editor");
    await t.app.inject({ method: "POST", url: "/admin/api/tags", headers, payload: { edition: "uk", name: "Дрони" } });
    const duplicate = await t.app.inject({
      method: "POST",
      url: "/admin/api/tags",
      headers,
      payload: { edition: "uk", name: "Дрони" },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe("conflict");
  });

  it("renames a person and refuses to delete a section still in use", async () => {
    const headers = await as("editor");
    const person = (
      await t.app.inject({
        method: "POST",
        url: "/admin/api/people",
        headers,
        payload: { edition: "uk", name: "Олена", role: "Кореспондентка" },
      })
    ).json();
    const renamed = await t.app.inject({
      method: "PATCH",
      url: `/admin/api/people/${person.id}`,
      headers,
      payload: { name: "Олена Коваль" },
    });
    expect(renamed.json()).toMatchObject({ name: "Олена Коваль", role: "Кореспондентка" });
    const section = (
      await t.app.inject({
        method: "POST",
        url: "/admin/api/sections",
        headers,
        payload: { edition: "uk", name: "Світ" },
      })
    ).json();
    await createArticle(t.services.articles, { edition: "uk", sectionId: section.id });
    const inUse = await t.app.inject({ method: "DELETE", url: `/admin/api/sections/${section.id}`, headers });
    expect(inUse.statusCode).toBe(409);
    const unknown = await t.app.inject({ method: "DELETE", url: "/admin/api/tags/999999", headers });
    expect(unknown.statusCode).toBe(404);
  });

  it("answers 400 for a bad slug and an unknown edition", async () => {
    const headers = await as("editor");
    expect(
      (
        await t.app.inject({
          method: "POST",
          url: "/admin/api/tags",
          headers,
          payload: { edition: "uk", name: "X", slug: "Not A Slug" },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await t.app.inject({ method: "POST", url: "/admin/api/tags", headers, payload: { edition: "zz", name: "X" } }))
        .statusCode,
    ).toBe(400);
    expect((await t.app.inject({ url: "/admin/api/tags", headers })).statusCode).toBe(400);
  });

  it("lets an editor change promos and the video of the day, but only an admin the site name", async () => {
    const settings = demoEditionSettings("uk");
    const editor = await as("editor");
    const promos = { ...settings, articlePromos: settings.articlePromos.slice(0, 2) };
    expect(
      (await t.app.inject({ method: "PUT", url: "/admin/api/settings/uk", headers: editor, payload: settings }))
        .statusCode,
    ).toBe(403);
    const admin = await as("admin");
    expect(
      (await t.app.inject({ method: "PUT", url: "/admin/api/settings/uk", headers: admin, payload: settings }))
        .statusCode,
    ).toBe(200);
    const ok = await t.app.inject({ method: "PUT", url: "/admin/api/settings/uk", headers: editor, payload: promos });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().articlePromos).toHaveLength(2);
    const renamed = await t.app.inject({
      method: "PUT",
      url: "/admin/api/settings/uk",
      headers: editor,
      payload: { ...promos, siteName: "Other" },
    });
    expect(renamed.statusCode).toBe(403);
  });

  it("lets only an admin set the X handle, and keeps it when a client leaves it out", async () => {
    const settings = demoEditionSettings("uk");
    const admin = await as("admin");
    const editor = await as("editor");
    const put = (headers: Record<string, string>, payload: object) =>
      t.app.inject({ method: "PUT", url: "/admin/api/settings/uk", headers, payload });
    expect((await put(admin, settings)).statusCode).toBe(200);
    expect((await put(editor, { ...settings, xHandle: "@gazette_ua" })).statusCode).toBe(403);
    expect((await put(admin, { ...settings, xHandle: "@gazette_ua" })).json().xHandle).toBe("@gazette_ua");
    const promos = await put(editor, { ...settings, articlePromos: [] });
    expect(promos.statusCode).toBe(200);
    expect(promos.json().xHandle).toBe("@gazette_ua");
    expect((await put(admin, { ...settings, xHandle: "not a handle" })).statusCode).toBe(400);
  });

  it("answers 400 for settings that do not fit the schema", async () => {
    const response = await t.app.inject({
      method: "PUT",
      url: "/admin/api/settings/uk",
      headers: await as("admin"),
      payload: { ...demoEditionSettings("uk"), videoOfTheDay: { provider: "evil", videoId: "x", title: "t" } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("validation_failed");
  });
});
