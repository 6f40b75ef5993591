import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { isAppError } from "../../errors.js";

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

/**
 * `soft`: the content changed; a purged page may still answer for a few seconds while one request
 * renders its replacement. `hard`: the content must not be shown again (unpublished, archived,
 * a live entry deleted, e.g. for legal reasons): the page is dropped at once.
 */
export type PurgeMode = "soft" | "hard";

export interface PurgeOptions {
  origin?: PurgeOrigin;
  mode?: PurgeMode;
}

export type PurgeListener = (keys: readonly string[], origin: PurgeOrigin, mode: PurgeMode) => void;

export interface PageCacheOptions {
  enabled: boolean;
  maxEntries: number;
  /**
   * How long after a soft purge a page may still be served while its replacement renders; 0
   * drops pages on every purge (the behaviour before stale-while-revalidate).
   */
  staleSeconds?: number;
  /** The clock that expires pages with `expiresAt` and ages stale ones; tests set it. */
  now?: () => Date;
}

/** What answered a request: a fresh page, a stale one (with its age) or a render. */
export interface CacheAnswer {
  page: CachedPage;
  hit: boolean;
  /** Set when a soft-purged page answered while another request renders it: seconds since it was rendered. */
  staleAgeSeconds?: number;
}

interface Entry {
  readonly page: CachedPage;
  readonly storedAt: number;
  /** When a soft purge marked the page stale; undefined while it is current. */
  staleSince?: number;
}

/**
 * In-memory page cache indexed by surrogate keys. A hit never touches the database.
 * Concurrent misses for one URL share a single render, so a spike on a cold page renders it once;
 * after a soft purge the old page keeps answering while that one render runs, so a purge storm
 * does not queue every reader behind a render.
 */
export class PageCache {
  private readonly pages = new Map<string, Entry>();
  private readonly byKey = new Map<string, Set<string>>();
  private readonly inFlight = new Map<string, Promise<CachedPage>>();
  private readonly purgeListeners: PurgeListener[] = [];
  /** Bumped on every purge so a render that started before it is not stored after it. */
  private generation = 0;
  hits = 0;
  misses = 0;
  /** Requests answered with a soft-purged page while its replacement rendered. */
  staleHits = 0;
  /** Renders started (a shared render counts once). */
  renders = 0;

  constructor(private readonly options: PageCacheOptions) {}

  get enabled(): boolean {
    return this.options.enabled;
  }

  get size(): number {
    return this.pages.size;
  }

  private now(): number {
    return (this.options.now?.() ?? new Date()).getTime();
  }

  /**
   * The entry for a URL if it may still answer: pages past their `expiresAt`, and stale pages past
   * the stale bound, are dropped here.
   */
  private lookup(url: string, now: number): Entry | undefined {
    const entry = this.pages.get(url);
    if (!entry) return undefined;
    const expired = entry.page.expiresAt !== undefined && entry.page.expiresAt <= now;
    const tooStale =
      entry.staleSince !== undefined && now - entry.staleSince >= (this.options.staleSeconds ?? 0) * 1000;
    if (expired || tooStale) {
      this.remove(url);
      return undefined;
    }
    return entry;
  }

  /** The current (not stale) page for a URL. */
  get(url: string): CachedPage | undefined {
    const entry = this.lookup(url, this.now());
    if (!entry || entry.staleSince !== undefined) return undefined;
    // Re-insert to keep Map order as least-recently-used first.
    this.pages.delete(url);
    this.pages.set(url, entry);
    return entry.page;
  }

