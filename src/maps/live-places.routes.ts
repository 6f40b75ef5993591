import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../errors.js";
import type { ArticleQueries } from "../newsroom/article-queries.service.js";
import { requireArticleAccess } from "../newsroom/articles.policy.js";
import type { LiveCoverageService } from "../newsroom/live-coverage.service.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { requireActor } from "../staff/actor.js";
import { LiveEntryTagParams, LivePlacesParams, LivePlaceTagListSchema } from "./live-places.schemas.js";
import type { LivePlacesService } from "./live-places.service.js";
import { SetTagBody } from "./maps.schemas.js";

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

export interface LivePlacesRouteDeps {
  livePlaces: LivePlacesService;
  live: LiveCoverageService;
  articles: ArticleQueries;
}

/** The places a live blog's entries name: list, confirm, remove. HTTP only. */
export function registerLivePlacesRoutes(app: FastifyInstance, deps: LivePlacesRouteDeps): void {
  const { livePlaces, live, articles } = deps;

  async function articleFor(request: FastifyRequest, id: number, action: "view" | "edit") {
    const actor = requireActor(request);
    const article = await articles.getById(id);
    requireArticleAccess(actor, action, article);
    if (article.kind !== "live") throw new AppError("invalid_state", `Article ${id} is not a live blog.`);
    return article;
  }

  app.get(
    "/admin/api/articles/:id/live/places",
    { schema: { params: LivePlacesParams, response: { 200: LivePlaceTagListSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>) => {
      const article = await articleFor(request, request.params.id, "view");
      return { items: await livePlaces.tagsOfArticle(article.id) };
    },
  );

  app.put(
    "/admin/api/articles/:id/live/entries/:entryId/places/:slug",
    {
      schema: {
        params: LiveEntryTagParams,
        body: SetTagBody,
        response: { 200: LivePlaceTagListSchema, ...errors },
      },
    },
    async (request: FastifyRequest<{ Params: { id: number; entryId: number; slug: string }; Body: SetTagBody }>) => {
      const { id, entryId, slug } = request.params;
      const article = await articleFor(request, id, "edit");
      return { items: await livePlaces.setTag(live, article.id, entryId, slug, request.body.state) };
    },
  );
}
