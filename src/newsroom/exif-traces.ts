/**
 * What an uploaded photo's EXIF said about where and when it was taken. Uploads are re-encoded
 * without metadata (media.service.ts); this only records that there was some, so the publication
 * check can tell the editor "this photo carried a location — stripped — check the picture itself".
 */

export type ExifTrace = "location" | "time";

const GPS_IFD = 0x8825;
const EXIF_IFD = 0x8769;
const TIME_TAGS = new Set([0x0132, 0x9003, 0x9004]);

/** The traces in a raw EXIF block (as sharp's `metadata().exif` gives it); [] for none or damaged data. */
export function exifTraces(exif: Buffer | undefined): ExifTrace[] {
  if (!exif || exif.length < 14) return [];
  const base = exif.subarray(0, 6).toString("latin1") === "Exif\0\0" ? 6 : 0;
  const order = exif.subarray(base, base + 2).toString("latin1");
  if (order !== "II" && order !== "MM") return [];
  const little = order === "II";
  const u16 = (at: number) => (little ? exif.readUInt16LE(at) : exif.readUInt16BE(at));
  const u32 = (at: number) => (little ? exif.readUInt32LE(at) : exif.readUInt32BE(at));
  const found = new Set<ExifTrace>();
  const readIfd = (offset: number, depth: number) => {
    const start = base + offset;
    if (depth > 2 || start + 2 > exif.length) return;
    const count = u16(start);
    for (let i = 0; i < count; i++) {
      const entry = start + 2 + i * 12;
      if (entry + 12 > exif.length) return;
      const tag = u16(entry);
      if (tag === GPS_IFD) found.add("location");
      else if (TIME_TAGS.has(tag)) found.add("time");
      else if (tag === EXIF_IFD) readIfd(u32(entry + 8), depth + 1);
    }
  };
  try {
    readIfd(u32(base + 4), 0);
  } catch {
    // A damaged block says nothing reliable: report what was read before the damage.
  }
  return (["location", "time"] as const).filter((trace) => found.has(trace));
}
