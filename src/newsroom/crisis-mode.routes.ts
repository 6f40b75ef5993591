import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { type Actor, requireActor } from "../staff/actor.js";
import { type CrisisModeAction, canCrisisMode } from "./crisis-mode.policy.js";
import { CrisisModeListSchema, CrisisModeSchema, SwitchCrisisBody } from "./crisis-mode.schemas.js";
import type { CrisisModeService } from "./crisis-mode.service.js";
import type { EditionsService } from "./editions.service.js";

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const EditionParams = Type.Object({ edition: Type.String({ minLength: 1, maxLength: 20 }) });

export interface CrisisModeRouteDeps {
  crisis: CrisisModeService;
  editions: EditionsService;
}

/** Crisis mode per edition in the newsroom app: HTTP only. */
export function registerCrisisModeRoutes(app: FastifyInstance, deps: CrisisModeRouteDeps): void {
  const { crisis, editions } = deps;

  function authorize(request: FastifyRequest, action: CrisisModeAction): Actor {
    const actor = requireActor(request);
    if (!canCrisisMode(actor.role, action)) {
      throw new AppError("forbidden", `Your role (${actor.role}) may not switch crisis mode; editors and above may.`);
    }
    return actor;
  }

  function editionOf(code: string): string {
    if (!editions.byCode(code)) throw new AppError("not_found", `There is no "${code}" edition.`);
    return code;
  }

  app.get("/admin/api/crisis", { schema: { response: { 200: CrisisModeListSchema, ...errors } } }, async (request) => {
    authorize(request, "viewCrisisMode");
    return { items: await Promise.all(editions.list().map((edition) => crisis.status(edition.code))) };
  });

  app.put(
    "/admin/api/crisis/:edition",
    { schema: { params: EditionParams, body: SwitchCrisisBody, response: { 200: CrisisModeSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { edition: string }; Body: SwitchCrisisBody }>) => {
      const actor = authorize(request, "switchCrisisMode");
      const edition = editionOf(request.params.edition);
      return request.body.on
        ? crisis.switchOn(edition, { until: request.body.until ?? null, by: actor.name })
        : crisis.switchOff(edition, actor.name);
    },
  );
}
