import { type CachedPage, makePage } from "../cache/page-cache.js";

/*
 * Mirrors and the onion address serve the pages rendered for the site's own host. The page cache
 * keeps one copy, as rendered for that host; a mirror's copy is made from it here, on the way out,
 * by pointing every link at the mirror, except the ones that must name the original: the canonical
 * link, the hreflang alternates and the JSON-LD. A copy is made once per page and host and kept
 * with the page, with its own ETag and compressed bodies, and goes when the page is purged.
 */

/** Content whose links are the reader's way around the site: rewritten for a mirror. */
const REWRITTEN_TYPES = ["text/html", "application/rss+xml", "application/atom+xml", "application/feed+json"];

/** Whether a response of this Content-Type has links to point at a mirror (sitemaps and JSON APIs keep theirs). */
export function isRewritable(contentType: string | undefined): boolean {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  return type !== undefined && REWRITTEN_TYPES.includes(type);
}

/*
 * The parts of a page that name the original host on every copy: search engines and apps must see
 * one address per story. The HTML is our own renderer's output (attributes double-quoted), so a
 * pattern over tags is enough; `hreflang` only ever appears on alternate links.
 */
const KEPT =
  /<link\b[^>]*\brel="canonical"[^>]*>|<link\b[^>]*\bhreflang="[^"]*"[^>]*>|<script\b[^>]*\btype="application\/ld\+json"[^>]*>[\s\S]*?<\/script>/gi;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Matches the origin where it ends (so "https://news.example" is not found in
 * "https://news.example.org"), and its percent-encoded form: share links carry the page's address
 * as a query parameter.
 */
function originPattern(from: string): RegExp {
  const plain = `${escapeRegExp(from)}(?=[/"'?#<>\\s&,)\\]]|$)`;
  const encoded = `${escapeRegExp(encodeURIComponent(from))}(?=%2F|%3F|%23|["'&<\\s]|$)`;
  return new RegExp(`${plain}|${encoded}`, "g");
}

function replaceOrigin(text: string, pattern: RegExp, from: string, to: string): string {
  const encodedTo = encodeURIComponent(to);
  return text.replace(pattern, (found) => (found === from ? to : encodedTo));
}

/**
 * `text` with links to `from` (an origin, "https://news.example") pointing at `to`. In HTML the
 * canonical link, hreflang alternates and JSON-LD keep `from`; in feeds every link moves.
 */
export function rewriteOrigin(text: string, contentType: string, from: string, to: string): string {
  if (from === to || (!text.includes(from) && !text.includes(encodeURIComponent(from)))) return text;
  const pattern = originPattern(from);
  if (!contentType.toLowerCase().startsWith("text/html")) return replaceOrigin(text, pattern, from, to);
  let out = "";
  let last = 0;
  for (const match of text.matchAll(KEPT)) {
    out += replaceOrigin(text.slice(last, match.index), pattern, from, to) + match[0];
    last = match.index + match[0].length;
  }
  return out + replaceOrigin(text.slice(last), pattern, from, to);
}

/** Where a host's copy of a page comes from and goes to. */
export interface OriginSwap {
  /** The origin the page was rendered for. */
  from: string;
  /** The origin of the host it is served on. */
  to: string;
}

/** Each cached page's copies for other hosts, kept as long as the page itself. */
export class HostVariants {
  private readonly variants = new WeakMap<CachedPage, Map<string, CachedPage>>();

  /** The page as served on `swap.to`: the page itself when it has nothing to point elsewhere. */
  of(page: CachedPage, swap: OriginSwap): CachedPage {
    if (swap.from === swap.to || !isRewritable(page.contentType)) return page;
    let byHost = this.variants.get(page);
    const known = byHost?.get(swap.to);
    if (known) return known;
    const text = page.body.toString("utf8");
    const rewritten = rewriteOrigin(text, page.contentType, swap.from, swap.to);
    const variant =
      rewritten === text
        ? page
        : makePage(page.status, page.contentType, rewritten, page.keys, {
            ...(page.lastModified ? { lastModified: new Date(page.lastModified) } : {}),
            ...(page.expiresAt !== undefined ? { expiresAt: new Date(page.expiresAt) } : {}),
          });
    if (!byHost) {
      byHost = new Map();
      this.variants.set(page, byHost);
    }
    byHost.set(swap.to, variant);
    return variant;
  }
}

const applied = new WeakSet<object>();

/** Notes that a request's response was already made for its host, so the last-chance rewrite skips it. */
export function markHostApplied(request: object): void {
  applied.add(request);
}

export function isHostApplied(request: object): boolean {
  return applied.has(request);
}
