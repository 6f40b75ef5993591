import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { ArticleQueries } from "../newsroom/article-queries.service.js";
import { requireArticleAccess } from "../newsroom/articles.policy.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { requireActor } from "../staff/actor.js";
import type { SiteRenderer } from "./site.renderer.js";
import type { SiteService } from "./site.service.js";

/**
 * The newsroom's preview: an article in any state, in the real page template, for the people who
 * may see it. Private and never cached, and kept out of search engines.
 */
export function registerPreviewRoutes(
  app: FastifyInstance,
  deps: { site: SiteService; articles: ArticleQueries; renderer: SiteRenderer },
): void {
  app.get(
    "/admin/api/articles/:id/preview",
    {
      schema: {
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 200: Type.String(), 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request: FastifyRequest<{ Params: { id: number } }>, reply) => {
      const actor = requireActor(request);
      const article = await deps.articles.getById(request.params.id);
      requireArticleAccess(actor, "view", article);
      const page = deps.renderer.article(await deps.site.previewPage(article.id));
      return reply
        .header("cache-control", "private, no-store")
        .header("x-robots-tag", "noindex, nofollow")
        .type(page.contentType)
        .send(page.body);
    },
  );
}
