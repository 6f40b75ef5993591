import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { translate } from "../platform/i18n/messages.js";
import type { RateLimiter } from "../platform/rate-limit/rate-limiter.js";
import { EDITION_PREFIXES, editionParams, htmlPages, type ReaderRoutes } from "../site/reader-routes.js";
import type { SiteRenderer } from "../site/site.renderer.js";
import { MAX_QUERY_CHARS } from "./query.js";
import { type SearchParams, SearchQuerystring } from "./search.schemas.js";
import { RESULTS_PER_PAGE, type SearchService } from "./search.service.js";

export interface SearchRouteDeps {
  search: SearchService;
  renderer: SiteRenderer;
  rateLimiter: RateLimiter;
  reader: ReaderRoutes;
}

/** Searches a reader may run per minute from one address: far above a person, below a scraper. */
export const SEARCHES_PER_MINUTE = 60;

/**
 * "?q=a&q=b" arrives as an array, which the schema would answer with a 400; search never answers
 * 400, so a repeated parameter counts by its first value, as most sites read it.
 */
async function firstQueryValues(request: { query: unknown }): Promise<void> {
  const query = request.query as Record<string, unknown>;
  for (const key of ["q", "page"]) {
    const value = query[key];
    if (Array.isArray(value)) query[key] = value[0];
  }
}

/** `{base}search?q=…&page=…` for every edition. */
export function registerSearchRoutes(app: FastifyInstance, deps: SearchRouteDeps): void {
  const { search, renderer, rateLimiter, reader } = deps;

  const handler = reader.withContext(
    async (
      request: FastifyRequest<{ Params: SearchParams; Querystring: SearchQuerystring }>,
      reply: FastifyReply,
      context,
    ) => {
      const { edition } = context;
      const query = request.query.q ?? "";
      const page = Number.parseInt(request.query.page ?? "1", 10);
      if (query.trim() !== "") {
        const decision = await rateLimiter.hit(`search:${request.ip}`, SEARCHES_PER_MINUTE, 60);
        if (!decision.allowed) {
          const empty = {
            query: query.slice(0, MAX_QUERY_CHARS),
            page: 1,
            perPage: RESULTS_PER_PAGE,
            total: 0,
            capped: false,
            hasNext: false,
            hits: [],
          };
          const limited = renderer.search(context, empty, 429, translate(edition.language, "search.tooMany"));
          return reader.sendPrivate(reply.header("retry-after", String(decision.retryAfterSeconds)), limited);
        }
      }
      const results = await search.search(edition, query, page);
      // Results are rendered per query and not kept; a CDN may still hold them briefly.
      return reader.sendFresh(request, reply, renderer.search(context, results));
    },
  );

  for (const prefix of EDITION_PREFIXES) {
    app.get(
      `${prefix}/search`,
      {
        preValidation: firstQueryValues,
        schema: {
          params: editionParams(prefix),
          querystring: SearchQuerystring,
          response: { ...htmlPages(200, 404, 429), 304: Type.Null() },
        },
      },
      handler,
    );
  }
}
