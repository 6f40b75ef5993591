import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { excerptBody } from "../newsroom/body-text.renderer.js";
import { originOf } from "../newsroom/editions.service.js";
import type { PodcastService } from "../newsroom/podcast.service.js";
import { EDITION_PREFIXES, editionParams, type ReaderRoutes } from "../site/reader-routes.js";
import { urls } from "../site/urls.js";
import { articleTagUri } from "./feeds.service.js";
import { renderPodcastFeed } from "./podcast.renderer.js";
import { distributionUrls } from "./urls.js";

/**
 * Each edition's podcast feed (`/podcast.xml`, `/ru/podcast.xml`…), once its show is set up.
 * Not kept in the page cache: directories poll it a few times a day, and five minutes of
 * Cache-Control spares the rest without a purge to wire for every show and episode change.
 */
export function registerPodcastFeedRoutes(
  app: FastifyInstance,
  deps: { podcasts: PodcastService; reader: ReaderRoutes; publicUrl: string },
): void {
  const { podcasts, reader, publicUrl } = deps;
  for (const prefix of EDITION_PREFIXES) {
    app.get(
      `${prefix}/podcast.xml`,
      { schema: { params: editionParams(prefix), response: { 200: Type.String(), 404: Type.String() } } },
      async (request: FastifyRequest, reply) => {
        const edition = reader.editionOf(request);
        const show = edition ? await podcasts.show(edition.code) : undefined;
        if (!edition || !show) return reply.code(404).type("text/plain; charset=utf-8").send("No such podcast.\n");
        const origin = originOf(edition, publicUrl);
        const xml = renderPodcastFeed({
          show,
          episodes: await podcasts.episodes(edition.code),
          language: edition.locale.toLowerCase(),
          homeUrl: `${origin}${urls.home(edition.basePath)}`,
          feedUrl: `${origin}${distributionUrls.podcast(edition.basePath)}`,
          absolute: (path) => `${origin}${path}`,
          articleUrl: ({ article }) => `${origin}${urls.article(edition.basePath, article.slug)}`,
          guid: ({ article }) => articleTagUri(publicUrl, article),
          summary: ({ article, body }) => article.dek ?? excerptBody(body, 600),
        });
        return reply
          .header("cache-control", "public, max-age=300")
          .type("application/rss+xml; charset=utf-8")
          .send(xml);
      },
    );
  }
}
