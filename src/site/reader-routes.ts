import type { FastifyReply, FastifyRequest } from "fastify";
import { type TObject, type TProperties, type TSchema, Type } from "typebox";
import { type Edition, type EditionsService, pageKeyOf } from "../newsroom/editions.service.js";
import type { CachedPage, PageCache } from "../platform/cache/page-cache.js";
import { HostVariants, markHostApplied } from "../platform/http/host-rewrite.js";
import { type CachePolicy, crisisCachePolicy, sendPage } from "../platform/http/page-response.js";
import type { PageContext } from "./site.service.js";

/*
 * The scaffolding every reader route shares (site, maps, support, newsletters, search, feeds,
 * sitemaps): which edition a request is for, the schemas of its path, and how its page is sent.
 * One copy, so that an edition on a host of its own (EDITION_HOSTS) is honoured by every page.
 */

export const HtmlPage = Type.String({ description: "An HTML page" });
/** The answers of a cached reader page: the page, 304 to a matching validator, its 400 and 404 pages. */
export const htmlResponses = { 200: HtmlPage, 304: Type.Null(), 400: HtmlPage, 404: HtmlPage };
/** Response schemas for pages answered with these statuses, each an HTML page. */
export const htmlPages = (...codes: number[]): Record<number, TSchema> =>
  Object.fromEntries(codes.map((code) => [code, HtmlPage]));

export const Slug = Type.String({ minLength: 1, maxLength: 200 });
export const EditionSegment = Type.String({ minLength: 1, maxLength: 20 });

/**
 * Every reader route is registered twice: at the root edition's (or an edition host's) `/…` and at
 * another edition's `/{code}/…`.
 */
export const EDITION_PREFIXES = ["", "/:edition"] as const;
export type EditionPrefix = (typeof EDITION_PREFIXES)[number];

/** The path parameters of a route under `prefix`: `edition` when it has one, then `extra`. */
export function editionParams(prefix: EditionPrefix, extra: TProperties = {}): TObject {
  return Type.Object({ ...(prefix === "" ? {} : { edition: EditionSegment }), ...extra });
}

/** The request's path without its query string. */
export function pathOf(request: Pick<FastifyRequest, "url">): string {
  return request.url.split("?")[0] ?? "/";
}

/** What edition resolution needs of a request: its Host header and the `:edition` path segment. */
export interface EditionRequest {
  host: string;
  params: unknown;
}

/** How a host other than the site's own serves its pages: a mirror, or the onion address. */
export interface ServedHost {
  /** The host's own origin ("https://mirror.example", "http://….onion"): where its links point. */
  origin: string;
  /** The origin its pages are rendered for: PUBLIC_URL's, or the edition host it mirrors. */
  mirrors: string;
  /** The host editions are resolved as: the mirrored edition host's; undefined for the site's own layout. */
  editionHost: string | undefined;
}

/** Which hosts are mirrors (the distribution capability keeps the list); undefined for any other host. */
export interface HostDirectory {
  servedAs(host: string | undefined): ServedHost | undefined;
}

const NO_MIRRORS: HostDirectory = { servedAs: () => undefined };

export interface ReaderRoutesDeps {
  editions: EditionsService;
  /** An edition's page context (settings, navigation, banner): what every page around its content shows. */
  contexts: { context(edition: Edition): Promise<PageContext> };
  pageCache: PageCache;
  cachePolicy: CachePolicy;
  hosts?: HostDirectory;
  /** Each edition's crisis mode: its pages are then cached longer (`crisisCachePolicy`). */
  crisis?: { active(edition: string): unknown };
}

/** Edition resolution, the page cache and response headers, shared by every reader route. */
export class ReaderRoutes {
  readonly editions: EditionsService;
  private readonly contexts: ReaderRoutesDeps["contexts"];
  private readonly pageCache: PageCache;
  private readonly cachePolicy: CachePolicy;
  readonly hosts: HostDirectory;
  private readonly variants = new HostVariants();
  private readonly crisis: ReaderRoutesDeps["crisis"];

