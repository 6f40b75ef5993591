import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { Edition } from "../newsroom/editions.service.js";
import { type CachedPage, makePage } from "../platform/cache/page-cache.js";
import { EDITION_PREFIXES, editionParams, pathOf, type ReaderRoutes } from "../site/reader-routes.js";
import { sitemapPage } from "./sitemap.renderer.js";
import type { SitemapData, SitemapsService } from "./sitemaps.service.js";

export interface SitemapRouteDeps {
  sitemaps: SitemapsService;
  reader: ReaderRoutes;
}

const Xml = Type.String({ description: "sitemap XML" });
const responses = { 200: Xml, 304: Type.Null(), 404: Type.String() };
// "articles-2026-03.xml", then "articles-2026-03-2.xml"… for a month of more than 50,000 articles.
const ARTICLE_SITEMAP = /^articles-(\d{4}-(?:0[1-9]|1[0-2]))(?:-([2-9]|[1-9]\d{1,3}))?\.xml$/;

const notFound = (): CachedPage => makePage(404, "text/plain; charset=utf-8", "No such sitemap.\n", []);

/** Sitemap index, monthly article sitemaps, the sections/tags/authors sitemap, news sitemaps and robots.txt. */
export function registerSitemapRoutes(app: FastifyInstance, deps: SitemapRouteDeps): void {
  const { sitemaps, reader } = deps;

  async function serve(
    request: FastifyRequest,
    reply: FastifyReply,
    load: () => Promise<SitemapData | undefined>,
    edition: Edition | null = null,
  ): Promise<FastifyReply> {
    // The index and the monthly sitemaps list every edition with absolute URLs: one entry for all hosts.
    return reader.servePage(request, reply, edition, pathOf(request), async () => {
      const data = await load();
      return data ? sitemapPage(data) : notFound();
    });
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
      if (!match) return reader.sendFresh(request, reply, notFound());
      const [, month, page] = match as unknown as [string, string, string | undefined];
      return serve(request, reply, () => sitemaps.articleMonth(month, page ? Number(page) : 1));
    },
  );
  for (const prefix of EDITION_PREFIXES) {
    app.get(
      `${prefix}/news-sitemap.xml`,
      {
        schema: {
          params: editionParams(prefix),
          response: responses,
        },
      },
      async (request: FastifyRequest<{ Params: { edition?: string } }>, reply) => {
        const edition = reader.editionOf(request);
        if (!edition) return reply.callNotFound();
        return serve(request, reply, () => sitemaps.news(edition), edition);
      },
    );
  }

  app.get("/robots.txt", { schema: { response: { 200: Type.String(), 304: Type.Null() } } }, (request, reply) =>
    reader.sendFresh(request, reply, makePage(200, "text/plain; charset=utf-8", sitemaps.robots(), [])),
  );
}
