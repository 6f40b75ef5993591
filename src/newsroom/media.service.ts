import { randomBytes } from "node:crypto";
import type { IAudioMetadata } from "music-metadata";
import sharp, { type OutputInfo } from "sharp";
import { AppError } from "../errors.js";
import type { ArticleStatus, MediaRow } from "../platform/db/schema.js";
import type { JobQueue } from "../platform/jobs/job-queue.js";
import type { LocalStorage } from "../platform/storage/local-storage.js";
import { type ExifTrace, exifTraces } from "./exif-traces.js";
import type { MediaRepository } from "./media.repository.js";
import { DOCUMENT_THUMBNAIL, FILE_NAMES, type FileMime, type MediaKind, sniffFileMime } from "./media-files.shared.js";
import type { ArticleUseCandidate, MediaUsageRepository } from "./media-usage.repository.js";
import { previewPdf } from "./pdf-preview.js";
import { surrogateKey } from "./surrogate-keys.js";

/** Widths offered in `srcset`. A request for any other width is refused, so nobody can fill the disk. */
export const VARIANT_WIDTHS = [320, 480, 640, 800, 1200, 1600] as const;
export type VariantFormat = "avif" | "webp" | "jpg";
const VARIANT_FORMATS: readonly VariantFormat[] = ["avif", "webp", "jpg"];

declare module "../platform/jobs/job-queue.js" {
  interface JobPayloads {
    /** Every variant and crop of one uploaded image, made ahead of its first reader. */
    "media.make-variants": { fileKey: string };
  }
}

export type CropRatio = "16:9" | "4:3" | "1:1";

/**
 * Fixed crops for structured data and social cards, largest first. Search engines want each
 * lead image in 16:9, 4:3 and 1:1 and at least 1200 px wide; an original too small for that
 * gets the largest listed crop that fits. Only these sizes are made, so nobody can fill the disk.
 */
export const CROP_SIZES: Readonly<Record<CropRatio, readonly (readonly [number, number])[]>> = {
  "16:9": [
    [1200, 675],
    [960, 540],
    [800, 450],
  ],
  "4:3": [
    [1200, 900],
    [1024, 768],
    [800, 600],
  ],
  "1:1": [
    [1200, 1200],
    [1080, 1080],
    [900, 900],
    [800, 800],
    [600, 600],
  ],
};

export interface Crop {
  ratio: CropRatio;
  width: number;
  height: number;
}

/** The largest listed crop of each ratio that an original of this size can give without enlarging. */
export function cropsFor(originalWidth: number, originalHeight: number): Crop[] {
  return (Object.keys(CROP_SIZES) as CropRatio[]).flatMap((ratio) => {
    const size = CROP_SIZES[ratio].find(([w, h]) => w <= originalWidth && h <= originalHeight);
    return size ? [{ ratio, width: size[0], height: size[1] }] : [];
  });
}

function isListedCrop(width: number, height: number): boolean {
  return Object.values(CROP_SIZES).some((sizes) => sizes.some(([w, h]) => w === width && h === height));
}

/** What an upload may be, judged by decoding its bytes (never by its name or declared type). */
const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp", "heif", "gif"]);

const MAX_ORIGINAL_WIDTH = 2400;
const MAX_UPLOAD_PIXELS = 60_000_000;

export interface ImageMeta {
  alt: string;
  caption?: string | null;
  credit?: string | null;
}

/** Who uploads an image: the staff member, and the token when one is used. */
export interface Uploader {
  staffId: number | null;
  tokenId: number | null;
}

/** Where an image appears in one story. */
export type MediaPlace = "lead" | "body" | "pending" | "live entry";

export interface MediaUsage {
  stories: { id: number; title: string; edition: string; status: ArticleStatus; places: MediaPlace[] }[];
  profiles: { staffId: number; name: string }[];
}

/** Whether a parsed body document (or any JSON) holds an image or gallery photo with this media id. */
function mentionsMedia(value: unknown, mediaId: number): boolean {
  if (Array.isArray(value)) return value.some((item) => mentionsMedia(item, mediaId));
  if (value === null || typeof value !== "object") return false;
  const node = value as { type?: unknown; attrs?: { mediaId?: unknown; photos?: unknown }; content?: unknown };
  // A social-post card's image is in use too: deleting it would leave the card without its picture.
  const usesMedia = ["image", "socialPost", "audio", "document"].includes(node.type as string);
  if (usesMedia && node.attrs?.mediaId === mediaId) return true;
  if (node.type === "gallery" && Array.isArray(node.attrs?.photos)) {
    if (node.attrs.photos.some((photo: { mediaId?: unknown } | null) => photo?.mediaId === mediaId)) return true;
  }
  return mentionsMedia(node.content, mediaId);
}

