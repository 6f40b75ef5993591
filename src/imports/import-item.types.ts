/**
 * What every importer's reader yields, whatever the source (WordPress WXR, a Ghost JSON export,
 * an RSS or Atom feed): one story at a time, so an archive of any size is read in constant
 * memory. The import engine (`imports.service.ts`) turns each into an article, its people, terms,
 * media and old-URL redirects. Readers only parse and normalise; they never touch the database.
 */

export type ImportSource = "wordpress" | "ghost" | "feed";

/** The state of the story on the old platform, mapped to the nearest Gazette state. */
export type ImportStatus = "published" | "scheduled" | "draft";

export interface ImportPerson {
  /** The old platform's stable key for this person: WordPress login, Ghost id or slug, feed author name. */
  key: string;
  name: string;
  email?: string;
  bio?: string;
}

export interface ImportImage {
  /** Where the file can be fetched on the old site (absolute URL). */
  url: string;
  /**
   * The path under the uploads folder (`2021/03/photo.jpg` for WordPress, `2021/03/photo.jpg`
   * under Ghost's `content/images`), for `--media-dir`; absent when the URL has none.
   */
  localPath?: string;
  caption?: string;
  credit?: string;
  alt?: string;
}

/** One story to import. */
export interface ImportItem {
  /** The source's stable id for the item (WordPress post id, Ghost id, feed guid or link). */
  sourceId: string;
  kind: "post" | "page";
  status: ImportStatus;
  title: string;
  /** The old slug, kept when it is free in the edition. */
  slug?: string;
  /** The body as HTML, already cleaned of platform markup (Gutenberg comments, shortcodes). */
  html: string;
  /** The summary (WordPress excerpt, Ghost custom_excerpt, feed summary when there is full content). */
  dek?: string;
  /** ISO-8601 UTC: when it was (or will be, for `scheduled`) published. */
  publishedAt?: string;
  /** ISO-8601 UTC: the last change on the old platform; a re-run updates the article when it moved. */
  updatedAt?: string;
  authors: ImportPerson[];
  /** The first becomes the article's section; the rest become tags. */
  categories: string[];
  tags: string[];
  leadImage?: ImportImage;
  /** Images the body refers to (src attributes), to be brought in and rewritten. */
  bodyImages: ImportImage[];
  /** Every address the item had on the old site (permalink, `?p=ID`, Ghost's `/{slug}/`), absolute or root-relative. */
  oldUrls: string[];
  /** The item's language as the source declares it (WPML/Polylang language, feed language), if any. */
  language?: string;
  /** Things the reader could not carry over, said so a person understands. */
  warnings: string[];
}

/** A problem with one item: it is skipped and reported; the rest of the file is imported. */
export interface ImportItemFailure {
  sourceId: string | null;
  title: string | null;
  reason: string;
}

/** What a reader yields: a story, or a story it had to skip. */
export type ImportEntry = { item: ImportItem } | { failure: ImportItemFailure };

/** What the reader learned about the whole file before or while reading it. */
export interface ImportFileInfo {
  source: ImportSource;
  /** The old site's address (WordPress `<link>`/`wp:base_site_url`, Ghost's url, the feed's link). */
  siteUrl?: string;
  title?: string;
  language?: string;
}

/**
 * Thrown by a reader when the file itself is unusable (not XML/JSON, truncated, another format):
 * nothing is imported, and the CLI exits with code 65. `where` names the place, e.g.
 * `line 12, column 5` or `db[0].data.posts[3]`.
 */
export class ImportFormatError extends Error {
  readonly code = "import_bad_file";
  constructor(
    message: string,
    readonly where: string | null,
  ) {
    super(where ? `${message} (${where})` : message);
    this.name = "ImportFormatError";
  }
}

/** A reader over one file or stream. */
export interface ImportReader {
  /** Reads the file once, yielding each entry in order; throws ImportFormatError on a bad file. */
  entries(): AsyncIterable<ImportEntry>;
  /** Filled in as the header is read (complete once `entries()` has yielded its first entry or ended). */
  readonly info: ImportFileInfo;
}

/** The one JSON line the CLI prints last, and what the admin API reports. */
export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
  redirects: number;
  media: { imported: number; missing: number };
  warnings: string[];
}
