import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** A rendered public page, kept with everything needed to answer without rendering again. */
export interface CachedPage {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
  /** Strong validator: a hash of the exact bytes. */
  readonly etag: string;
  /** Surrogate keys of everything the page shows, e.g. "article:42", "home:en". */
  readonly keys: readonly string[];
  /** HTTP-date of the newest content shown, for `Last-Modified` (feeds and sitemaps set it). */
  readonly lastModified?: string;
  /** When time alone makes the page wrong (a news sitemap's 48-hour window), in epoch ms. */
  readonly expiresAt?: number;
  gzip?: Buffer;
  br?: Buffer;
}

export function makePage(
  status: number,
  contentType: string,
  html: string,
  keys: Iterable<string>,
  options: { lastModified?: Date; expiresAt?: Date } = {},
): CachedPage {
  const body = Buffer.from(html, "utf8");
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  return {
    status,
    contentType,
    body,
    etag,
    keys: [...new Set(keys)].sort(),
    ...(options.lastModified ? { lastModified: options.lastModified.toUTCString() } : {}),
    ...(options.expiresAt ? { expiresAt: options.expiresAt.getTime() } : {}),
  };
}

// Quality 4 gives most of brotli's gain (21 kB → 5.9 kB on an article) at about 0.16 ms a page;
// quality 1 (7 kB, 0.08 ms) is for pages that are sent once and thrown away.
const BROTLI_QUALITY = { kept: 4, once: 1 };

/**
 * The body in the best encoding the client accepts. A page that stays in the cache is compressed
 * once per encoding and kept; `once` means it will be discarded, so speed beats size.
 */
export function encodePage(
  page: CachedPage,
  acceptEncoding: string | undefined,
  once = false,
): { body: Buffer; encoding?: string } {
  if (page.body.length < 1024 || !acceptEncoding) return { body: page.body };
  if (/\bbr\b/.test(acceptEncoding)) {
    const quality = once ? BROTLI_QUALITY.once : BROTLI_QUALITY.kept;
    page.br ??= brotliCompressSync(page.body, { params: { [constants.BROTLI_PARAM_QUALITY]: quality } });
    return { body: page.br, encoding: "br" };
  }
  if (/\bgzip\b/.test(acceptEncoding)) {
    page.gzip ??= gzipSync(page.body, { level: once ? 1 : 6 });
    return { body: page.gzip, encoding: "gzip" };
  }
  return { body: page.body };
}

/** Where a purge started: in this process, or in another one and relayed (scaled mode). */
export type PurgeOrigin = "local" | "remote";

export type PurgeListener = (keys: readonly string[], origin: PurgeOrigin) => void;

export interface PageCacheOptions {
  enabled: boolean;
  maxEntries: number;
  /** The clock that expires pages with `expiresAt`; tests set it. */
  now?: () => Date;
}

/**
 * In-memory page cache indexed by surrogate keys. A hit never touches the database.
 * Concurrent misses for one URL share a single render, so a spike on a cold page renders it once.
 */
export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  private readonly byKey = new Map<string, Set<string>>();
  private readonly inFlight = new Map<string, Promise<CachedPage>>();
  private readonly purgeListeners: PurgeListener[] = [];
  /** Bumped on every purge so a render that started before it is not stored after it. */
  private generation = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly options: PageCacheOptions) {}

  get enabled(): boolean {
    return this.options.enabled;
  }

  get size(): number {
    return this.pages.size;
  }

  get(url: string): CachedPage | undefined {
    const page = this.pages.get(url);
    if (page?.expiresAt !== undefined && page.expiresAt <= (this.options.now?.() ?? new Date()).getTime()) {
      this.remove(url);
      return undefined;
    }
    if (page) {
      // Re-insert to keep Map order as least-recently-used first.
      this.pages.delete(url);
      this.pages.set(url, page);
    }
    return page;
  }

  async getOrRender(url: string, render: () => Promise<CachedPage>): Promise<{ page: CachedPage; hit: boolean }> {
    if (!this.options.enabled) return { page: await render(), hit: false };
    const cached = this.get(url);
    if (cached) {
      this.hits++;
      return { page: cached, hit: true };
    }
    this.misses++;
    const pending = this.inFlight.get(url);
    if (pending) return { page: await pending, hit: false };
    const generation = this.generation;
    const promise = render().then((page) => {
      // Error pages (400s) are cheap and attacker-chosen: do not let them fill the cache.
      if (generation === this.generation && (page.status === 200 || page.status === 404)) this.store(url, page);
      return page;
    });
    this.inFlight.set(url, promise);
    try {
      return { page: await promise, hit: false };
    } finally {
      this.inFlight.delete(url);
    }
  }

  private store(url: string, page: CachedPage): void {
    this.remove(url);
    this.pages.set(url, page);
    for (const key of page.keys) {
      let urls = this.byKey.get(key);
      if (!urls) {
        urls = new Set();
        this.byKey.set(key, urls);
      }
      urls.add(url);
    }
    while (this.pages.size > this.options.maxEntries) {
      const oldest = this.pages.keys().next().value;
      if (oldest === undefined) break;
      this.remove(oldest);
    }
  }

  private remove(url: string): void {
    const page = this.pages.get(url);
    if (!page) return;
    this.pages.delete(url);
    for (const key of page.keys) {
      const urls = this.byKey.get(key);
      urls?.delete(url);
      if (urls && urls.size === 0) this.byKey.delete(key);
    }
  }

  /**
   * Drops every page that carries one of the keys; returns how many were dropped. A purge relayed
   * from another process is `remote`, so listeners do not relay it (or call the CDN) again.
   */
  purge(keys: Iterable<string>, origin: PurgeOrigin = "local"): number {
    this.generation++;
    const list = [...keys];
    let dropped = 0;
    for (const key of list) {
      for (const url of [...(this.byKey.get(key) ?? [])]) {
        this.remove(url);
        dropped++;
      }
    }
    for (const listener of this.purgeListeners) listener(list, origin);
    return dropped;
  }

  clear(): void {
    this.generation++;
    this.pages.clear();
    this.byKey.clear();
  }

  /** Called after each purge, e.g. to forward the keys to a CDN or other processes. */
  onPurge(listener: PurgeListener): void {
    this.purgeListeners.push(listener);
  }
}
