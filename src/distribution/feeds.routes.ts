import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { type Edition, type EditionsService, pageKeyOf } from "../newsroom/editions.service.js";
import { surrogateKey } from "../newsroom/surrogate-keys.js";
import { makePage, type PageCache } from "../platform/cache/page-cache.js";
import { type CachePolicy, sendPage } from "../platform/http/page-response.js";
import type { ListKind } from "../site/site.service.js";
import { feedPage } from "./feeds.renderer.js";
import type { FeedsService } from "./feeds.service.js";
import { FEED_FILE, FEED_FORMATS, type FeedFormat } from "./urls.js";

export interface FeedRouteDeps {
  feeds: FeedsService;
  editions: EditionsService;
  pageCache: PageCache;
  cachePolicy: CachePolicy;
}

const FeedBody = Type.String({ description: "RSS 2.0, Atom or JSON Feed 1.1" });
const responses = { 200: FeedBody, 304: Type.Null(), 404: Type.String() };
const Slug = Type.String({ minLength: 1, maxLength: 200 });
const EditionSegment = Type.String({ minLength: 1, maxLength: 20 });

type FeedRequest = FastifyRequest<{ Params: { edition?: string; slug?: string } }>;

/**
 * Feeds of every edition and of each section, tag and author, in three formats, beside the page
 * they follow (see urls.ts). Served through the page cache, so publishing purges them.
 */
export function registerFeedRoutes(app: FastifyInstance, deps: FeedRouteDeps): void {
  const { feeds, editions, pageCache, cachePolicy } = deps;

  function handler(kind: ListKind, format: FeedFormat) {
    return async (request: FeedRequest, reply: FastifyReply) => {
      const segment = request.params.edition;
      const edition: Edition | undefined = editions.resolve(request.host, segment);
      if (!edition) return reply.callNotFound();
      const path = request.url.split("?")[0] ?? "/";
      const { page, hit } = await pageCache.getOrRender(pageKeyOf(edition, path), async () => {
        const data = await feeds.feed(edition, kind, request.params.slug ?? null);
        // Cached like a 404 page; creating the section or tag purges the edition's settings key.
        return data
          ? feedPage(format, data)
          : makePage(404, "text/plain; charset=utf-8", "No such feed.\n", [surrogateKey.settings(edition.code)]);
      });
      return sendPage(request, reply, page, hit, cachePolicy);
    };
  }

  for (const prefix of ["", "/:edition"]) {
    const withEdition = prefix !== "";
    for (const format of FEED_FORMATS) {
      const file = FEED_FILE[format];
      app.get(
        `${prefix}/${file}`,
        { schema: { params: Type.Object(withEdition ? { edition: EditionSegment } : {}), response: responses } },
        handler("home", format),
      );
      for (const kind of ["section", "tag", "author"] as const) {
        app.get(
          `${prefix}/${kind}/:slug/${file}`,
          {
            schema: {
              params: Type.Object({ ...(withEdition ? { edition: EditionSegment } : {}), slug: Slug }),
              response: responses,
            },
          },
          handler(kind, format),
        );
      }
    }
  }
}
