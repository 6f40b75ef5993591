import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type TSchema, Type } from "typebox";
import { AppError } from "../errors.js";
import {
  type CacheAnswer,
  type CachedPage,
  encodePage,
  makePage,
  type PageCache,
} from "../platform/cache/page-cache.js";
import { createErrorHandler } from "../platform/http/error-handler.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { markStale } from "../platform/http/page-response.js";
import type { RateLimiter } from "../platform/rate-limit/rate-limiter.js";
import { renderApiDocs } from "./api-docs.renderer.js";
import type { ApiClient, ApiKeysService } from "./api-keys.service.js";
import {
  ArticleListQuery,
  ArticleListSchema,
  ArticleParams,
  ArticleQuery,
  ArticleSchema,
  AuthorListSchema,
  EditionOnlyQuery,
  IdParams,
  KeyOnlyQuery,
  LiveEntriesSchema,
  MapLayersSchema,
  MapListSchema,
  MapParams,
  SectionListSchema,
  TagListSchema,
} from "./content-api.schemas.js";
import type { ContentApiService, Keyed } from "./content-api.service.js";
import { type ApiOperation, OpenApiCollector } from "./openapi.js";

export const API_PREFIX = "/api/v1";
const RATE_WINDOW_SECONDS = 60;
const DOCS_MAX_AGE_SECONDS = 300;
const FAILED_KEYS_PER_MINUTE = 30;

export interface ContentApiRouteDeps {
  content: ContentApiService;
  keys: ApiKeysService;
  rateLimiter: RateLimiter;
  pageCache: PageCache;
  publicUrl: string;
  corsOrigins: readonly string[];
  rateLimitPerMinute: number;
  /** How long clients may reuse an answer (CACHE_MAX_AGE). */
  maxAgeSeconds: number;
}

const ERRORS = {
  400: { description: "A parameter is not valid (`validation_failed`, `invalid_cursor`).", schema: ErrorSchema },
  401: {
    description: "No key (`api_key_missing`), or an unknown or revoked one (`api_key_invalid`).",
    schema: ErrorSchema,
  },
  404: { description: "Nothing by that name (`not_found`).", schema: ErrorSchema },
  429: {
    description: "The key's requests per minute are used up (`rate_limited`); see Retry-After.",
    schema: ErrorSchema,
  },
};
const NOT_MODIFIED = { 304: { description: "Unchanged since the ETag sent in If-None-Match." } };

