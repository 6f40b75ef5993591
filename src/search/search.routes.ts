import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { Edition, EditionsService } from "../newsroom/editions.service.js";
import { type CachePolicy, sendPage } from "../platform/http/page-response.js";
import { translate } from "../platform/i18n/messages.js";
import type { RateLimiter } from "../platform/rate-limit/rate-limiter.js";
import type { SiteRenderer } from "../site/site.renderer.js";
import type { SiteService } from "../site/site.service.js";
import { MAX_QUERY_CHARS } from "./query.js";
import { type SearchParams, SearchQuerystring } from "./search.schemas.js";
import { RESULTS_PER_PAGE, type SearchService } from "./search.service.js";

export interface SearchRouteDeps {
  search: SearchService;
  site: SiteService;
  editions: EditionsService;
  renderer: SiteRenderer;
  rateLimiter: RateLimiter;
  cachePolicy: CachePolicy;
}

/** Searches a reader may run per minute from one address: far above a person, below a scraper. */
export const SEARCHES_PER_MINUTE = 60;

const HtmlPage = Type.String({ description: "An HTML page" });

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
  const { search, site, editions, renderer, rateLimiter, cachePolicy } = deps;

  async function handler(
    request: FastifyRequest<{ Params: SearchParams; Querystring: SearchQuerystring }>,
    reply: FastifyReply,
  ) {
    const segment = request.params.edition;
    const edition: Edition | undefined = editions.resolve(request.host, segment);
    if (!edition) return reply.callNotFound();
    const context = await site.context(edition);
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
        return reply
          .code(429)
          .header("retry-after", String(decision.retryAfterSeconds))
          .header("cache-control", "no-store")
          .type(limited.contentType)
          .send(limited.body);
      }
    }
    const results = await search.search(edition, query, page);
    return sendPage(request, reply, renderer.search(context, results), false, cachePolicy);
  }

  for (const prefix of ["", "/:edition"]) {
    app.get(
      `${prefix}/search`,
      {
        preValidation: firstQueryValues,
        schema: {
          params:
            prefix === "" ? Type.Object({}) : Type.Object({ edition: Type.String({ minLength: 1, maxLength: 20 }) }),
          querystring: SearchQuerystring,
          response: { 200: HtmlPage, 304: Type.Null(), 404: HtmlPage, 429: HtmlPage },
        },
      },
      handler,
    );
  }
}
