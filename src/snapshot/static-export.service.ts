import fs from "node:fs";
import path from "node:path";
import { translate } from "../platform/i18n/messages.js";
import type { SigningKey } from "../platform/security/signing-key.js";
import { MIRROR_LINK_ATTRIBUTE, type PageRewrite, rewritePage, rewriteStyleSheet } from "./snapshot-links.js";
import {
  MANIFEST_FILE,
  type ManifestEntry,
  readManifest,
  SIGNATURE_FILE,
  serializeManifest,
  sha256Of,
  walkFiles,
} from "./snapshot-manifest.js";
import { addressOf, fileOf, relativeLink, requestPathOf, type SiteAddress } from "./snapshot-paths.js";

/*
 * The static snapshot: the reader site as a folder of files that works from any static host, an
 * S3 bucket, IPFS or a USB stick. Pages are the site's own, rendered in-process through its routes
 * (a crawl from each edition's front page and the sitemaps), so the copy cannot drift from what
 * readers see; only their links are rewritten to relative file links.
 */

/** What the exporter needs of the site: one GET, answered in-process (Fastify's `inject`). */
export type SiteFetch = (pathWithQuery: string) => Promise<SiteResponse>;

export interface SiteResponse {
  status: number;
  contentType: string;
  /** The Location of a redirect. */
  location?: string;
  body: Buffer;
}

/** An edition as the snapshot sees it: its code, its path on the primary host and its language. */
export interface SnapshotEdition {
  code: string;
  basePath: string;
  language: string;
}

export interface StaticExportOptions {
  /** The folder written (created when missing). */
  dir: string;
  /** The live site's primary URL (PUBLIC_URL): what canonical links keep naming. */
  site: string;
  fetch: SiteFetch;
  /** Every edition served on the primary host. */
  editions: SnapshotEdition[];
  /** The codes to copy (all by default). Pages of the others link to the live site. */
  only?: string[];
  /** Only articles changed on or after this time (their sitemap `lastmod`); older ones link live. */
  since?: Date;
  /**
   * Site paths to copy besides what the sitemaps list and the pages link to (every edition's map
   * pages: a map is not in the sitemaps). One the site answers 404 is left out without complaint.
   */
  pages?: string[];
  /** The addresses the note on forms and search offers (the outlet's mirrors, else the site). */
  mirrors: string[];
  /** The built browser files (`dist/client`), copied to `assets/`; null when not built. */
  assetsDir: string | null;
  key: SigningKey;
  now?: () => Date;
  /** Progress lines for long runs (stderr in the CLI), every `progressEvery` files. */
  progress?: (line: string) => void;
  progressEvery?: number;
  /** Pages rendered at once. */
  concurrency?: number;
}

export interface StaticExportReport {
  files: number;
  bytes: number;
  written: number;
  unchanged: number;
  removed: number;
  seconds: number;
  /** Addresses the site did not answer with a page (their links stay, pointing at nothing). */
  failed: { path: string; status: number }[];
}

/** Site paths that are never copied: the newsroom, APIs, per-reader and form endpoints. */
const LIVE_ONLY =
  /^\/(?:admin|api|push|outbox|healthz|readyz|metrics|auth)(?:\/|$)|\/live\.json$|\/support\/(?:checkout|manage|portal|thanks|cancelled)|\/newsletters\/(?!subscribe$)/;
/** Files served the same for every edition (kept under `--edition` too). */
const SITE_WIDE = /^\/(?:assets|media|geo|sitemaps)\/|^\/(?:sitemap\.xml|robots\.txt|logo\.svg|logo\.png|push-sw\.js)$/;
/** An article's path below its edition's base path. */
const ARTICLE_PATH = /^\/news\/[^/]+$/;
const SITEMAP_LOC = /<loc>([^<]+)<\/loc>(?:\s*<lastmod>([^<]+)<\/lastmod>)?/g;
/** Cached browser files written beside the originals for the live server; a snapshot needs one copy. */
const SKIPPED_ASSET = /(?:\.br|\.gz|\.map)$|(?:^|\/)\.vite\//;

function decodeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_all, name: string) =>
    name === "amp" ? "&" : name === "lt" ? "<" : name === "gt" ? ">" : name === "quot" ? '"' : "'",
  );
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The HTML that replaces a form: what cannot work in a copy, and where the live site is. */
export function mirrorNote(language: string, mirrors: readonly string[]): string {
  const items = mirrors
    .map(
      (mirror) =>
        `<li><a ${MIRROR_LINK_ATTRIBUTE} href="${escapeHtml(mirror)}">${escapeHtml(mirror.replace(/^https?:\/\//, ""))}</a></li>`,
    )
    .join("");
  return `<aside class="snapshot-note" role="note"><p>${escapeHtml(translate(language, "snapshot.offline"))}</p><ul>${items}</ul></aside>`;
}

/** A page that sends the reader on to `target` (a file link): what a redirect becomes. */
function redirectPage(target: string): string {
  const href = escapeHtml(target);
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=${href}"><title>…</title></head><body><a href="${href}">${href}</a></body></html>\n`;
}

