import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { multipartBody } from "../../test/multipart.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

async function jpeg(): Promise<Buffer> {
  return sharp({ create: { width: 900, height: 600, channels: 3, background: "#445566" } })
    .withExif({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 35/1 0/1" } })
    .jpeg()
    .toBuffer();
}

describe.each(DIALECTS)("media library API on %s", (dialect) => {
  let t: TestApp;
  let headers: Record<string, string>;
  beforeEach(async () => {
    t = await startTestApp(dialect, { editions: ["en"] });
    headers = await t.bearer("contributor");
  });
  afterEach(async () => t.close());

  it("uploads an image as multipart field `file` and answers 201 with id and url", async () => {
    const body = multipartBody(
      { alt: "Rescuers at work", caption: "Rescuers in Kharkiv", credit: "Photo: Staff" },
      { filename: "photo.jpg", contentType: "image/jpeg", data: await jpeg() },
    );
    const response = await t.app.inject({
      method: "POST",
      url: "/admin/api/media",
      headers: { ...headers, ...body.headers },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(201);
    const json = response.json();
    expect(json).toMatchObject({ width: 900, height: 600, alt: "Rescuers at work", caption: "Rescuers in Kharkiv" });
    const image = await t.app.inject({ url: json.url });
    expect(image.statusCode).toBe(200);
    expect((await sharp(image.rawPayload).metadata()).exif).toBeUndefined();
  });

  it("judges the type by the bytes: a script named photo.jpg gets 415", async () => {
    const body = multipartBody(
      {},
      { filename: "photo.jpg", contentType: "image/jpeg", data: Buffer.from("<script>alert(1)</script>") },
    );
    const response = await t.app.inject({
      method: "POST",
      url: "/admin/api/media",
      headers: { ...headers, ...body.headers },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe("unsupported_media_type");
  });

  it("answers 400 when the file is in another field, and 415 for a JSON body", async () => {
    const body = multipartBody(
      {},
      { field: "image", filename: "a.jpg", contentType: "image/jpeg", data: await jpeg() },
    );
    const wrongField = await t.app.inject({
      method: "POST",
      url: "/admin/api/media",
      headers: { ...headers, ...body.headers },
      payload: body.payload,
    });
    expect(wrongField.statusCode).toBe(400);
    const json = await t.app.inject({ method: "POST", url: "/admin/api/media", headers, payload: { file: "x" } });
    expect(json.statusCode).toBe(415);
  });

  it("answers 401 without credentials", async () => {
    const body = multipartBody({}, { filename: "a.jpg", contentType: "image/jpeg", data: await jpeg() });
    const response = await t.app.inject({
      method: "POST",
      url: "/admin/api/media",
      headers: body.headers,
      payload: body.payload,
    });
    expect(response.statusCode).toBe(401);
  });

  it("lists newest first and edits captions", async () => {
    const body = multipartBody({}, { filename: "a.jpg", contentType: "image/jpeg", data: await jpeg() });
    const created = (
      await t.app.inject({
        method: "POST",
        url: "/admin/api/media",
        headers: { ...headers, ...body.headers },
        payload: body.payload,
      })
    ).json();
    const list = (await t.app.inject({ url: "/admin/api/media", headers })).json();
    expect(list.items[0].id).toBe(created.id);
    const edited = await t.app.inject({
      method: "PATCH",
      url: `/admin/api/media/${created.id}`,
      headers,
      payload: { caption: "New caption" },
    });
    expect(edited.json().caption).toBe("New caption");
    const missing = await t.app.inject({
      method: "PATCH",
      url: "/admin/api/media/999999",
      headers,
      payload: { caption: "x" },
    });
    expect(missing.statusCode).toBe(404);
  });

  it("lets contributors and authors edit only their own uploads, and editors every upload", async () => {
    const upload = async (as: Record<string, string>) => {
      const body = multipartBody(
        { alt: "Original" },
        { filename: "a.jpg", contentType: "image/jpeg", data: await jpeg() },
      );
      const response = await t.app.inject({
        method: "POST",
        url: "/admin/api/media",
        headers: { ...as, ...body.headers },
        payload: body.payload,
      });
      return response.json().id as number;
    };
    const edit = (as: Record<string, string>, id: number) =>
      t.app.inject({ method: "PATCH", url: `/admin/api/media/${id}`, headers: as, payload: { alt: "Changed" } });

    const mine = await upload(headers);
    const author = await t.bearer("author");
    const refused = await edit(author, mine);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("forbidden");
    expect((await edit(await t.bearer("contributor"), mine)).statusCode).toBe(403);
    expect((await edit(headers, mine)).statusCode).toBe(200);
    expect((await edit(await t.bearer("editor"), mine)).statusCode).toBe(200);

    const legacy = await t.database.db
      .insertInto("media")
      .values({ file_key: "legacy01", mime: "image/jpeg", width: 10, height: 10, alt: "", created_at: "2026-01-01" })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect((await edit(headers, legacy.id)).statusCode).toBe(403);
    expect((await edit(await t.bearer("editor"), legacy.id)).statusCode).toBe(200);
  });
});
