import type { MediaRow } from "../src/platform/db/schema.js";

/** Tiny real audio and PDF files made in memory, so no binary fixture is committed. */

/** `frames` MPEG-1 layer III frames at 128 kbit/s, 44.1 kHz: 1152 samples (about 26 ms) each. */
export function mp3Clip(frames = 100): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x64]);
  return Buffer.concat(Array.from({ length: frames }, () => frame));
}

/** The exact length music-metadata and players give the clip above. */
export function mp3ClipMs(frames = 100): number {
  return Math.round(((frames * 1152) / 44_100) * 1000);
}

/** A PDF of `pages` pages (the first with a black box on it), with a correct cross-reference table. */
export function pdfDocument(pages = 2, extra = ""): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${4 + i} 0 R`).join(" ");
  const stream = "0 0 0 rg 50 50 100 100 re f";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    ...Array.from(
      { length: pages },
      (_, i) => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300]${i === 0 ? " /Contents 3 0 R" : ""} >>`,
    ),
  ];
  let out = `%PDF-1.4\n${extra}`;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

const row = {
  caption: null,
  credit: null,
  created_at: "2026-12-01T00:00:00.000Z",
  uploaded_by: null,
  uploaded_by_token: null,
  exif_traces: "[]",
};

/** A media row of a 3:07 MP3 clip, for renderer tests. */
export function audioRow(id: number): MediaRow {
  const fields = { mime: "audio/mpeg", width: 0, height: 0, alt: "Clip", byte_size: 2_990_000 };
  return { ...row, ...fields, id, file_key: `aud${id}x`, duration_ms: 187_400, page_count: null };
}

/** A media row of a 12-page PDF with its first page drawn, for renderer tests. */
export function documentRow(id: number): MediaRow {
  const fields = { mime: "application/pdf", width: 640, height: 905, alt: "Report", byte_size: 860_000 };
  return { ...row, ...fields, id, file_key: `doc${id}x`, duration_ms: null, page_count: 12 };
}
