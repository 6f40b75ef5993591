import type { ImportReader, ImportSource } from "../import-item.types.js";
import { FeedReader } from "./feed.reader.js";
import { GhostReader } from "./ghost.reader.js";
import { WxrReader } from "./wxr.reader.js";

export interface OpenReaderOptions {
  /** The old site's address, for sources whose files do not carry it (Ghost). */
  siteUrl?: string;
  /** Past this many characters an XML item is skipped as too large (default 16 M). */
  maxItemChars?: number;
  /** The most a Ghost JSON export may weigh, as it is read whole (default 200 MB). */
  maxJsonBytes?: number;
}

/** The reader for a source's file; nothing is read until `entries()` is iterated. */
export function openImportReader(
  source: ImportSource,
  filePath: string,
  options: OpenReaderOptions = {},
): ImportReader {
  switch (source) {
    case "wordpress":
      return new WxrReader(filePath, { maxItemChars: options.maxItemChars });
    case "ghost":
      return new GhostReader(filePath, { siteUrl: options.siteUrl, maxBytes: options.maxJsonBytes });
    case "feed":
      return new FeedReader(filePath, { maxItemChars: options.maxItemChars });
  }
}
