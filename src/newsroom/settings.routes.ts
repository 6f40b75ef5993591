import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { requireActor } from "../staff/actor.js";
import { canNewsroom } from "./articles.policy.js";
import type { EditionsService } from "./editions.service.js";
import { type EditionSettings, EditionSettingsSchema } from "./settings.schemas.js";
import type { SettingsService } from "./settings.service.js";

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const Params = Type.Object({ edition: Type.String({ minLength: 1, maxLength: 20 }) });

/** Fields of the whole site's identity; the rest (promos, video of the day) is editors' daily work. */
const SITE_FIELDS = ["siteName", "follow", "supportUrl", "xHandle"] as const;

export function registerSettingsRoutes(
  app: FastifyInstance,
  deps: { settings: SettingsService; editions: EditionsService },
): void {
  const { settings, editions } = deps;

  function editionOf(code: string) {
    const edition = editions.byCode(code);
    if (!edition) throw new AppError("not_found", `There is no "${code}" edition.`);
    return edition;
  }

  app.get(
    "/admin/api/settings/:edition",
    { schema: { params: Params, response: { 200: EditionSettingsSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { edition: string } }>) => {
      requireActor(request);
      return settings.editionSettings(editionOf(request.params.edition).code);
    },
  );

  app.put(
    "/admin/api/settings/:edition",
    { schema: { params: Params, body: EditionSettingsSchema, response: { 200: EditionSettingsSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { edition: string }; Body: EditionSettings }>) => {
      const actor = requireActor(request);
      const edition = editionOf(request.params.edition);
      const current = await settings.editionSettings(edition.code);
      // A client that does not know the optional X handle (older admin apps) keeps it as it is.
      const next: EditionSettings =
        request.body.xHandle === undefined && current.xHandle !== undefined
          ? { ...request.body, xHandle: current.xHandle }
          : request.body;
      const touchesSite = SITE_FIELDS.some((field) => JSON.stringify(current[field]) !== JSON.stringify(next[field]));
      const needed = touchesSite ? "editSiteSettings" : "editPromos";
      if (!canNewsroom(actor.role, needed)) {
        throw new AppError(
          "forbidden",
          touchesSite
            ? "Only admins may change the site name, follow links, support link and X handle."
            : "Your role may not change promos or the video of the day.",
        );
      }
      return settings.saveEditionSettings(edition.code, next);
    },
  );
}
