import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { isAppError } from "../errors.js";
import type { Edition } from "../newsroom/editions.service.js";
import type { CachedPage } from "../platform/cache/page-cache.js";
import { cacheControlFor } from "../platform/http/page-response.js";
import {
  EDITION_PREFIXES,
  type EditionPrefix,
  EditionSegment,
  editionParams,
  HtmlPage,
  htmlResponses,
  pathOf,
  type ReaderRoutes,
  Slug,
} from "./reader-routes.js";
import type { SiteRenderer } from "./site.renderer.js";
import type { ListKind, SiteService } from "./site.service.js";
import { urls } from "./urls.js";

export interface SiteRouteDeps {
  site: SiteService;
  renderer: SiteRenderer;
  reader: ReaderRoutes;
  /**
   * Where an address of the site this one replaced went (`/2019/05/story/`, `/?p=123`), asked when
   * no page matches; filled by the imports capability in app.ts.
   */
  oldAddresses?: (pathWithQuery: string) => Promise<string | undefined>;
}

// Only `after` matters to a list page; other parameters (utm_*, fbclid) are ignored, not cached apart.
const ListQuery = Type.Object({ after: Type.Optional(Type.String({ maxLength: 400 })) });

/** Thrown inside a render when the slug is an article's old one: the handler answers 301 instead. */
class MovedPermanently extends Error {
  constructor(readonly location: string) {
    super(`Moved to ${location}`);
  }
}

type ListRequest = FastifyRequest<{ Params: { edition?: string; slug?: string }; Querystring: { after?: string } }>;
type ArticleRequest = FastifyRequest<{ Params: { edition?: string; slug: string } }>;

