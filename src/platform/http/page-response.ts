import type { FastifyReply, FastifyRequest } from "fastify";
import { type CacheAnswer, type CachedPage, encodePage } from "../cache/page-cache.js";

export interface CachePolicy {
  maxAgeSeconds: number;
  /** False when the page cache is off: every page is rendered for one response and dropped. */
  keepsPages: boolean;
  /** How long shared caches (a CDN, which purges reach) keep a page; browsers use max-age. */
  sharedMaxAgeSeconds?: number;
  staleWhileRevalidateSeconds?: number;
  staleIfErrorSeconds?: number;
}

/** Cache-Control for a public page: short freshness, then served stale while a fresh copy is fetched. */
export function cacheControlFor(status: number, policy: CachePolicy): string {
  const maxAge = policy.maxAgeSeconds;
  if (maxAge === 0) return "no-cache";
  if (status === 200) {
    const shared = policy.sharedMaxAgeSeconds === undefined ? "" : `, s-maxage=${policy.sharedMaxAgeSeconds}`;
    const revalidate = policy.staleWhileRevalidateSeconds ?? maxAge * 5;
    const onError = policy.staleIfErrorSeconds ?? 86_400;
    return `public, max-age=${maxAge}${shared}, stale-while-revalidate=${revalidate}, stale-if-error=${onError}`;
  }
  return `public, max-age=${Math.min(maxAge, 30)}`;
}

/**
 * The policy of an edition in crisis mode: a CDN keeps pages ten times longer (at least ten
 * minutes; every change still purges it), may serve a stale copy for a day while it fetches a
 * new one, and for a week when the origin fails. Browsers keep the usual max-age, so a reload
 * still reaches the (purged) CDN. A policy with caching off stays off.
 */
export function crisisCachePolicy(policy: CachePolicy): CachePolicy {
  if (policy.maxAgeSeconds === 0) return policy;
  return {
    ...policy,
    sharedMaxAgeSeconds: Math.max(policy.maxAgeSeconds * 10, 600),
    staleWhileRevalidateSeconds: 86_400,
    staleIfErrorSeconds: 7 * 86_400,
  };
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === etag);
}

/**
 * True when the client's copy is as new as the page. RFC 9110 §13.1.3: If-Modified-Since is
 * ignored when If-None-Match is present, and HTTP-dates have whole seconds.
 */
function notModifiedSince(request: FastifyRequest, page: CachedPage): boolean {
  if (!page.lastModified || request.headers["if-none-match"] !== undefined) return false;
  const since = Date.parse(request.headers["if-modified-since"] ?? "");
  return !Number.isNaN(since) && Date.parse(page.lastModified) <= since;
}

/**
 * Marks a response as a soft-purged page sent while its replacement renders. It says how old it
 * is (`Age`) and lets no cache keep it; it carries no validator, so it never turns into a 304
 * that would tell a client its copy is current.
 */
export function markStale(reply: FastifyReply, ageSeconds: number): FastifyReply {
  return reply.header("cache-control", "no-cache").header("age", String(ageSeconds)).header("x-cache", "STALE");
}

/** Sends a rendered page with its validators and surrogate keys; answers 304 when the client has it. */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  answer: CacheAnswer,
  policy: CachePolicy,
): FastifyReply {
  const { page, hit, staleAgeSeconds } = answer;
  reply.header("vary", "Accept-Encoding");
  if (staleAgeSeconds !== undefined) {
    markStale(reply, staleAgeSeconds);
  } else {
    reply
      .header("cache-control", cacheControlFor(page.status, policy))
      .header("etag", page.etag)
      .header("x-cache", hit ? "HIT" : "MISS");
    if (page.lastModified) reply.header("last-modified", page.lastModified);
  }
  if (page.keys.length > 0) {
    // The same keys for either CDN: Fastly reads space-separated Surrogate-Key, Cloudflare
    // comma-separated Cache-Tag. A CDN strips its own header before the reader sees it.
    reply.header("surrogate-key", page.keys.join(" ")).header("cache-tag", page.keys.join(","));
  }
  if (
    staleAgeSeconds === undefined &&
    page.status === 200 &&
    (matchesEtag(request.headers["if-none-match"], page.etag) || notModifiedSince(request, page))
  ) {
    return reply.code(304).send();
  }
  const { body, encoding } = encodePage(page, request.headers["accept-encoding"], !policy.keepsPages);
  if (encoding) reply.header("content-encoding", encoding);
  return reply.code(page.status).type(page.contentType).send(body);
}
