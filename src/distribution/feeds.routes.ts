import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { surrogateKey } from "../newsroom/surrogate-keys.js";
import { makePage } from "../platform/cache/page-cache.js";
import { EDITION_PREFIXES, editionParams, pathOf, type ReaderRoutes, Slug } from "../site/reader-routes.js";
import type { ListKind } from "../site/site.service.js";
import { feedPage } from "./feeds.renderer.js";
import type { FeedsService } from "./feeds.service.js";
import { FEED_FILE, FEED_FORMATS, type FeedFormat } from "./urls.js";

export interface FeedRouteDeps {
  feeds: FeedsService;
  reader: ReaderRoutes;
}

const FeedBody = Type.String({ description: "RSS 2.0, Atom or JSON Feed 1.1" });
const responses = { 200: FeedBody, 304: Type.Null(), 404: Type.String() };

type FeedRequest = FastifyRequest<{ Params: { edition?: string; slug?: string } }>;

/**
 * Feeds of every edition and of each section, tag and author, in three formats, beside the page
 * they follow (see urls.ts). Served through the page cache, so publishing purges them.
 */
export function registerFeedRoutes(app: FastifyInstance, deps: FeedRouteDeps): void {
  const { feeds, reader } = deps;

  function handler(kind: ListKind, format: FeedFormat) {
    return async (request: FeedRequest, reply: FastifyReply) => {
      const edition = reader.editionOf(request);
      if (!edition) return reply.callNotFound();
      return reader.servePage(request, reply, edition, pathOf(request), async () => {
        const data = await feeds.feed(edition, kind, request.params.slug ?? null);
        // Cached like a 404 page; creating the section or tag purges the edition's settings key.
        return data
          ? feedPage(format, data)
          : makePage(404, "text/plain; charset=utf-8", "No such feed.\n", [surrogateKey.settings(edition.code)]);
      });
    };
  }

  for (const prefix of EDITION_PREFIXES) {
    for (const format of FEED_FORMATS) {
      const file = FEED_FILE[format];
      app.get(
        `${prefix}/${file}`,
        { schema: { params: editionParams(prefix), response: responses } },
        handler("home", format),
      );
      for (const kind of ["section", "tag", "author"] as const) {
        app.get(
          `${prefix}/${kind}/:slug/${file}`,
          {
            schema: {
              params: editionParams(prefix, { slug: Slug }),
              response: responses,
            },
          },
          handler(kind, format),
        );
      }
    }
  }
}
