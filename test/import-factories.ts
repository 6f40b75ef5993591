import sharp from "sharp";
import type {
  ImportEntry,
  ImportFileInfo,
  ImportItem,
  ImportReader,
  ImportSource,
} from "../src/imports/import-item.types.js";

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