/** The reader site: home, article, section, tag and author pages for every edition. */
export function registerSiteRoutes(app: FastifyInstance, deps: SiteRouteDeps): void {
  const { site, renderer, reader, oldAddresses } = deps;
  const { editions } = reader;

  /** Answers 301 when the address is one the old site had; false when it is not. */
  async function redirectOld(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    if (!oldAddresses || (request.method !== "GET" && request.method !== "HEAD")) return false;
    const location = await oldAddresses(request.url);
    if (!location) return false;
    await reply.header("cache-control", cacheControlFor(301, reader.policy)).redirect(location, 301);
    return true;
  }

  async function notFoundPage(edition: Edition): Promise<CachedPage> {
    return renderer.error(await site.context(edition), "notFound", 404);
  }

  /** The kit's servePage, plus a renamed article's 301 and a bad cursor's 400 page (never cached). */
  async function serve(
    request: FastifyRequest,
    reply: FastifyReply,
    edition: Edition,
    cacheKey: string,
    render: () => Promise<CachedPage>,
  ): Promise<FastifyReply> {
    try {
      return await reader.servePage(
        request,
        reply,
        edition,
        cacheKey,
        render,
        (error) => !(error instanceof MovedPermanently) && !isAppError(error),
      );
    } catch (error) {
      if (error instanceof MovedPermanently) {
        return reply.header("cache-control", cacheControlFor(301, reader.policy)).redirect(error.location, 301);
      }
      if (isAppError(error) && error.code === "invalid_cursor") {
        const page = renderer.error(await site.context(edition), "badCursor", 400, pathOf(request));
        return reader.sendFresh(request, reply, page);
      }
      throw error;
    }
  }

  function listHandler(kind: ListKind) {
    return async (request: ListRequest, reply: FastifyReply) => {
      const edition = reader.editionOf(request);
      if (!edition) return reply.callNotFound();
      // WordPress's own short links (`/?p=123`) land on the front page.
      if (kind === "home" && /[?&](p|page_id)=\d/.test(request.url) && (await redirectOld(request, reply)))
        return reply;
      const path = pathOf(request);
      const after = request.query.after;
      const pageUrl = after === undefined ? path : `${path}?after=${encodeURIComponent(after)}`;
      return serve(request, reply, edition, pageUrl, async () => {
        // In crisis mode the front page is the lite one; switching purges it (settings key).
        if (kind === "home" && after === undefined && site.crisisOf(edition)) {
          return renderer.liteHome(await site.liteHome(edition), true);
        }
        const data = await site.listPage(edition, kind, request.params.slug ?? null, after);
        return data ? renderer.list(data, pageUrl) : notFoundPage(edition);
      });
    };
  }

  async function articleHandler(request: ArticleRequest, reply: FastifyReply) {
    const edition = reader.editionOf(request);
    if (!edition) return reply.callNotFound();
    const path = pathOf(request);
    return serve(request, reply, edition, path, async () => {
      const data = await site.articlePage(edition, request.params.slug);
      if (data) return renderer.article(data);
      // A renamed article keeps its old links working: they redirect to the current slug.
      const moved = await site.currentSlugFor(edition, request.params.slug);
      if (moved) throw new MovedPermanently(urls.article(edition.basePath, moved));
      // An imported site may have used the same /news/ shape for its own addresses.
      const imported = await oldAddresses?.(request.url);
      if (imported) throw new MovedPermanently(imported);
      return notFoundPage(edition);
    });
  }

  async function liteHomeHandler(request: FastifyRequest<{ Params: { edition?: string } }>, reply: FastifyReply) {
    const edition = reader.editionOf(request);
    if (!edition) return reply.callNotFound();
    return serve(request, reply, edition, pathOf(request), async () =>
      renderer.liteHome(await site.liteHome(edition), false),
    );
  }

  /** The lite page of an article: the same data and surrogate keys as the article's page. */
  async function liteArticleHandler(request: ArticleRequest, reply: FastifyReply) {
    const edition = reader.editionOf(request);
    if (!edition) return reply.callNotFound();
    return serve(request, reply, edition, pathOf(request), async () => {
      const data = await site.articlePage(edition, request.params.slug);
      if (data) return renderer.liteArticle(data);
      const moved = await site.currentSlugFor(edition, request.params.slug);
      if (moved) throw new MovedPermanently(urls.liteArticle(edition.basePath, moved));
      return notFoundPage(edition);
    });
  }

  const listSchema = (withSlug: boolean, prefix: EditionPrefix) => ({
    params: editionParams(prefix, withSlug ? { slug: Slug } : {}),
    querystring: ListQuery,
    response: htmlResponses,
  });
  /**
   * A live blog's entries newer than `after`, for the reader island. Cached like the page and
   * purged with it (the article's key), so a burst of readers polling costs one query per change.
   */
  async function livePollHandler(
    request: FastifyRequest<{ Params: { edition?: string; slug: string }; Querystring: { after?: number } }>,
    reply: FastifyReply,
  ) {
    const edition = reader.editionOf(request);
    if (!edition) return reply.callNotFound();
    const path = pathOf(request);
    const after = request.query.after ?? 0;
    return serve(request, reply, edition, `${path}?after=${after}`, async () => {
      const data = await site.livePoll(edition, request.params.slug, after);
      if (!data) return notFoundPage(edition);
      return renderer.livePoll(await site.context(edition), data);
    });
  }

  async function correctionsHandler(request: FastifyRequest<{ Params: { edition?: string } }>, reply: FastifyReply) {
    const edition = reader.editionOf(request);
    if (!edition) return reply.callNotFound();
    const path = pathOf(request);
    return serve(request, reply, edition, path, async () => renderer.corrections(await site.correctionsPage(edition)));
  }

  async function privacyHandler(request: FastifyRequest<{ Params: { edition?: string } }>, reply: FastifyReply) {
    const edition = reader.editionOf(request);
    if (!edition) return reply.callNotFound();
    return serve(request, reply, edition, pathOf(request), async () => renderer.privacy(await site.context(edition)));
  }

  const articleSchema = (prefix: EditionPrefix) => ({
    params: editionParams(prefix, { slug: Slug }),
    response: htmlResponses,
  });

  for (const prefix of EDITION_PREFIXES) {
    app.get(`${prefix}/`, { schema: listSchema(false, prefix) }, listHandler("home"));
    app.get(`${prefix}/news/:slug`, { schema: articleSchema(prefix) }, articleHandler);
    app.get(
      `${prefix}/news/:slug/live.json`,
      {
        schema: {
          params: editionParams(prefix, { slug: Slug }),
          querystring: Type.Object({ after: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })) }),
          response: {
            200: Type.String({ description: "JSON: { entries: [{ id, html }], ended }" }),
            304: Type.Null(),
            400: HtmlPage,
            404: HtmlPage,
          },
        },
      },
      livePollHandler,
    );
    app.get(
      `${prefix}/corrections`,
      {
        schema: {
          params: editionParams(prefix),
          response: htmlResponses,
        },
      },
      correctionsHandler,
    );
    app.get(
      `${prefix}/privacy`,
      { schema: { params: editionParams(prefix), response: htmlResponses } },
      privacyHandler,
    );
    app.get(`${prefix}/lite/`, { schema: { params: editionParams(prefix), response: htmlResponses } }, liteHomeHandler);
    app.get(
      `${prefix}/lite`,
      { schema: { params: editionParams(prefix), response: { 301: Type.Null(), 404: HtmlPage } } },
      async (request: FastifyRequest<{ Params: { edition?: string } }>, reply) => {
        const edition = reader.editionOf(request);
        if (!edition) return reply.callNotFound();
        return reply.redirect(urls.liteHome(edition.basePath), 301);
      },
    );
    app.get(`${prefix}/lite/news/:slug`, { schema: articleSchema(prefix) }, liteArticleHandler);
    app.get(`${prefix}/section/:slug`, { schema: listSchema(true, prefix) }, listHandler("section"));
    app.get(`${prefix}/tag/:slug`, { schema: listSchema(true, prefix) }, listHandler("tag"));
    app.get(`${prefix}/author/:slug`, { schema: listSchema(true, prefix) }, listHandler("author"));
  }

  // "/ru" without its slash is the Russian front page.
  app.get(
    "/:edition",
    { schema: { params: Type.Object({ edition: EditionSegment }), response: { 301: Type.Null(), 404: HtmlPage } } },
    async (request: FastifyRequest<{ Params: { edition: string } }>, reply) => {
      // On an edition's own host there are no segments: "/ru" there is not found.
      const edition = reader.editionOf(request);
      if (!edition) return reply.callNotFound();
      return reply.redirect(edition.basePath, 301);
    },
  );

  app.setNotFoundHandler(async (request, reply) => {
    const segment = request.url.split("?")[0]?.split("/")[1];
    const edition =
      editions.byHost(request.host) ??
      (segment ? editions.bySegment(segment) : undefined) ??
      editions.root() ??
      editions.list()[0];
    if (!edition || request.url.startsWith("/admin/api/") || request.url.startsWith("/assets/")) {
      return reply.code(404).send({ code: "not_found", message: "Not found." });
    }
    if (await redirectOld(request, reply)) return reply;
    return reader.sendFresh(request, reply, await notFoundPage(edition));
  });
}