  constructor(deps: ReaderRoutesDeps) {
    this.editions = deps.editions;
    this.contexts = deps.contexts;
    this.pageCache = deps.pageCache;
    this.cachePolicy = deps.cachePolicy;
    this.hosts = deps.hosts ?? NO_MIRRORS;
    this.crisis = deps.crisis;
  }

  /** The Cache-Control policy of an edition's pages now: longer while its crisis mode is on. */
  policyFor(edition: Edition | null): CachePolicy {
    const inCrisis = edition !== null && this.crisis !== undefined && this.crisis.active(edition.code) !== null;
    return inCrisis ? crisisCachePolicy(this.cachePolicy) : this.cachePolicy;
  }

  /**
   * The edition a reader request is for, from its Host and its `:edition` segment; undefined for
   * no edition (the route then answers the site's 404 page).
   */
  editionOf(request: EditionRequest): Edition | undefined {
    const segment = (request.params as { edition?: string } | undefined)?.edition;
    const served = this.hosts.servedAs(request.host);
    return this.editions.resolve(served ? served.editionHost : request.host, segment);
  }

  /**
   * A handler for a page answered to one request (a form, a personal link): the site's 404 when no
   * edition matches the request's host and path, else `handle` with the edition's page context.
   */
  withContext<R extends FastifyRequest>(
    handle: (request: R, reply: FastifyReply, context: PageContext) => Promise<FastifyReply>,
  ): (request: R, reply: FastifyReply) => Promise<FastifyReply> {
    return async (request, reply) => {
      const edition = this.editionOf(request);
      if (!edition) {
        reply.callNotFound();
        return reply;
      }
      return handle(request, reply, await this.contexts.context(edition));
    };
  }

  /**
   * The page as the request's host serves it: on a mirror, with its links pointing at the mirror
   * (made once per page and host, with its own ETag); elsewhere the page itself.
   */
  forHost(request: Pick<FastifyRequest, "host">, page: CachedPage): CachedPage {
    const served = this.hosts.servedAs(request.host);
    if (!served) return page;
    markHostApplied(request);
    return this.variants.of(page, { from: served.mirrors, to: served.origin });
  }

  /**
   * Serves a page from the page cache, rendering it on a miss, with its validators, Cache-Control
   * and surrogate keys (304 when the client has it). `key` is the path plus the query parameters
   * that change the page; it is stored under the edition's origin, so two editions' hosts never
   * share an entry, while a mirror shares the entry of the host it mirrors and gets its own copy
   * from `forHost`. `edition` is null only for site-wide files that are the same on every host.
   */
  async servePage(
    request: FastifyRequest,
    reply: FastifyReply,
    edition: Edition | null,
    key: string,
    render: () => Promise<CachedPage>,
    staleOnError?: (error: unknown) => boolean,
  ): Promise<FastifyReply> {
    const answer = await this.pageCache.getOrRender(edition ? pageKeyOf(edition, key) : key, render, staleOnError);
    return sendPage(request, reply, { ...answer, page: this.forHost(request, answer.page) }, this.policyFor(edition));
  }

  /** Sends a page rendered for this response alone (search results, a 404): public, but not kept. */
  sendFresh(request: FastifyRequest, reply: FastifyReply, page: CachedPage): FastifyReply {
    return sendPage(
      request,
      reply,
      { page: this.forHost(request, page), hit: false },
      { ...this.cachePolicy, keepsPages: false },
    );
  }

  /** Sends an answer to one reader (a form, a personal link): never cached, by us or a CDN. */
  sendPrivate(reply: FastifyReply, page: CachedPage): FastifyReply {
    return reply.code(page.status).header("cache-control", "no-store").type(page.contentType).send(page.body);
  }

  /** The Cache-Control policy of reader pages, for answers that are not pages (a redirect). */
  get policy(): CachePolicy {
    return this.cachePolicy;
  }
}
