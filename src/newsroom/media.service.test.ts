import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/test-app.js";
import { CROP_SIZES, cropsFor } from "./media.service.js";

async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 1800, height: 1000, channels: 3, background: "#7a8a99" } })
    .withExif({
      IFD0: { Make: "Camera" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 35/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "38/1 0/1 0/1" },
    })
    .jpeg()
    .toBuffer();
}

// Media is file storage plus one table; SQLite covers the SQL, the files are what is tested here.
describe("media service", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp("sqlite", { editions: ["en"] });
  });
  afterEach(async () => t.close());

  it("re-encodes an upload and drops its EXIF, GPS included", async () => {
    const input = await photoWithGps();
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const media = await t.services.media.importImage(input, {
      alt: "A street",
      caption: "Caption",
      credit: "Photo: Me",
    });
    expect(media).toMatchObject({ width: 1800, height: 1000, mime: "image/jpeg", alt: "A street" });
    const stored = await t.services.media.original(media.file_key);
    expect(stored).toBeDefined();
    expect((await sharp(stored!).metadata()).exif).toBeUndefined();
  });

  it("refuses a file that is not an image, judged by its bytes", async () => {
    await expect(
      t.services.media.importImage(Buffer.from("GIF89a but not really"), { alt: "x" }),
    ).rejects.toMatchObject({
      code: "unsupported_media_type",
    });
  });

  it("refuses SVG, which sharp could read but which can carry script", async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"><rect width="10" height="10"/></svg>',
    );
    await expect(t.services.media.importImage(svg, { alt: "x" })).rejects.toMatchObject({
      code: "unsupported_media_type",
    });
  });

  it("serves no EXIF or GPS in any variant: AVIF, WebP and JPEG", async () => {
    const media = await t.services.media.importImage(await photoWithGps(), { alt: "x" });
    for (const file of ["320.avif", "800.webp", "1200.jpg"]) {
      const response = await t.app.inject({ url: `/media/${media.file_key}/${file}` });
      expect(response.statusCode, file).toBe(200);
      const meta = await sharp(response.rawPayload).metadata();
      expect(meta.exif, file).toBeUndefined();
      expect(response.rawPayload.includes(Buffer.from("GPS")), file).toBe(false);
    }
  });

  it("serves srcset variants made on first request, at the asked width, cached forever", async () => {
    const media = await t.services.media.importImage(await photoWithGps(), { alt: "x" });
    const response = await t.app.inject({ url: `/media/${media.file_key}/480.webp` });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("image/webp");
    expect(response.headers["cache-control"]).toContain("immutable");
    const meta = await sharp(response.rawPayload).metadata();
    expect(meta.width).toBe(480);
    expect(meta.format).toBe("webp");
    const again = await t.app.inject({ url: `/media/${media.file_key}/480.webp` });
    expect(again.rawPayload.equals(response.rawPayload)).toBe(true);
  });

  it("queues one job per upload that makes every variant and crop before any reader asks", async () => {
    const media = await t.services.media.importImage(await photoWithGps(), { alt: "x" });
    const queued = await t.database.db
      .selectFrom("jobs")
      .select(["kind", "payload"])
      .where("kind", "=", "media.make-variants")
      .execute();
    expect(queued).toHaveLength(1);
    expect(JSON.parse(String(queued[0]?.payload))).toEqual({ fileKey: media.file_key });
    await t.services.jobs.runDue();
    const dir = path.join(t.config.mediaDir, media.file_key);
    const files = fs.readdirSync(dir).sort();
    // 1800 px wide: every listed width up to 1600 in three formats, and the largest crop of each ratio.
    for (const width of [320, 480, 640, 800, 1200, 1600]) {
      for (const format of ["avif", "webp", "jpg"]) expect(files).toContain(`${width}.${format}`);
    }
    expect(files).toEqual(expect.arrayContaining(["1200x675.jpg", "1200x900.jpg", "900x900.jpg"]));
    const madeAt = fs.statSync(path.join(dir, "800.avif")).mtimeMs;
    const response = await t.app.inject({ url: `/media/${media.file_key}/800.avif` });
    expect(response.statusCode).toBe(200);
    expect(fs.statSync(path.join(dir, "800.avif")).mtimeMs).toBe(madeAt);
  });

  it("makes only the variants still missing when its job runs again", async () => {
    const media = await t.services.media.importImage(await photoWithGps(), { alt: "x" });
    await t.app.inject({ url: `/media/${media.file_key}/480.webp` });
    expect(await t.services.media.makeAllVariants(media.file_key)).toBe(20);
    expect(await t.services.media.makeAllVariants(media.file_key)).toBe(0);
  });

  it("has nothing to make for an image deleted before its job ran", async () => {
    const media = await t.services.media.importImage(await photoWithGps(), { alt: "x" });
    await t.services.media.delete(media.id);
    expect(await t.services.media.makeAllVariants(media.file_key)).toBe(0);
  });

  it("answers 404 for a width outside the list and for an unknown image", async () => {
    const media = await t.services.media.importImage(await photoWithGps(), { alt: "x" });
    expect((await t.app.inject({ url: `/media/${media.file_key}/333.webp` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: "/media/nosuchkey/480.jpg" })).statusCode).toBe(404);
    expect((await t.app.inject({ url: "/media/../480.jpg" })).statusCode).toBe(404);
  });

  it("serves 16:9, 4:3 and 1:1 crops at the listed sizes, without metadata, cached forever", async () => {
    const media = await t.services.media.importImage(await photoWithGps(), { alt: "x" });
    for (const [width, height] of [
      [1200, 675],
      [900, 900],
    ] as const) {
      const response = await t.app.inject({ url: `/media/${media.file_key}/${width}x${height}.jpg` });
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toBe("image/jpeg");
      expect(response.headers["cache-control"]).toContain("immutable");
      const meta = await sharp(response.rawPayload).metadata();
      expect([meta.width, meta.height]).toEqual([width, height]);
      expect(meta.exif).toBeUndefined();
    }
  });

  it("answers 404 for a crop outside the list or larger than the original", async () => {
    // The original is 1800 × 1000: a 1200 × 1200 square would have to be enlarged.
    const media = await t.services.media.importImage(await photoWithGps(), { alt: "x" });
    for (const file of ["1200x1200.jpg", "1234x567.jpg"]) {
      expect((await t.app.inject({ url: `/media/${media.file_key}/${file}` })).statusCode, file).toBe(404);
    }
    // Crops are JPEG only; another format does not match the route's pattern.
    expect((await t.app.inject({ url: `/media/${media.file_key}/1200x675.webp` })).statusCode).toBe(400);
  });
});

describe("crop sizes", () => {
  it("gives each ratio's largest listed crop that fits the original", () => {
    expect(cropsFor(1800, 1000)).toEqual([
      { ratio: "16:9", width: 1200, height: 675 },
      { ratio: "4:3", width: 1200, height: 900 },
      { ratio: "1:1", width: 900, height: 900 },
    ]);
    expect(cropsFor(2400, 1600).every((crop) => crop.width === 1200)).toBe(true);
    expect(cropsFor(500, 400)).toEqual([]);
  });

  it("lists only sizes of the exact ratios", () => {
    const ratio = { "16:9": 16 / 9, "4:3": 4 / 3, "1:1": 1 };
    for (const [name, sizes] of Object.entries(CROP_SIZES)) {
      for (const [w, h] of sizes) expect(w / h).toBeCloseTo(ratio[name as keyof typeof ratio], 2);
    }
  });
});
