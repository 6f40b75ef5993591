import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import type { ArticleQueries } from "../newsroom/article-queries.service.js";
import { requireArticleAccess } from "../newsroom/articles.policy.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { type Actor, requireActor } from "../staff/actor.js";
import { canMap, type MapAction } from "./maps.policy.js";
import {
  ArticleParams,
  CreateLayerBody,
  CreateMapBody,
  LayerListSchema,
  LayerParams,
  LayerSchema,
  LayerSummarySchema,
  LayerTextBody,
  LayerTextParams,
  MapListSchema,
  MapParams,
  MapSchema,
  PlaceSearchQuery,
  PlaceSearchSchema,
  PlaceTagListSchema,
  SetTagBody,
  TagParams,
  UpdateLayerBody,
  UpdateMapBody,
} from "./maps.schemas.js";
import type { MapsService } from "./maps.service.js";

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

export interface MapsRouteDeps {
  maps: MapsService;
  articles: ArticleQueries;
}

type WithMap = { Params: { id: number } };
type WithLayer = { Params: { id: number; layerId: number } };
type WithLayerText = { Params: { id: number; layerId: number; language: string } };
type WithTag = { Params: { id: number; slug: string } };

const DENIED: Record<MapAction, string> = {
  view: "You may not see maps.",
  createMap: "Only editors may create maps.",
  editMap: "Only editors may change maps.",
  uploadLayer: "Only editors may add map layers.",
  editLayer: "Only editors may change map layers.",
  translateLayer: "Only editors may translate map layers.",
  publishLayer: "Only editors may publish or unpublish map layers.",
  deleteLayer: "Only editors may delete map layers.",
};

