import { createHash } from "node:crypto";
import fs from "node:fs";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import sharp from "sharp";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import type { Edition } from "../newsroom/editions.service.js";
import { type CachedPage, makePage } from "../platform/cache/page-cache.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import {
  EDITION_PREFIXES,
  type EditionPrefix,
  editionParams,
  HtmlPage,
  htmlResponses,
  pathOf,
  type ReaderRoutes,
  Slug,
} from "../site/reader-routes.js";
import type { SiteRenderer } from "../site/site.renderer.js";
import type { SiteService } from "../site/site.service.js";
import { requireActor } from "../staff/actor.js";
import type { MapPagesRenderer } from "./map-pages.renderer.js";
import { CARD_VIEW, type MapPagesService } from "./map-pages.service.js";
import { canMap } from "./maps.policy.js";
import { MapPreviewQuery } from "./maps.schemas.js";
import { isValidDay, mapKeys } from "./maps.service.js";

export interface MapPageRouteDeps {
  pages: MapPagesService;
  renderer: MapPagesRenderer;
  site: SiteService;
  siteRenderer: SiteRenderer;
  reader: ReaderRoutes;
}

const DateQuery = Type.Object({ date: Type.Optional(Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" })) });

type SlugRequest = FastifyRequest<{ Params: { edition?: string; slug: string }; Querystring: { date?: string } }>;

/** Reader map pages `{base}maps/<slug>`, their SVG preview and PNG card, place pages, the basemap file. */
export function registerMapPageRoutes(app: FastifyInstance, deps: MapPageRouteDeps): void {
  const { pages, renderer, site, siteRenderer, reader } = deps;

  async function notFound(edition: Edition): Promise<CachedPage> {
    return siteRenderer.error(await site.context(edition), "notFound", 404);
  }

  /** A day that is not a real date (2024-02-31) reads as no day: the newest layer. */
  function dayOf(request: SlugRequest): string | null {
    const day = request.query.date;
    return day && isValidDay(day) ? day : null;
  }

  async function mapHandler(request: SlugRequest, reply: FastifyReply) {
    const edition = reader.editionOf(request);
    if (!edition) return reply.callNotFound();
    const path = pathOf(request);
    const day = dayOf(request);
    return reader.servePage(request, reply, edition, day ? `${path}?date=${day}` : path, async () => {
      const data = await pages.mapPage(edition, request.params.slug, day);
      return data ? renderer.map(await site.context(edition), data) : notFound(edition);
    });
  }

  async function previewHandler(request: SlugRequest, reply: FastifyReply) {
    const edition = reader.editionOf(request);
    if (!edition) return reply.callNotFound();
    const path = pathOf(request);
    const day = dayOf(request);
    return reader.servePage(request, reply, edition, day ? `${path}?date=${day}` : path, async () => {
      const map = await pages.findMap(request.params.slug);
      if (!map) return notFound(edition);
      const { svg } = await pages.mapSvg(map, edition, day, { ...CARD_VIEW, zoomOffset: -1 });
      return makePage(200, "image/svg+xml; charset=utf-8", svg, [mapKeys.map(map.slug)]);
    });
  }

  async function cardHandler(request: SlugRequest, reply: FastifyReply) {
    const edition = reader.editionOf(request);
    if (!edition) return reply.callNotFound();
    const path = pathOf(request);
    return reader.servePage(request, reply, edition, path, async () => {
      const map = await pages.findMap(request.params.slug);
      if (!map) return notFound(edition);
      const { svg } = await pages.mapSvg(map, edition, null, { width: 1200, height: 630 });
      const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
      const etag = `"${createHash("sha256").update(png).digest("base64url").slice(0, 27)}"`;
      return { status: 200, contentType: "image/png", body: png, etag, keys: [mapKeys.map(map.slug)] };
    });
  }

  async function placeHandler(request: SlugRequest, reply: FastifyReply) {
    const edition = reader.editionOf(request);
    if (!edition) return reply.callNotFound();
    const path = pathOf(request);
    return reader.servePage(request, reply, edition, path, async () => {
      const data = await pages.placePage(edition, request.params.slug);
      return data ? renderer.place(await site.context(edition), data) : notFound(edition);
    });
  }

  const schema = (prefix: EditionPrefix, response: Record<number, unknown> = htmlResponses) => ({
    params: editionParams(prefix, { slug: Slug }),
    querystring: DateQuery,
    response,
  });
  const imageResponses = {
    200: Type.Unknown({ description: "An image" }),
    304: Type.Null(),
    400: HtmlPage,
    404: HtmlPage,
  };
  for (const prefix of EDITION_PREFIXES) {
    app.get(`${prefix}/maps/:slug`, { schema: schema(prefix) }, mapHandler);
    app.get(`${prefix}/maps/:slug/preview.svg`, { schema: schema(prefix, imageResponses) }, previewHandler);
    app.get(`${prefix}/maps/:slug/card.png`, { schema: schema(prefix, imageResponses) }, cardHandler);
    app.get(`${prefix}/places/:slug`, { schema: schema(prefix) }, placeHandler);
  }

  // The newsroom's preview: the reader's map page of an edition with the draft layers in it, for
  // staff only. Private and never cached, so a draft cannot reach a reader through a cache.
  app.get(
    "/admin/api/maps/:id/preview",
    {
      schema: {
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        querystring: MapPreviewQuery,
        response: { 200: Type.String(), 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request: FastifyRequest<{ Params: { id: number }; Querystring: MapPreviewQuery }>, reply) => {
      const actor = requireActor(request);
      if (!canMap(actor.role, "view")) throw new AppError("forbidden", "You may not see maps.");
      const code = request.query.edition;
      const edition = code ? reader.editions.byCode(code) : reader.editions.list()[0];
      if (!edition) throw new AppError("not_found", `There is no edition "${code ?? ""}".`);
      const day = request.query.date && isValidDay(request.query.date) ? request.query.date : null;
      const map = await pages.getMap(request.params.id);
      const data = await pages.mapPageOf(map, edition, day, { drafts: true });
      const page = renderer.map(await site.context(edition), data);
      return reply
        .header("cache-control", "private, no-store")
        .header("x-robots-tag", "noindex, nofollow")
        .type(page.contentType)
        .send(page.body);
    },
  );

  const basemap = fs.readFileSync(new URL("./data/basemap.topo.json", import.meta.url));
  app.get(
    "/geo/basemap.topo.json",
    { schema: { response: { 200: Type.Unknown({ description: "TopoJSON" }) } } },
    async (_request, reply) =>
      reply.header("cache-control", "public, max-age=86400").type("application/json").send(basemap),
  );
}
