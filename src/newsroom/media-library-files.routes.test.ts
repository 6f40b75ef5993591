import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createEdition } from "../../test/factories.js";
import { createTestApp, DIALECTS, type TestApp } from "../../test/harness.js";
import { mp3Clip, mp3ClipMs, pdfDocument } from "../../test/media-fixtures.js";
import { multipartBody } from "../../test/multipart.js";
import { createToken } from "../../test/staff-factories.js";

describe.each(DIALECTS)("audio and documents in the media library on %s", (dialect) => {
  let t: TestApp;
  let headers: Record<string, string>;
  beforeEach(async () => {
    t = await createTestApp(dialect, {
      env: { MEDIA_FILE_MAX_MB: "1" },
      prepare: async ({ db }) => void (await createEdition(db)),
    });
    headers = { authorization: `Bearer ${await createToken(t.services, "contributor")}` };
  });
  afterEach(async () => t.close());

  const upload = (data: Buffer, filename: string, contentType: string, fields: Record<string, string> = {}) => {
    const body = multipartBody(fields, { filename, contentType, data });
    return t.app.inject({
      method: "POST",
      url: "/admin/api/media",
      headers: { ...headers, ...body.headers },
      payload: body.payload,
    });
  };

  it("stores an MP3 judged by its bytes (whatever its name and declared type), with its length and size", async () => {
    const clip = mp3Clip(100);
    const response = await upload(clip, "notes.txt", "text/plain", { alt: "Morning briefing" });
    expect(response.statusCode).toBe(201);
    const json = response.json();
    expect(json).toMatchObject({
      kind: "audio",
      mime: "audio/mpeg",
      alt: "Morning briefing",
      byteSize: clip.length,
      durationMs: mp3ClipMs(100),
      pageCount: null,
      thumbnailUrl: "",
    });
    expect(json.url).toMatch(/^\/media\/[a-z0-9]+\/audio\.mp3$/);
    const served = await t.app.inject({ url: json.url });
    expect(served.statusCode).toBe(200);
    expect(served.headers["content-type"]).toBe("audio/mpeg");
    expect(served.rawPayload.equals(clip)).toBe(true);
    const part = await t.app.inject({ url: json.url, headers: { range: "bytes=0-99" } });
    expect(part.statusCode).toBe(206);
    expect(part.headers["content-range"]).toBe(`bytes 0-99/${clip.length}`);
    expect(part.rawPayload.equals(clip.subarray(0, 100))).toBe(true);
  });

  it("refuses with 400 a file that starts like an MP3 but holds no sound", async () => {
    const fake = Buffer.concat([
      Buffer.from("ID3\x04\x00\x00\x00\x00\x00\x00"),
      Buffer.from("<script>alert(1)</script>"),
    ]);
    const response = await upload(fake, "clip.mp3", "audio/mpeg");
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("validation_failed");
  });

  it("answers 413 payload_too_large for a clip over the MEDIA_FILE_MAX_MB setting", async () => {
    const response = await upload(mp3Clip(3000), "long.mp3", "audio/mpeg");
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: "payload_too_large", details: { maxBytes: 1024 * 1024 } });
  });

  it("stores a PDF with its page count and first page, and serves it only as a sandboxed download", async () => {
    const pdf = pdfDocument(3);
    const response = await upload(pdf, "report.bin", "application/octet-stream", { alt: "Ministry report" });
    expect(response.statusCode).toBe(201);
    const json = response.json();
    expect(json).toMatchObject({ kind: "document", mime: "application/pdf", pageCount: 3, byteSize: pdf.length });
    const served = await t.app.inject({ url: json.url });
    expect(served.statusCode).toBe(200);
    expect(served.headers["content-type"]).toBe("application/pdf");
    expect(served.headers["content-disposition"]).toBe('attachment; filename="document.pdf"');
    expect(served.headers["content-security-policy"]).toBe("sandbox");
    expect(served.rawPayload.equals(pdf)).toBe(true);
    const thumbnail = await t.app.inject({ url: json.thumbnailUrl });
    expect(thumbnail.statusCode).toBe(200);
    expect((await sharp(thumbnail.rawPayload).metadata()).width).toBe(640);
  });

  it("lists only the kind asked for, and gives 404 for a file name the item does not have", async () => {
    const clip = (await upload(mp3Clip(10), "a.mp3", "audio/mpeg")).json();
    await upload(pdfDocument(1), "b.pdf", "application/pdf");
    const audio = await t.app.inject({ url: "/admin/api/media?kind=audio", headers });
    expect(audio.json().items.map((item: { id: number }) => item.id)).toEqual([clip.id]);
    expect((await t.app.inject({ url: `/media/${clip.fileKey}/document.pdf` })).statusCode).toBe(404);
  });

  it("counts a clip or PDF in a story's body as in use, so deleting it is refused", async () => {
    const clip = await t.services.media.importFile(mp3Clip(10), "Clip");
    const pdf = await t.services.media.importFile(pdfDocument(1), "Report");
    const story = await createArticle(t.services.articles, {
      edition: "en",
      body: {
        type: "doc",
        content: [
          { type: "audio", attrs: { mediaId: clip.id, title: "Clip" } },
          { type: "document", attrs: { mediaId: pdf.id, title: "Report" } },
        ],
      },
    });
    const editor = { authorization: `Bearer ${await createToken(t.services, "editor")}` };
    for (const id of [clip.id, pdf.id]) {
      const response = await t.app.inject({ method: "DELETE", url: `/admin/api/media/${id}`, headers: editor });
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ code: "media_in_use", details: { stories: [story.id] } });
    }
  });
});
