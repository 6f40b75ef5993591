import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createMedia, paragraphs } from "../../test/factories.js";
import { createStaffMember } from "../../test/staff-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import type { BodyDocument } from "./body.types.js";

function withImage(mediaId: number, text = "A paragraph."): BodyDocument {
  return {
    type: "doc",
    content: [
      ...paragraphs(text).content,
      { type: "image", attrs: { mediaId, caption: null, credit: null, alt: null } },
    ],
  } as BodyDocument;
}

describe.each(DIALECTS)("media library search, usage and deletion on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, { editions: ["en"] });
  });
  afterEach(async () => t.close());

  it("finds images by words of the alt text, caption or credit in any case, and by number", async () => {
    const db = t.database.db;
    const ferry = await createMedia(db, { alt: "A ferry at the Odesa pier", caption: null });
    const tram = await createMedia(db, {
      alt: "Tram",
      caption: "The last tram of the night",
      credit: "Photo: Gazette",
    });
    const kyiv = await createMedia(db, { alt: "Київ уночі", caption: null });
    const headers = await t.bearer("contributor");
    const search = async (q: string) =>
      (await t.app.inject({ url: `/admin/api/media?q=${encodeURIComponent(q)}`, headers }))
        .json()
        .items.map((item: { id: number }) => item.id);
    expect(await search("odesa PIER")).toEqual([ferry.id]);
    expect(await search("last tram")).toEqual([tram.id]);
    expect(await search("gazette")).toEqual([tram.id]);
    expect(await search("київ")).toEqual([kyiv.id]);
    expect(await search(`#${ferry.id}`)).toEqual([ferry.id]);
    expect(await search("50%")).toEqual([]);
    expect(await search("")).toEqual([kyiv.id, tram.id, ferry.id]);
  });

  it("gives one image by id, and 404 with not_found for an unknown one", async () => {
    const image = await createMedia(t.database.db, { alt: "A ferry" });
    const headers = await t.bearer("contributor");
    const found = await t.app.inject({ url: `/admin/api/media/${image.id}`, headers });
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({
      id: image.id,
      alt: "A ferry",
      thumbnailUrl: `/media/${image.file_key}/320.jpg`,
    });
    const missing = await t.app.inject({ url: "/admin/api/media/999999", headers });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe("not_found");
  });

  it("lists the stories using an image as lead, in the body or in pending edits, and the profiles", async () => {
    const db = t.database.db;
    const image = await createMedia(db);
    // A story with another image is not listed.
    const other = await createMedia(db);
    const lead = await createArticle(t.services.articles, {
      edition: "en",
      title: "Lead story",
      leadMediaId: image.id,
    });
    const inBody = await createArticle(t.services.articles, {
      edition: "en",
      title: "Body story",
      body: withImage(image.id),
    });
    const published = await createArticle(t.services.articles, { edition: "en", title: "Pending story" });
    await t.services.articles.update(published.id, { body: withImage(image.id, "Edited.") }, { pending: true });
    await createArticle(t.services.articles, { edition: "en", title: "Unrelated", body: withImage(other.id) });
    const member = await createStaffMember(t.services, { name: "Olena Kravets" });
    await t.services.profiles.update(member.id, { names: { en: "Olena Kravets" }, photoMediaId: image.id });

    const response = await t.app.inject({
      url: `/admin/api/media/${image.id}/usage`,
      headers: await t.bearer("author"),
    });
    expect(response.statusCode).toBe(200);
    const usage = response.json();
    expect(usage.stories).toEqual([
      {
        id: published.id,
        title: "Pending story",
        edition: "en",
        status: "published",
        places: ["pending"],
        editUrl: `/admin/articles/${published.id}`,
      },
      {
        id: inBody.id,
        title: "Body story",
        edition: "en",
        status: "published",
        places: ["body"],
        editUrl: `/admin/articles/${inBody.id}`,
      },
      {
        id: lead.id,
        title: "Lead story",
        edition: "en",
        status: "published",
        places: ["lead"],
        editUrl: `/admin/articles/${lead.id}`,
      },
    ]);
    expect(usage.profiles).toEqual([{ staffId: member.id, name: "Olena Kravets" }]);
  });

  it("refuses to delete an image in use with 409 media_in_use, naming how many stories use it", async () => {
    const db = t.database.db;
    const image = await createMedia(db);
    await createArticle(t.services.articles, { edition: "en", leadMediaId: image.id });
    await createArticle(t.services.articles, { edition: "en", body: withImage(image.id) }, { publish: false });
    const refused = await t.app.inject({
      method: "DELETE",
      url: `/admin/api/media/${image.id}`,
      headers: await t.bearer("editor"),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("media_in_use");
    expect(refused.json().message).toMatch(/^Used in 2 stories/);
    expect(
      (await t.app.inject({ url: `/admin/api/media/${image.id}`, headers: await t.bearer("editor") })).statusCode,
    ).toBe(200);
  });

  it("refuses to delete a photo of a gallery, as of any body image", async () => {
    const db = t.database.db;
    const [first, second] = [await createMedia(db), await createMedia(db)];
    const body = {
      type: "doc",
      content: [
        { type: "gallery", attrs: { layout: "grid", photos: [{ mediaId: first.id }, { mediaId: second.id }] } },
      ],
    } as BodyDocument;
    await createArticle(t.services.articles, { edition: "en", body });
    const refused = await t.app.inject({
      method: "DELETE",
      url: `/admin/api/media/${second.id}`,
      headers: await t.bearer("editor"),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("media_in_use");
  });

  it("refuses to delete a profile photo, too", async () => {
    const image = await createMedia(t.database.db);
    const member = await createStaffMember(t.services);
    await t.services.profiles.update(member.id, { photoMediaId: image.id });
    const refused = await t.app.inject({
      method: "DELETE",
      url: `/admin/api/media/${image.id}`,
      headers: await t.bearer("editor"),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toMatch(/^Used in 1 profile/);
  });

  it("deletes an unused image for editors, its files with the last row using them, and answers 404 afterwards", async () => {
    const editor = await t.bearer("editor");
    const image = await createMedia(t.database.db);
    const storage = `${t.config.mediaDir}/${image.file_key}`;
    mkdirSync(storage, { recursive: true });
    writeFileSync(`${storage}/original.jpg`, "x");
    // The demo gives each edition its own row of the same file: the files go with the last row.
    const twin = await createMedia(t.database.db, { file_key: image.file_key });
    const first = await t.app.inject({ method: "DELETE", url: `/admin/api/media/${twin.id}`, headers: editor });
    expect(first.statusCode).toBe(204);
    expect(existsSync(storage)).toBe(true);
    const deleted = await t.app.inject({ method: "DELETE", url: `/admin/api/media/${image.id}`, headers: editor });
    expect(deleted.statusCode).toBe(204);
    expect(existsSync(storage)).toBe(false);
    expect((await t.app.inject({ url: `/admin/api/media/${image.id}`, headers: editor })).statusCode).toBe(404);
    const again = await t.app.inject({ method: "DELETE", url: `/admin/api/media/${image.id}`, headers: editor });
    expect(again.statusCode).toBe(404);
  });

  it("lets only editors and above delete: authors and contributors get 403 forbidden", async () => {
    const image = await createMedia(t.database.db);
    for (const role of ["contributor", "author"] as const) {
      const refused = await t.app.inject({
        method: "DELETE",
        url: `/admin/api/media/${image.id}`,
        headers: await t.bearer(role),
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe("forbidden");
    }
    const allowed = await t.app.inject({
      method: "DELETE",
      url: `/admin/api/media/${image.id}`,
      headers: await t.bearer("admin"),
    });
    expect(allowed.statusCode).toBe(204);
  });

  it("answers 401 without credentials for search, usage and delete", async () => {
    const image = await createMedia(t.database.db);
    expect((await t.app.inject({ url: "/admin/api/media?q=x" })).statusCode).toBe(401);
    expect((await t.app.inject({ url: `/admin/api/media/${image.id}/usage` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: "DELETE", url: `/admin/api/media/${image.id}` })).statusCode).toBe(401);
  });
});