/** The maps admin API and an article's place tags: HTTP only. */
export function registerMapsRoutes(app: FastifyInstance, deps: MapsRouteDeps): void {
  const { maps, articles } = deps;

  function ensure(request: FastifyRequest, action: MapAction): Actor {
    const actor = requireActor(request);
    if (!canMap(actor.role, action)) throw new AppError("forbidden", DENIED[action]);
    return actor;
  }

  async function articleFor(request: FastifyRequest, id: number, action: "view" | "edit") {
    const actor = requireActor(request);
    const article = await articles.getById(id);
    requireArticleAccess(actor, action, article);
    return article;
  }

  app.get("/admin/api/maps", { schema: { response: { 200: MapListSchema, ...errors } } }, async (request) => {
    ensure(request, "view");
    return { items: await maps.listMaps() };
  });

  app.post(
    "/admin/api/maps",
    { schema: { body: CreateMapBody, response: { 201: MapSchema, ...errors } } },
    async (request: FastifyRequest<{ Body: CreateMapBody }>, reply) => {
      ensure(request, "createMap");
      return reply.code(201).send(await maps.createMap(request.body));
    },
  );

  app.get(
    "/admin/api/maps/:id",
    { schema: { params: MapParams, response: { 200: MapSchema, ...errors } } },
    async (request: FastifyRequest<WithMap>) => {
      ensure(request, "view");
      return maps.getMap(request.params.id);
    },
  );

  app.patch(
    "/admin/api/maps/:id",
    { schema: { params: MapParams, body: UpdateMapBody, response: { 200: MapSchema, ...errors } } },
    async (request: FastifyRequest<WithMap & { Body: UpdateMapBody }>) => {
      ensure(request, "editMap");
      return maps.updateMap(request.params.id, request.body);
    },
  );

  app.get(
    "/admin/api/maps/:id/layers",
    { schema: { params: MapParams, response: { 200: LayerListSchema, ...errors } } },
    async (request: FastifyRequest<WithMap>) => {
      ensure(request, "view");
      return { items: await maps.listLayers(request.params.id) };
    },
  );

  app.post(
    "/admin/api/maps/:id/layers",
    { schema: { params: MapParams, body: CreateLayerBody, response: { 201: LayerSummarySchema, ...errors } } },
    async (request: FastifyRequest<WithMap & { Body: CreateLayerBody }>, reply) => {
      const actor = ensure(request, "uploadLayer");
      const layer = await maps.addLayer(request.params.id, request.body, actor.staffId);
      return reply.code(201).send(layer);
    },
  );

  app.get(
    "/admin/api/maps/:id/layers/:layerId",
    { schema: { params: LayerParams, response: { 200: LayerSchema, ...errors } } },
    async (request: FastifyRequest<WithLayer>) => {
      ensure(request, "view");
      return maps.getLayer(request.params.id, request.params.layerId);
    },
  );

  app.patch(
    "/admin/api/maps/:id/layers/:layerId",
    { schema: { params: LayerParams, body: UpdateLayerBody, response: { 200: LayerSummarySchema, ...errors } } },
    async (request: FastifyRequest<WithLayer & { Body: UpdateLayerBody }>) => {
      ensure(request, "editLayer");
      return maps.updateLayer(request.params.id, request.params.layerId, request.body);
    },
  );

  app.post(
    "/admin/api/maps/:id/layers/:layerId/publish",
    { schema: { params: LayerParams, response: { 200: LayerSummarySchema, ...errors } } },
    async (request: FastifyRequest<WithLayer>) => {
      ensure(request, "publishLayer");
      return maps.publishLayer(request.params.id, request.params.layerId);
    },
  );

  app.post(
    "/admin/api/maps/:id/layers/:layerId/unpublish",
    { schema: { params: LayerParams, response: { 200: LayerSummarySchema, ...errors } } },
    async (request: FastifyRequest<WithLayer>) => {
      ensure(request, "publishLayer");
      return maps.unpublishLayer(request.params.id, request.params.layerId);
    },
  );

  app.put(
    "/admin/api/maps/:id/layers/:layerId/texts/:language",
    {
      schema: { params: LayerTextParams, body: LayerTextBody, response: { 200: LayerSummarySchema, ...errors } },
    },
    async (request: FastifyRequest<WithLayerText & { Body: LayerTextBody }>) => {
      ensure(request, "translateLayer");
      const { id, layerId, language } = request.params;
      return maps.putLayerText(id, layerId, language, request.body);
    },
  );

  app.delete(
    "/admin/api/maps/:id/layers/:layerId/texts/:language",
    { schema: { params: LayerTextParams, response: { 200: LayerSummarySchema, ...errors } } },
    async (request: FastifyRequest<WithLayerText>) => {
      ensure(request, "translateLayer");
      const { id, layerId, language } = request.params;
      return maps.deleteLayerText(id, layerId, language);
    },
  );

  app.delete(
    "/admin/api/maps/:id/layers/:layerId",
    { schema: { params: LayerParams, response: { 204: Type.Null(), ...errors } } },
    async (request: FastifyRequest<WithLayer>, reply) => {
      ensure(request, "deleteLayer");
      await maps.deleteLayer(request.params.id, request.params.layerId);
      return reply.code(204).send();
    },
  );

  app.get(
    "/admin/api/places",
    { schema: { querystring: PlaceSearchQuery, response: { 200: PlaceSearchSchema, ...errors } } },
    async (request: FastifyRequest<{ Querystring: { q: string } }>) => {
      requireActor(request);
      const items = maps.searchPlaces(request.query.q).map((p) => ({
        slug: p.slug,
        kind: p.kind,
        oblast: p.oblast,
        names: p.names,
      }));
      return { items };
    },
  );

  app.get(
    "/admin/api/articles/:id/places",
    { schema: { params: ArticleParams, response: { 200: PlaceTagListSchema, ...errors } } },
    async (request: FastifyRequest<WithMap>) => {
      await articleFor(request, request.params.id, "view");
      return { items: await maps.tagsOfArticle(request.params.id) };
    },
  );

  app.post(
    "/admin/api/articles/:id/places/retag",
    { schema: { params: ArticleParams, response: { 200: PlaceTagListSchema, ...errors } } },
    async (request: FastifyRequest<WithMap>) => {
      await articleFor(request, request.params.id, "edit");
      return { items: await maps.geotagArticle(articles, request.params.id) };
    },
  );

  app.put(
    "/admin/api/articles/:id/places/:slug",
    { schema: { params: TagParams, body: SetTagBody, response: { 200: PlaceTagListSchema, ...errors } } },
    async (request: FastifyRequest<WithTag & { Body: SetTagBody }>) => {
      const article = await articleFor(request, request.params.id, "edit");
      const items = await maps.setTag(article.id, article.edition_code, request.params.slug, request.body.state);
      return { items };
    },
  );
}
