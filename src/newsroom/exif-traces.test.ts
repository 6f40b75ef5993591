import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { exifTraces } from "./exif-traces.js";

const image = () => sharp({ create: { width: 8, height: 8, channels: 3, background: "#888" } }).jpeg();

describe("exif traces", () => {
  it("finds a GPS position and a capture time", async () => {
    const withBoth = await image()
      .withExif({
        IFD0: { DateTime: "2026:05:01 06:10:00" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "50/1 27/1 0/1" },
      })
      .toBuffer();
    expect(exifTraces((await sharp(withBoth).metadata()).exif)).toEqual(["location", "time"]);
  });

  it("finds nothing in a photo without metadata, or in damaged data", async () => {
    expect(exifTraces((await sharp(await image().toBuffer()).metadata()).exif)).toEqual([]);
    expect(exifTraces(Buffer.from("Exif\0\0II*\0\xff\xff\xff\x7f", "latin1"))).toEqual([]);
  });
});
