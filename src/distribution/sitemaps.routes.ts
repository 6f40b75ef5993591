import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { type Edition, type EditionsService, pageKeyOf } from "../newsroom/editions.service.js";
import { type CachedPage, makePage, type PageCache } from "../platform/cache/page-cache.js";
import { type CachePolicy, sendPage } from "../platform/http/page-response.js";
import { sitemapPage } from "./sitemap.renderer.js";
import type { SitemapData, SitemapsService } from "./sitemaps.service.js";

export interface SitemapRouteDeps {
  sitemaps: SitemapsService;
  editions: EditionsService;
  pageCache: PageCache;
  cachePolicy: CachePolicy;
}

const Xml = Type.String({ description: "sitemap XML" });
const responses = { 200: Xml, 304: Type.Null(), 404: Type.String() };
const EditionSegment = Type.String({ minLength: 1, maxLength: 20 });
// "articles-2026-03.xml", then "articles-2026-03-2.xml"… for a month of more than 50,000 articles.
const ARTICLE_SITEMAP = /^articles-(\d{4}-(?:0[1-9]|1[0-2]))(?:-([2-9]|[1-9]\d{1,3}))?\.xml$/;

const notFound = (): CachedPage => makePage(404, "text/plain; charset=utf-8", "No such sitemap.\n", []);

/** Sitemap index, monthly article sitemaps, the sections/tags/authors sitemap, news sitemaps and robots.txt. */
export function registerSitemapRoutes(app: FastifyInstance, deps: SitemapRouteDeps): void {
  const { sitemaps, editions, pageCache, cachePolicy } = deps;

  async function serve(
    request: FastifyRequest,
    reply: FastifyReply,
    load: () => Promise<SitemapData | undefined>,
    edition?: Edition,
  ): Promise<FastifyReply> {
    const path = request.url.split("?")[0] ?? "/";
    const { page, hit } = await pageCache.getOrRender(edition ? pageKeyOf(edition, path) : path, async () => {
      const data = await load();
      return data ? sitemapPage(data) : notFound();
    });
    return sendPage(request, reply, page, hit, cachePolicy);
  }

  app.get("/sitemap.xml", { schema: { response: responses } }, (request, reply) =>
    serve(request, reply, () => sitemaps.index()),
  );
  app.get("/sitemaps/taxonomy.xml", { schema: { response: responses } }, (request, reply) =>
    serve(request, reply, () => sitemaps.taxonomyPages()),
  );
  app.get(
    "/sitemaps/:file",
    { schema: { params: Type.Object({ file: Type.String({ maxLength: 40 }) }), response: responses } },
    async (request: FastifyRequest<{ Params: { file: string } }>, reply) => {
      const match = ARTICLE_SITEMAP.exec(request.params.file);
      if (!match) return sendPage(request, reply, notFound(), false, cachePolicy);
      const [, month, page] = match as unknown as [string, string, string | undefined];
      return serve(request, reply, () => sitemaps.articleMonth(month, page ? Number(page) : 1));
    },
  );
  for (const prefix of ["", "/:edition"]) {
    app.get(
      `${prefix}/news-sitemap.xml`,
      {
        schema: {
          params: Type.Object(prefix ? { edition: EditionSegment } : {}),
          response: responses,
        },
      },
      async (request: FastifyRequest<{ Params: { edition?: string } }>, reply) => {
        const segment = request.params.edition;
        const edition = editions.resolve(request.host, segment);
        if (!edition) return reply.callNotFound();
        return serve(request, reply, () => sitemaps.news(edition), edition);
      },
    );
  }

  app.get("/robots.txt", { schema: { response: { 200: Type.String(), 304: Type.Null() } } }, (request, reply) =>
    sendPage(request, reply, makePage(200, "text/plain; charset=utf-8", sitemaps.robots(), []), false, cachePolicy),
  );
}
