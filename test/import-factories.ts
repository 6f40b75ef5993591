import fs from "node:fs";
import sharp from "sharp";
import {
  type ImportEntry,
  type ImportFileInfo,
  ImportFormatError,
  type ImportItem,
  type ImportReader,
  type ImportSource,
} from "../src/imports/import-item.types.js";
import type { OpenImportReader } from "../src/imports/import-runs.service.js";

let counter = 0;

/** One WordPress-like story, published in 2016, with an author, two categories and a tag. */
export function importItem(overrides: Partial<ImportItem> = {}): ImportItem {
  const n = ++counter;
  return {
    sourceId: String(1000 + n),
    kind: "post",
    status: "published",
    title: `Archive story ${n}`,
    slug: `archive-story-${n}`,
    html: `<p>Paragraph of story ${n}.</p><p>Second paragraph.</p>`,
    dek: `Summary of story ${n}.`,
    publishedAt: "2016-03-01T09:30:00.000Z",
    authors: [{ key: "jdoe", name: "Jane Doe", email: "jane@old.example" }],
    categories: ["Politics", "Kyiv"],
    tags: ["Elections"],
    bodyImages: [],
    oldUrls: [`https://old.example/2016/03/archive-story-${n}/`, `https://old.example/?p=${1000 + n}`],
    warnings: [],
    ...overrides,
  };
}

/** A reader over items in memory, as the real readers yield them (entries may be failures). */
export function fakeReader(
  entries: (ImportItem | ImportEntry)[],
  info: Partial<ImportFileInfo> & { source?: ImportSource } = {},
): ImportReader {
  return {
    info: { source: info.source ?? "wordpress", siteUrl: "https://old.example", ...info },
    async *entries() {
      for (const entry of entries) yield "sourceId" in entry ? { item: entry } : entry;
    },
  };
}

/** A small real JPEG, as an old site would serve it. */
export function tinyJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 8, height: 6, channels: 3, background: "#c33" } })
    .jpeg()
    .toBuffer();
}

/**
 * A reader over a JSON file holding an array of ImportItems: what the admin API's tests upload.
 * Anything else is a bad file, as a real reader would say.
 */
export const jsonFileReader: OpenImportReader = (source, location) => ({
  info: { source, siteUrl: "https://old.example" },
  async *entries() {
    let items: ImportItem[];
    try {
      items = JSON.parse(fs.readFileSync(location, "utf8")) as ImportItem[];
    } catch {
      throw new ImportFormatError("The file is not JSON", "line 1, column 1");
    }
    for (const item of items) yield { item };
  },
});
