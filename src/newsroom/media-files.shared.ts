/**
 * Audio clips and PDF documents in the media library: what an upload is, judged by its first
 * bytes (never by its name or the type the browser declared, which anyone can set), and where
 * the site serves each. Browser-safe: the renderers and the admin app share it.
 */
export type FileMime = "audio/mpeg" | "audio/mp4" | "audio/ogg" | "application/pdf";

/** The stored file's name under its key, by type: the name the site serves it as. */
export const FILE_NAMES: Readonly<Record<FileMime, string>> = {
  "audio/mpeg": "audio.mp3",
  "audio/mp4": "audio.m4a",
  "audio/ogg": "audio.ogg",
  "application/pdf": "document.pdf",
};

/** MP4 brands of audio-only files (iTunes audio, audio books, and the generic ones encoders write). */
const M4A_BRANDS = new Set(["M4A ", "M4B ", "M4P ", "mp42", "mp41", "isom", "iso2", "dash"]);

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

/** An MPEG-1/2 audio layer III frame header: the 11-bit sync word, then layer bits 01. */
function isMp3Frame(bytes: Uint8Array, at: number): boolean {
  const b1 = bytes[at + 1] ?? 0;
  return bytes[at] === 0xff && (b1 & 0xe0) === 0xe0 && (b1 & 0x06) === 0x02 && (b1 & 0x18) !== 0x08;
}

export function sniffFileMime(bytes: Uint8Array): FileMime | undefined {
  if (bytes.length < 12) return undefined;
  if (ascii(bytes, 0, 5) === "%PDF-") return "application/pdf";
  if (ascii(bytes, 0, 4) === "OggS") return "audio/ogg";
  if (ascii(bytes, 4, 8) === "ftyp" && M4A_BRANDS.has(ascii(bytes, 8, 12))) return "audio/mp4";
  if (ascii(bytes, 0, 3) === "ID3" || isMp3Frame(bytes, 0)) return "audio/mpeg";
  return undefined;
}

/** A PDF's first page as drawn at upload. */
export const DOCUMENT_THUMBNAIL = "page-1.jpg";

export type MediaKind = "image" | "audio" | "document";

/** What a media row holds, by its stored type. */
export function mediaKindOf(mime: string): MediaKind {
  if (mime.startsWith("audio/")) return "audio";
  return mime === "application/pdf" ? "document" : "image";
}

/** Where the site serves a stored clip or PDF (from our own origin, never a foreign one). */
export function fileUrlOf(row: { file_key: string; mime: string }): string {
  return `/media/${row.file_key}/${FILE_NAMES[row.mime as FileMime] ?? "original.jpg"}`;
}

/** A document's first page; only when the row has one (its width is set when the page was drawn). */
export function documentThumbnailUrlOf(row: { file_key: string; width: number }): string | undefined {
  return row.width > 0 ? `/media/${row.file_key}/${DOCUMENT_THUMBNAIL}` : undefined;
}

/** "3:07" or "1:02:07", for players, cards and `itunes:duration`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** "840 KB", "12.4 MB": a size a reader can weigh before downloading. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** About three hours of speech: a longer transcript belongs in a document block. */
export const AUDIO_TRANSCRIPT_MAX = 200_000;

/** A transcript's paragraphs: blank lines separate them, single line breaks stay inside one. */
export function transcriptParagraphs(transcript: string | null | undefined): string[] {
  return (transcript ?? "")
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "");
}