function parseJson(text: unknown): unknown {
  if (typeof text !== "string") return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The places of one candidate row that really use the image (the SQL only narrowed by text). */
function placesIn(candidate: ArticleUseCandidate, mediaId: number): MediaPlace[] {
  if (candidate.source === "entry") return mentionsMedia(parseJson(candidate.json), mediaId) ? ["live entry"] : [];
  if (candidate.source === "pending") {
    const snapshot = parseJson(candidate.json) as { lead_media_id?: unknown; body?: unknown } | null;
    const uses = snapshot?.lead_media_id === mediaId || mentionsMedia(parseJson(snapshot?.body), mediaId);
    return uses ? ["pending"] : [];
  }
  const places: MediaPlace[] = [];
  if (candidate.leadMediaId === mediaId) places.push("lead");
  if (mentionsMedia(parseJson(candidate.json), mediaId)) places.push("body");
  return places;
}

export class MediaService {
  private readonly pending = new Map<string, Promise<Buffer>>();
  private readonly listeners: ((keys: string[]) => void)[] = [];

  constructor(
    private readonly media: MediaRepository,
    private readonly storage: LocalStorage,
    private readonly usageRepository: MediaUsageRepository,
    private readonly now: () => Date = () => new Date(),
    /** Where uploads queue their variants; without it (a one-off script) they are made on request. */
    private readonly jobs?: JobQueue,
  ) {
    jobs?.register("media.make-variants", async ({ fileKey }) => void (await this.makeAllVariants(fileKey)));
  }

  /**
   * Stores an uploaded image. It is decoded and re-encoded, which drops EXIF (GPS positions
   * in a war zone put people in danger) and anything that is not an image.
   */
  async importImage(input: Buffer, meta: ImageMeta, uploader?: Uploader): Promise<MediaRow> {
    let format: string | undefined;
    let traces: ExifTrace[] = [];
    try {
      const metadata = await sharp(input, { limitInputPixels: MAX_UPLOAD_PIXELS }).metadata();
      format = metadata.format;
      traces = exifTraces(metadata.exif);
    } catch {
      format = undefined;
    }
    if (!format || !ACCEPTED_FORMATS.has(format)) {
      throw new AppError(
        "unsupported_media_type",
        "The file is not an image we accept: upload a JPEG, PNG, WebP, AVIF or GIF.",
      );
    }
    let encoded: { data: Buffer; info: OutputInfo };
    try {
      encoded = await sharp(input, { limitInputPixels: MAX_UPLOAD_PIXELS })
        .rotate()
        .resize({ width: MAX_ORIGINAL_WIDTH, withoutEnlargement: true })
        .jpeg({ quality: 86, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
    } catch {
      throw new AppError("validation_failed", "The file is not an image we can read (JPEG, PNG, WebP, AVIF or GIF).");
    }
    const fileKey = newFileKey();
    await this.storage.write(`${fileKey}/original.jpg`, encoded.data);
    const row = await this.media.insert({
      file_key: fileKey,
      mime: "image/jpeg",
      width: encoded.info.width,
      height: encoded.info.height,
      alt: meta.alt,
      caption: meta.caption ?? null,
      credit: meta.credit ?? null,
      created_at: this.now().toISOString(),
      uploaded_by: uploader?.staffId ?? null,
      uploaded_by_token: uploader?.tokenId ?? null,
      exif_traces: JSON.stringify(traces),
    });
    // Made in a job, so neither the uploader nor the first reader waits for sharp; until it has
    // run, a variant asked for is still made on request.
    await this.jobs?.enqueue("media.make-variants", { fileKey }, { dedupeKey: `media-variants:${fileKey}` });
    return row;
  }

  /**
   * Stores an audio clip (MP3, M4A, Ogg) or a PDF, its type judged by its bytes. A clip must decode
   * as sound with a length (its duration goes into podcast feeds); a PDF gets its page count and a
   * first-page thumbnail when Poppler can draw it. `title` is the item's accessible name (`alt`).
   */
  async importFile(input: Buffer, title: string, uploader?: Uploader): Promise<MediaRow> {
    const mime = sniffFileMime(input);
    if (!mime) {
      throw new AppError(
        "unsupported_media_type",
        "The file is not an image, audio clip or document we accept: upload JPEG, PNG, WebP, AVIF, GIF, MP3, M4A, Ogg or PDF.",
      );
    }
    let durationMs: number | null = null;
    let pageCount: number | null = null;
    let thumbnail: { data: Buffer; width: number; height: number } | undefined;
    if (mime === "application/pdf") {
      const preview = await previewPdf(input);
      pageCount = preview.pageCount;
      if (preview.firstPage) {
        const { width = 0, height = 0 } = await sharp(preview.firstPage).metadata();
        thumbnail = { data: preview.firstPage, width, height };
      }
    } else {
      durationMs = await readDurationMs(input, mime);
    }
    const fileKey = newFileKey();
    await this.storage.write(`${fileKey}/${FILE_NAMES[mime]}`, input);
    if (thumbnail) await this.storage.write(`${fileKey}/${DOCUMENT_THUMBNAIL}`, thumbnail.data);
    return this.media.insert({
      file_key: fileKey,
      mime,
      width: thumbnail?.width ?? 0,
      height: thumbnail?.height ?? 0,
      alt: title,
      caption: null,
      credit: null,
      byte_size: input.length,
      duration_ms: durationMs,
      page_count: pageCount,
      created_at: this.now().toISOString(),
      uploaded_by: uploader?.staffId ?? null,
      uploaded_by_token: uploader?.tokenId ?? null,
    });
  }

  /**
   * Stores a podcast's artwork: an image of at least ARTWORK_SIZE px each way, kept in the library
   * like any image and also as the square ARTWORK_SIZE px JPEG podcast directories ask for.
   */
  async importArtwork(input: Buffer, alt: string, uploader?: Uploader): Promise<MediaRow> {
    const { width = 0, height = 0 } = await sharp(input, { limitInputPixels: MAX_UPLOAD_PIXELS })
      .metadata()
      .catch(() => ({ width: 0, height: 0 }));
    if (width < ARTWORK_SIZE || height < ARTWORK_SIZE) {
      throw new AppError(
        "validation_failed",
        `Podcast artwork must be at least ${ARTWORK_SIZE} × ${ARTWORK_SIZE} px; this image is ${width} × ${height}.`,
        { field: "artwork", minPixels: ARTWORK_SIZE },
      );
    }
    const row = await this.importImage(input, { alt }, uploader);
    const square = await sharp(input, { limitInputPixels: MAX_UPLOAD_PIXELS })
      .rotate()
      .resize({ width: ARTWORK_SIZE, height: ARTWORK_SIZE, fit: "cover", position: sharp.strategy.attention })
      .jpeg({ quality: 86, mozjpeg: true })
      .toBuffer();
    await this.storage.write(`${row.file_key}/${ARTWORK_FILE}`, square);
    return row;
  }

  /** Whether the item has podcast artwork stored (see importArtwork). */
  hasArtwork(fileKey: string): Promise<boolean> {
    return this.storage.exists(`${fileKey}/${ARTWORK_FILE}`);
  }

  /** A stored clip, PDF or PDF thumbnail by its file name, with its type; undefined when there is none. */
  async file(fileKey: string, name: string): Promise<{ data: Buffer; mime: string } | undefined> {
    const mime =
      name === DOCUMENT_THUMBNAIL || name === ARTWORK_FILE
        ? "image/jpeg"
        : (Object.keys(FILE_NAMES) as FileMime[]).find((type) => FILE_NAMES[type] === name);
    if (!mime) return undefined;
    const data = await this.storage.read(`${fileKey}/${name}`);
    return data ? { data, mime } : undefined;
  }

  /**
   * Makes every file the site links to for an image (each srcset width in AVIF, WebP and JPEG,
   * and each listed crop), skipping those already on disk, so a re-run after a crash only finishes
   * the rest. Returns how many it made; an image deleted since has nothing to make.
   */
  async makeAllVariants(fileKey: string): Promise<number> {
    const original = await this.storage.read(`${fileKey}/original.jpg`);
    if (!original) return 0;
    const { width = 0, height = 0 } = await sharp(original).metadata();
    let made = 0;
    // One at a time: sharp already uses every core for one image, and readers' requests share them.
    for (const w of variantWidthsFor(width)) {
      for (const format of VARIANT_FORMATS) {
        if (await this.storage.exists(`${fileKey}/${w}.${format}`)) continue;
        await this.variant(fileKey, w, format);
        made++;
      }
    }
    for (const crop of cropsFor(width, height)) {
      if (await this.storage.exists(`${fileKey}/${crop.width}x${crop.height}.jpg`)) continue;
      await this.crop(fileKey, crop.width, crop.height);
      made++;
    }
    return made;
  }

  /**
   * Gives a resized variant, kept on disk: made by the upload's job, or here when a reader asks
   * before the job has run (never a broken image).
   */
  async variant(fileKey: string, width: number, format: VariantFormat): Promise<Buffer> {
    if (!(VARIANT_WIDTHS as readonly number[]).includes(width)) throw new AppError("not_found", "No such image size.");
    const key = `${fileKey}/${width}.${format}`;
    const existing = await this.storage.read(key);
    if (existing) return existing;
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.makeVariant(fileKey, key, width, format).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return pending;
  }

  /**
   * A listed crop as JPEG, kept on disk (made by the upload's job, or here if a reader asks first). The crop keeps the most salient part of
   * the picture (sharp's attention strategy), not blindly its centre.
   */
  async crop(fileKey: string, width: number, height: number): Promise<Buffer> {
    if (!isListedCrop(width, height)) throw new AppError("not_found", "No such image crop.");
    const key = `${fileKey}/${width}x${height}.jpg`;
    const existing = await this.storage.read(key);
    if (existing) return existing;
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.makeCrop(fileKey, key, width, height).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return pending;
  }

  private async makeCrop(fileKey: string, key: string, width: number, height: number): Promise<Buffer> {
    const original = await this.storage.read(`${fileKey}/original.jpg`);
    if (!original) throw new AppError("not_found", "No such image.");
    const meta = await sharp(original).metadata();
    // Enlarging would only blur: a crop the original cannot fill is not offered (see cropsFor).
    if ((meta.width ?? 0) < width || (meta.height ?? 0) < height) {
      throw new AppError("not_found", "The original is too small for this crop.");
    }
    const data = await sharp(original)
      .resize({ width, height, fit: "cover", position: sharp.strategy.attention })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer();
    await this.storage.write(key, data);
    return data;
  }

  private async makeVariant(fileKey: string, key: string, width: number, format: VariantFormat): Promise<Buffer> {
    const original = await this.storage.read(`${fileKey}/original.jpg`);
    if (!original) throw new AppError("not_found", "No such image.");
    const pipeline = sharp(original).resize({ width, withoutEnlargement: true });
    const data =
      format === "avif"
        ? await pipeline.avif({ quality: 55, effort: 2 }).toBuffer()
        : format === "webp"
          ? await pipeline.webp({ quality: 78, effort: 3 }).toBuffer()
          : await pipeline.jpeg({ quality: 80, mozjpeg: true }).toBuffer();
    await this.storage.write(key, data);
    return data;
  }

  /** Newest first; with `text`, only images whose alt text, caption, credit or number match it. */
  list(after: number | null, limit: number, text?: string, kind?: MediaKind): Promise<MediaRow[]> {
    return this.media.list(after, limit, text, kind);
  }

  /** The stories (lead image, body, pending revision, live-blog entries) and profiles using the image. */
  async usage(id: number): Promise<MediaUsage> {
    await this.get(id);
    const stories = new Map<number, MediaUsage["stories"][number]>();
    for (const candidate of await this.usageRepository.articleCandidates(id)) {
      const places = placesIn(candidate, id);
      if (places.length === 0) continue;
      const story = stories.get(candidate.id) ?? {
        id: candidate.id,
        title: candidate.title,
        edition: candidate.edition,
        status: candidate.status,
        places: [],
      };
      story.places = [...new Set([...story.places, ...places])];
      stories.set(candidate.id, story);
    }
    const profiles = (await this.usageRepository.profiles(id)).map((profile) => ({
      staffId: profile.staffId,
      name: profile.names.find((name) => name?.trim()) ?? `Staff member ${profile.staffId}`,
    }));
    return { stories: [...stories.values()].sort((a, b) => b.id - a.id), profiles };
  }

  /**
   * Deletes an image nobody uses, with its files. One in use is refused, so no published page
   * loses a picture: the editor removes it from those stories first.
   */
  async delete(id: number): Promise<void> {
    const row = await this.get(id);
    const { stories, profiles } = await this.usage(id);
    if (stories.length > 0 || profiles.length > 0) {
      const parts = [
        ...(stories.length > 0 ? [`${stories.length} ${stories.length === 1 ? "story" : "stories"}`] : []),
        ...(profiles.length > 0 ? [`${profiles.length} ${profiles.length === 1 ? "profile" : "profiles"}`] : []),
      ];
      throw new AppError("media_in_use", `Used in ${parts.join(" and ")}: remove it there before deleting it.`, {
        stories: stories.map((story) => story.id),
        profiles: profiles.map((profile) => profile.staffId),
      });
    }
    if (!(await this.media.delete(id))) throw new AppError("not_found", `Image ${id} does not exist.`);
    // Rows may share files (the demo gives each edition its own row, with its own alt text).
    if (!(await this.media.fileKeyExists(row.file_key))) await this.storage.removeAll(row.file_key);
  }

  /** The 320 px variant of each existing image, by id. */
  async thumbnailUrls(ids: number[]): Promise<Map<number, string>> {
    const rows = await this.media.findByIds(ids);
    return new Map(rows.map((row) => [row.id, thumbnailUrlOf(row.file_key)]));
  }

  async get(id: number): Promise<MediaRow> {
    const row = await this.media.findById(id);
    if (!row) throw new AppError("not_found", `Image ${id} does not exist.`);
    return row;
  }

  /** Called with `media:{id}` when an image's alt text, caption or credit changes: pages show them. */
  onChange(listener: (keys: string[]) => void): void {
    this.listeners.push(listener);
  }

  async updateMeta(id: number, meta: Partial<ImageMeta>): Promise<MediaRow> {
    await this.get(id);
    const changes: Partial<Pick<MediaRow, "alt" | "caption" | "credit">> = {};
    if (meta.alt !== undefined) changes.alt = meta.alt;
    if (meta.caption !== undefined) changes.caption = meta.caption;
    if (meta.credit !== undefined) changes.credit = meta.credit;
    const row = await this.media.update(id, changes);
    if (!row) throw new AppError("not_found", `Image ${id} does not exist.`);
    for (const listener of this.listeners) listener([surrogateKey.media(id)]);
    return row;
  }

  async original(fileKey: string): Promise<Buffer | undefined> {
    return this.storage.read(`${fileKey}/original.jpg`);
  }
}

/** Apple Podcasts asks for square artwork of 1400 to 3000 px; the largest looks sharp everywhere. */
export const ARTWORK_SIZE = 3000;
export const ARTWORK_FILE = "artwork.jpg";

function newFileKey(): string {
  return randomBytes(9)
    .toString("base64url")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "0");
}

/** The clip's length, read by decoding its frames; refused when it is not sound (a video, or noise). */
async function readDurationMs(input: Buffer, mime: FileMime): Promise<number> {
  let format: IAudioMetadata["format"] | undefined;
  try {
    // Loaded on the first audio upload: the parser and its format modules are a start-up cost
    // every server would otherwise pay for a feature most outlets use rarely.
    const { parseBuffer } = await import("music-metadata");
    format = (await parseBuffer(input, { mimeType: mime, size: input.length }, { duration: true, skipCovers: true }))
      .format;
  } catch {
    format = undefined;
  }
  if (
    !format ||
    format.hasVideo ||
    format.hasAudio === false ||
    !format.duration ||
    !Number.isFinite(format.duration)
  ) {
    throw new AppError("validation_failed", "The file is not an audio clip we can play (MP3, M4A or Ogg sound).");
  }
  return Math.round(format.duration * 1000);
}

/** The small variant shown in lists and pickers. */
export function thumbnailUrlOf(fileKey: string): string {
  return `/media/${fileKey}/320.jpg`;
}

/** The widths worth listing for an image of this size: all smaller ones plus its own bucket. */
export function variantWidthsFor(originalWidth: number): number[] {
  const widths = VARIANT_WIDTHS.filter((w) => w <= originalWidth);
  return widths.length > 0 ? widths : [VARIANT_WIDTHS[0]];
}