  /**
   * The page for a URL: from the cache, or rendered once however many ask. `staleOnError` tells a
   * failure (the database is down: a stale page is better than none) from an answer the render
   * expresses as an error (a 400 or a redirect: the stale page would be wrong); by default every
   * error but an `AppError` is a failure.
   */
  async getOrRender(
    url: string,
    render: () => Promise<CachedPage>,
    staleOnError: (error: unknown) => boolean = (error) => !isAppError(error),
  ): Promise<CacheAnswer> {
    if (!this.options.enabled) {
      this.renders++;
      return { page: await render(), hit: false };
    }
    const now = this.now();
    const entry = this.lookup(url, now);
    if (entry && entry.staleSince === undefined) {
      this.hits++;
      this.pages.delete(url);
      this.pages.set(url, entry);
      return { page: entry.page, hit: true };
    }
    const pending = this.inFlight.get(url);
    if (entry && pending) {
      this.staleHits++;
      return this.staleAnswer(entry, now);
    }
    this.misses++;
    if (pending) return { page: await pending, hit: false };
    const promise = this.startRender(url, render);
    try {
      return { page: await promise, hit: false };
    } catch (error) {
      // A failed re-render leaves the stale page in place: it answers (within its bound) and the
      // next request tries the render again.
      const fallback = staleOnError(error) ? this.lookup(url, this.now()) : undefined;
      if (fallback?.staleSince !== undefined) {
        this.staleHits++;
        return this.staleAnswer(fallback, this.now());
      }
      throw error;
    } finally {
      if (this.inFlight.get(url) === promise) this.inFlight.delete(url);
    }
  }

  private staleAnswer(entry: Entry, now: number): CacheAnswer {
    return { page: entry.page, hit: true, staleAgeSeconds: Math.max(0, Math.floor((now - entry.storedAt) / 1000)) };
  }

  private startRender(url: string, render: () => Promise<CachedPage>): Promise<CachedPage> {
    const generation = this.generation;
    this.renders++;
    const promise = render().then((page) => {
      if (generation !== this.generation) return page;
      // Error pages (400s) are cheap and attacker-chosen: do not let them fill the cache. The
      // render is the truth now, so a stale page it did not replace goes too.
      if (page.status === 200 || page.status === 404) this.store(url, page);
      else this.remove(url);
      return page;
    });
    this.inFlight.set(url, promise);
    return promise;
  }

  private store(url: string, page: CachedPage): void {
    this.remove(url);
    this.pages.set(url, { page, storedAt: this.now() });
    for (const key of page.keys) {
      let urls = this.byKey.get(key);
      if (!urls) {
        urls = new Set();
        this.byKey.set(key, urls);
      }
      urls.add(url);
    }
    // Stale pages count toward the limit like current ones, so a purge never grows the cache.
    while (this.pages.size > this.options.maxEntries) {
      const oldest = this.pages.keys().next().value;
      if (oldest === undefined) break;
      this.remove(oldest);
    }
  }

  private remove(url: string): void {
    const entry = this.pages.get(url);
    if (!entry) return;
    this.pages.delete(url);
    for (const key of entry.page.keys) {
      const urls = this.byKey.get(key);
      urls?.delete(url);
      if (urls && urls.size === 0) this.byKey.delete(key);
    }
  }

  /**
   * Purges every page that carries one of the keys; returns how many were purged. A soft purge
   * (the default) marks pages stale when the cache keeps stale pages, a hard one drops them. A
   * purge relayed from another process is `remote`, so listeners do not relay it (or call the
   * CDN) again.
   */
  purge(keys: Iterable<string>, options: PurgeOptions = {}): number {
    const origin = options.origin ?? "local";
    const mode = options.mode ?? "soft";
    this.generation++;
    const list = [...keys];
    const keepsStale = mode === "soft" && (this.options.staleSeconds ?? 0) > 0;
    const now = this.now();
    const urls = new Set(list.flatMap((key) => [...(this.byKey.get(key) ?? [])]));
    for (const url of urls) {
      const entry = this.pages.get(url);
      if (keepsStale && entry) entry.staleSince ??= now;
      else this.remove(url);
    }
    // A render that began before a hard purge may hold the removed content: later requests must
    // not wait on it and be given that content, so they start their own.
    if (mode === "hard") this.inFlight.clear();
    for (const listener of this.purgeListeners) listener(list, origin, mode);
    return urls.size;
  }

  /** Purges every page (the purge-storm benchmark's lever). */
  purgeAll(options: PurgeOptions = {}): number {
    return this.purge([...this.byKey.keys()], options);
  }

  clear(): void {
    this.generation++;
    this.pages.clear();
    this.byKey.clear();
    this.inFlight.clear();
  }

  /** Called after each purge, e.g. to forward the keys to a CDN or other processes. */
  onPurge(listener: PurgeListener): void {
    this.purgeListeners.push(listener);
  }
}