/** Writes the snapshot of the site into `options.dir` (only changed files) and signs its manifest. */
export async function exportStaticSite(options: StaticExportOptions): Promise<StaticExportReport> {
  const started = Date.now();
  const now = options.now ?? (() => new Date());
  const dir = path.resolve(options.dir);
  fs.mkdirSync(dir, { recursive: true });
  const site = new URL(options.site);
  const selected = new Set(options.only ?? options.editions.map((edition) => edition.code));
  // Longest base path first: `/ru/` before the root edition's `/`.
  const editions = [...options.editions].sort((a, b) => b.basePath.length - a.basePath.length);
  const editionOf = (sitePath: string) =>
    editions.find(
      (edition) => sitePath === edition.basePath.replace(/\/$/, "") || sitePath.startsWith(edition.basePath),
    );
  const previous = new Map((readManifest(dir)?.files ?? []).map((entry) => [entry.path, entry]));
  const entries = new Map<string, ManifestEntry>();
  const report: StaticExportReport = {
    files: 0,
    bytes: 0,
    written: 0,
    unchanged: 0,
    removed: 0,
    seconds: 0,
    failed: [],
  };
  const every = options.progressEvery ?? 500;

  /** Writes `bytes` as `file` unless the previous run wrote the same bytes (its mtime then stays). */
  function emit(file: string, bytes: Buffer): void {
    if (entries.has(file) || file === MANIFEST_FILE || file === SIGNATURE_FILE) return;
    const sha256 = sha256Of(bytes);
    const target = path.join(dir, ...file.split("/"));
    const before = previous.get(file);
    const same = before?.sha256 === sha256 && before.size === bytes.length && sizeOf(target) === bytes.length;
    if (same) report.unchanged++;
    else {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const temporary = `${target}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, bytes);
      fs.renameSync(temporary, target);
      report.written++;
    }
    entries.set(file, { path: file, size: bytes.length, sha256 });
    report.files++;
    report.bytes += bytes.length;
    if (options.progress && report.files % every === 0) {
      options.progress(
        `snapshot: ${report.files} files (${report.written} written, ${report.unchanged} unchanged), ${Math.round((Date.now() - started) / 1000)} s`,
      );
    }
  }

  // The browser files first: pages link to them, and their style sheets name fonts by root path.
  const assetFiles = new Set<string>();
  if (options.assetsDir && fs.existsSync(options.assetsDir)) {
    for (const relative of walkFiles(options.assetsDir)) {
      if (SKIPPED_ASSET.test(relative)) continue;
      assetFiles.add(`assets/${relative}`);
    }
    for (const file of assetFiles) {
      const source = path.join(options.assetsDir, ...file.slice("assets/".length).split("/"));
      const bytes = fs.readFileSync(source);
      if (file.endsWith(".css")) {
        const css = rewriteStyleSheet(bytes.toString("utf8"), (value) => {
          if (!value.startsWith("/")) return undefined;
          return relativeLink(file, fileOf(addressOf(new URL(value, site))));
        });
        emit(file, Buffer.from(css, "utf8"));
      } else {
        emit(file, bytes);
      }
    }
  }

  const articleDates = new Map<string, Date>();
  const isArticle = (sitePath: string) => {
    const edition = editionOf(sitePath);
    return edition !== undefined && ARTICLE_PATH.test(sitePath.slice(edition.basePath.length - 1));
  };

  /** Whether the address belongs in this snapshot (else its links go to the live site). */
  function isCopied(address: SiteAddress): boolean {
    if (LIVE_ONLY.test(address.path)) return false;
    if (SITE_WIDE.test(address.path)) return true;
    const edition = editionOf(address.path);
    if (!edition || !selected.has(edition.code)) return false;
    if (options.since && isArticle(address.path)) {
      const changed = articleDates.get(address.path);
      return changed !== undefined && changed >= options.since;
    }
    return true;
  }

  const queued = new Set<string>();
  const optional = new Set<string>();
  const queue: SiteAddress[] = [];
  function enqueue(address: SiteAddress): void {
    const file = fileOf(address);
    if (queued.has(file) || assetFiles.has(file)) return;
    queued.add(file);
    queue.push(address);
  }

  /** The link rewrite for a page or style sheet at `file`, whose own address is `pageUrl`. */
  function linkRewrite(file: string, pageUrl: URL) {
    return (value: string): string | undefined => {
      if (value === "" || value.startsWith("#")) return undefined;
      let url: URL;
      try {
        url = new URL(value, pageUrl);
      } catch {
        return undefined;
      }
      if ((url.protocol !== "http:" && url.protocol !== "https:") || url.origin !== site.origin) return undefined;
      const address = addressOf(url);
      // What the copy does not hold is read on the live site.
      if (!isCopied(address)) return `${site.origin}${url.pathname}${url.search}${url.hash}`;
      enqueue(address);
      return `${relativeLink(file, fileOf(address))}${url.hash}`;
    };
  }

  const languageOf = (html: string) => /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1] ?? "en";
  const notes = new Map<string, string>();
  const noteIn = (language: string) => {
    let note = notes.get(language);
    if (!note) {
      note = mirrorNote(language, options.mirrors);
      notes.set(language, note);
    }
    return note;
  };

  async function copy(address: SiteAddress, file = fileOf(address)): Promise<void> {
    const requestPath = requestPathOf(address);
    const response = await options.fetch(requestPath);
    const pageUrl = new URL(requestPath, site);
    if (response.status >= 300 && response.status < 400 && response.location) {
      const target = new URL(response.location, pageUrl);
      if (target.origin !== site.origin) return;
      const link = linkRewrite(file, pageUrl)(target.href);
      if (file.endsWith(".html") && link) emit(file, Buffer.from(redirectPage(link), "utf8"));
      return;
    }
    if (response.status === 404 && optional.has(file)) return;
    if (response.status !== 200 && file !== "404.html") {
      report.failed.push({ path: requestPath, status: response.status });
      return;
    }
    const type = response.contentType.split(";")[0]?.trim().toLowerCase() ?? "";
    if (type === "text/html") {
      const html = response.body.toString("utf8");
      const rewrite: PageRewrite = { link: linkRewrite(file, pageUrl), formNote: noteIn(languageOf(html)) };
      emit(file, Buffer.from(rewritePage(html, rewrite), "utf8"));
    } else if (type === "text/css") {
      emit(file, Buffer.from(rewriteStyleSheet(response.body.toString("utf8"), linkRewrite(file, pageUrl)), "utf8"));
    } else {
      if (file.endsWith(".xml") && /sitemap/.test(file)) readSitemap(response.body.toString("utf8"));
      // Feeds and sitemaps keep their absolute URLs: what reads them needs the live addresses.
      emit(file, response.body);
    }
  }

  /** Queues what a sitemap lists (the sitemaps of an index, every published article). */
  function readSitemap(xml: string): void {
    for (const match of xml.matchAll(SITEMAP_LOC)) {
      let url: URL;
      try {
        url = new URL(decodeXml(match[1] ?? ""));
      } catch {
        continue;
      }
      if (url.origin !== site.origin) continue;
      const address = addressOf(url);
      if (match[2]) {
        const changed = new Date(match[2]);
        if (!Number.isNaN(changed.getTime())) articleDates.set(address.path, changed);
      }
      if (url.pathname.endsWith(".xml")) {
        enqueue(address);
      } else if (isCopied(address)) {
        enqueue(address);
      }
    }
  }

  /** Copies everything queued, and whatever those pages link to, a few pages at a time. */
  function drain(): Promise<void> {
    const limit = options.concurrency ?? 4;
    let active = 0;
    return new Promise<void>((resolve, reject) => {
      const pump = (): void => {
        while (active < limit && queue.length > 0) {
          const address = queue.shift() as SiteAddress;
          active++;
          copy(address).then(() => {
            active--;
            pump();
          }, reject);
        }
        if (queue.length === 0 && active === 0) resolve();
      };
      pump();
    });
  }

  // Sitemaps first: they list every article (with its date, which `--since` needs) before any
  // page's links are judged.
  enqueue(addressOf(new URL("/sitemap.xml", site)));
  await drain();
  enqueue(addressOf(new URL("/robots.txt", site)));
  const copied = options.editions.filter((edition) => selected.has(edition.code));
  for (const edition of copied) {
    enqueue(addressOf(new URL(edition.basePath, site)));
    enqueue(addressOf(new URL(`${edition.basePath}news-sitemap.xml`, site)));
  }
  for (const page of options.pages ?? []) {
    const address = addressOf(new URL(page, site));
    if (!isCopied(address)) continue;
    optional.add(fileOf(address));
    enqueue(address);
  }
  await drain();
  // The not-found page of the first edition copied, which static hosts show for a missing file.
  const first = copied[0];
  if (first) await copy(addressOf(new URL(`${first.basePath}snapshot-has-no-such-page`, site)), "404.html");

  const produced = new Set(entries.keys());
  for (const file of previous.keys()) {
    if (produced.has(file)) continue;
    removeFile(dir, file);
    report.removed++;
  }
  const manifest = serializeManifest({
    format: "gazette-snapshot/1",
    site: site.origin + site.pathname.replace(/\/$/, ""),
    generatedAt: now().toISOString(),
    editions: copied.map((edition) => edition.code),
    publicKey: options.key.publicKey,
    files: [...entries.values()],
  });
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), manifest);
  fs.writeFileSync(path.join(dir, SIGNATURE_FILE), `${options.key.sign(manifest)}\n`);
  report.seconds = (Date.now() - started) / 1000;
  return report;
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return -1;
  }
}

/** Deletes a file the snapshot no longer has, and the folders it leaves empty. */
function removeFile(dir: string, file: string): void {
  const target = path.join(dir, ...file.split("/"));
  if (!target.startsWith(dir + path.sep)) return;
  fs.rmSync(target, { force: true });
  let folder = path.dirname(target);
  while (folder.startsWith(dir + path.sep)) {
    try {
      fs.rmdirSync(folder);
    } catch {
      return;
    }
    folder = path.dirname(folder);
  }
}