function rateLimited(reply: FastifyReply, retryAfterSeconds: number, what: string): AppError {
  reply.header("retry-after", String(retryAfterSeconds));
  return new AppError("rate_limited", `${what}; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
}

/** The key a request carries: `Authorization: Bearer <key>`, else `?key=`. */
function keyOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) return /^Bearer +(\S+)$/i.exec(header)?.[1];
  const query = request.query as { key?: unknown } | undefined;
  return typeof query?.key === "string" && query.key !== "" ? query.key : undefined;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(",")
    .some((candidate) => candidate.trim().replace(/^W\//, "") === etag || candidate.trim() === "*");
}

/** The page-cache entry of a request: its path and sorted query, without the key (every partner shares it). */
function cacheKeyOf(request: FastifyRequest): string {
  const url = new URL(request.url, "http://api.invalid");
  url.searchParams.delete("key");
  url.searchParams.sort();
  return `api:${url.pathname}?${url.searchParams.toString()}`;
}

/**
 * The public, read-only Content API under /api/v1: key check and per-key rate limit in every
 * handler, CORS for the configured origins, answers kept in the page cache (purged by the same
 * surrogate keys as the site's pages) and revalidated by ETag. The OpenAPI document is written
 * from the schemas the routes register with.
 */
export async function registerContentApiRoutes(app: FastifyInstance, deps: ContentApiRouteDeps): Promise<void> {
  const { content, keys, rateLimiter, pageCache } = deps;
  const allowedOrigins = new Set(deps.corsOrigins);
  const openapi = new OpenApiCollector();
  const maxAge = deps.maxAgeSeconds;
  const privateCacheControl =
    maxAge === 0 ? "private, no-cache" : `private, max-age=${maxAge}, stale-while-revalidate=${maxAge * 5}`;

  async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<ApiClient> {
    const key = keyOf(request);
    if (key === undefined) {
      reply.header("www-authenticate", 'Bearer realm="gazette"');
      throw new AppError("api_key_missing", "This API needs a key: send Authorization: Bearer <key>, or ?key=<key>.");
    }
    const client = await keys.authenticate(key);
    if (!client) {
      // Guessing keys costs a lookup each; a client that keeps failing is slowed down by address.
      const guesses = await rateLimiter.hit(`api-key-fail:${request.ip}`, FAILED_KEYS_PER_MINUTE, RATE_WINDOW_SECONDS);
      if (!guesses.allowed) throw rateLimited(reply, guesses.retryAfterSeconds, "Too many requests with a bad key");
      reply.header("www-authenticate", 'Bearer realm="gazette", error="invalid_token"');
      throw new AppError("api_key_invalid", "This API key is unknown or has been revoked.");
    }
    const decision = await rateLimiter.hit(`api-key:${client.keyId}`, deps.rateLimitPerMinute, RATE_WINDOW_SECONDS);
    if (!decision.allowed) {
      throw rateLimited(
        reply,
        decision.retryAfterSeconds,
        `This key has made its ${deps.rateLimitPerMinute} requests of the minute`,
      );
    }
    keys.recordUse(client.keyId);
    return client;
  }

  function send(request: FastifyRequest, reply: FastifyReply, answer: CacheAnswer, cacheControl: string) {
    const { page, hit, staleAgeSeconds } = answer;
    reply.header("vary", "Authorization, Origin, Accept-Encoding");
    if (staleAgeSeconds !== undefined) {
      markStale(reply, staleAgeSeconds);
    } else {
      reply
        .header("cache-control", cacheControl)
        .header("etag", page.etag)
        .header("x-cache", hit ? "HIT" : "MISS");
      if (matchesEtag(request.headers["if-none-match"], page.etag)) return reply.code(304).send();
    }
    const { body, encoding } = encodePage(page, request.headers["accept-encoding"]);
    if (encoding) reply.header("content-encoding", encoding);
    return reply.code(200).type(page.contentType).send(body);
  }

  /** Answers from the page cache, rendering on a miss; `cacheable: false` renders every time. */
  async function sendJson(
    request: FastifyRequest,
    reply: FastifyReply,
    produce: () => Promise<Keyed<unknown>>,
    cacheable = true,
  ) {
    const render = async () => {
      const { value, keys: surrogateKeys } = await produce();
      return makePage(200, "application/json; charset=utf-8", JSON.stringify(value), surrogateKeys);
    };
    if (!cacheable) return send(request, reply, { page: await render(), hit: false }, privateCacheControl);
    return send(request, reply, await pageCache.getOrRender(cacheKeyOf(request), render), privateCacheControl);
  }

  /** Registers a GET route and documents it, from the same schemas. */
  function get<R extends { Params?: unknown; Querystring?: unknown }>(
    api: FastifyInstance,
    operation: Omit<ApiOperation, "method" | "path" | "responses"> & {
      path: string;
      response: TSchema;
      responseDescription: string;
      contentType?: string;
    },
    handler: (request: FastifyRequest<R>, reply: FastifyReply) => Promise<unknown>,
  ): void {
    const { response, responseDescription, contentType, path, ...rest } = operation;
    const responses: ApiOperation["responses"] = {
      200: { description: responseDescription, schema: response, ...(contentType ? { contentType } : {}) },
    };
    if (operation.secured) Object.assign(responses, NOT_MODIFIED, ERRORS);
    openapi.add({ ...rest, method: "get", path: `${API_PREFIX}${path}`, responses });
    const schemaResponses: Record<number, TSchema> = { 200: response };
    if (operation.secured) {
      for (const status of [400, 401, 404, 429]) schemaResponses[status] = ErrorSchema;
    }
    api.get(
      path,
      {
        schema: {
          ...(operation.params ? { params: operation.params } : {}),
          ...(operation.querystring ? { querystring: operation.querystring } : {}),
          response: schemaResponses,
        },
      },
      handler as (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
    );
  }

  await app.register(
    async (api) => {
      // JSON errors only: a partner's client never wants the site's HTML error page.
      api.setErrorHandler(createErrorHandler());
      api.setNotFoundHandler(async (request, reply) =>
        reply
          .code(404)
          .header("cache-control", "no-store")
          .send({
            code: "not_found",
            message: `There is no ${request.method} ${request.url.split("?")[0]} in this API.`,
          }),
      );

      api.addHook("onRequest", async (request, reply) => {
        const origin = request.headers.origin;
        if (origin !== undefined && allowedOrigins.has(origin)) {
          reply
            .header("access-control-allow-origin", origin)
            .header("access-control-expose-headers", "ETag, Retry-After, X-Cache");
        }
      });

      // CORS preflight: browsers ask before sending the Authorization header cross-site.
      api.options(
        "/*",
        { schema: { response: { 204: Type.Null(), 403: ErrorSchema } } },
        async (request: FastifyRequest, reply: FastifyReply) => {
          const origin = request.headers.origin;
          if (origin === undefined || !allowedOrigins.has(origin)) {
            throw new AppError(
              "forbidden",
              "This origin may not call the Content API from a browser (API_CORS_ORIGINS).",
            );
          }
          return reply
            .code(204)
            .header("access-control-allow-methods", "GET, OPTIONS")
            .header("access-control-allow-headers", "Authorization, If-None-Match")
            .header("access-control-max-age", "600")
            .header("vary", "Origin")
            .send();
        },
      );

      get<{ Querystring: ArticleListQuery }>(
        api,
        {
          path: "/articles",
          tag: "articles",
          summary: "Published articles of an edition, newest first",
          description:
            "Filters combine. Keyset pagination: pass the answer's `next` as `cursor` until it is null; a walk never repeats or skips an article.",
          querystring: ArticleListQuery,
          response: ArticleListSchema,
          responseDescription: "A page of articles.",
          secured: true,
        },
        async (request, reply) => {
          await authenticate(request, reply);
          return sendJson(request, reply, () => content.articles(request.query));
        },
      );

      get<{ Params: { idOrSlug: string }; Querystring: ArticleQuery }>(
        api,
        {
          path: "/articles/:idOrSlug",
          tag: "articles",
          summary: "One published article, by id or by slug",
          params: ArticleParams,
          querystring: ArticleQuery,
          response: ArticleSchema,
          responseDescription: "The article.",
          secured: true,
        },
        async (request, reply) => {
          await authenticate(request, reply);
          return sendJson(request, reply, () => content.article(request.params.idOrSlug, request.query.edition));
        },
      );

      get<{ Params: { id: number } }>(
        api,
        {
          path: "/articles/:id/live",
          tag: "articles",
          summary: "The entries of a live blog",
          params: IdParams,
          querystring: KeyOnlyQuery,
          response: LiveEntriesSchema,
          responseDescription: "The live blog's entries.",
          secured: true,
        },
        async (request, reply) => {
          await authenticate(request, reply);
          return sendJson(request, reply, () => content.liveEntries(request.params.id));
        },
      );

      for (const [path, schema, list] of [
        ["/sections", SectionListSchema, (edition: string) => content.sections(edition)],
        ["/tags", TagListSchema, (edition: string) => content.tags(edition)],
        ["/authors", AuthorListSchema, (edition: string) => content.authors(edition)],
      ] as const) {
        get<{ Querystring: EditionOnlyQuery }>(
          api,
          {
            path,
            tag: "taxonomy",
            summary: `The ${path.slice(1)} of an edition`,
            querystring: EditionOnlyQuery,
            response: schema,
            responseDescription: `Every one of the edition's ${path.slice(1)}.`,
            secured: true,
          },
          async (request, reply) => {
            await authenticate(request, reply);
            return sendJson(request, reply, () => list(request.query.edition));
          },
        );
      }

      get(
        api,
        {
          path: "/maps",
          tag: "maps",
          summary: "Battle maps",
          querystring: KeyOnlyQuery,
          response: MapListSchema,
          responseDescription: "Every map.",
          secured: true,
        },
        async (request, reply) => {
          await authenticate(request, reply);
          return sendJson(request, reply, () => content.maps(), false);
        },
      );

      get<{ Params: { slug: string } }>(
        api,
        {
          path: "/maps/:slug/layers",
          tag: "maps",
          summary: "A map's published layers as GeoJSON",
          params: MapParams,
          querystring: KeyOnlyQuery,
          response: MapLayersSchema,
          responseDescription: "The map's published layers, each a FeatureCollection.",
          secured: true,
        },
        async (request, reply) => {
          await authenticate(request, reply);
          return sendJson(request, reply, () => content.mapLayers(request.params.slug));
        },
      );

      const info = {
        title: "Gazette Content API",
        version: "1",
        description: "Read-only access to the published articles, taxonomy, live blogs and maps of this site.",
        serverUrl: deps.publicUrl,
      };
      // Written once every route above is registered, then served as a fixed page.
      let openapiPage: CachedPage | undefined;
      let docsPage: CachedPage | undefined;
      const publicCacheControl = `public, max-age=${DOCS_MAX_AGE_SECONDS}`;

      get(
        api,
        {
          path: "/openapi.json",
          tag: "meta",
          summary: "This API's OpenAPI 3.1 document",
          response: Type.Object({ openapi: Type.String() }, { additionalProperties: true }),
          responseDescription: "The OpenAPI document.",
          secured: false,
        },
        async (request, reply) => {
          openapiPage ??= makePage(200, "application/json; charset=utf-8", JSON.stringify(openapi.document(info)), []);
          return send(request, reply, { page: openapiPage, hit: true }, publicCacheControl);
        },
      );

      get(
        api,
        {
          path: "/docs",
          tag: "meta",
          summary: "A short guide to this API, as a web page",
          response: Type.String(),
          responseDescription: "The guide.",
          contentType: "text/html",
          secured: false,
        },
        async (request, reply) => {
          docsPage ??= makePage(
            200,
            "text/html; charset=utf-8",
            renderApiDocs(openapi.list(), { ...info, prefix: API_PREFIX }),
            [],
          );
          return send(request, reply, { page: docsPage, hit: true }, publicCacheControl);
        },
      );
    },
    { prefix: API_PREFIX },
  );
}
