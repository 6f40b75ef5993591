import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../../errors.js";
import type { ArticleRow } from "../../platform/db/schema.js";
import { ErrorSchema } from "../../platform/http/error-schema.js";
import { requireActor } from "../../staff/actor.js";
import { canArticle } from "../articles.policy.js";
import { IdParams } from "../articles.schemas.js";
import type { EditionsService } from "../editions.service.js";
import {
  canAcknowledgeFindings,
  canApprovePublication,
  canConfigurePublicationCheck,
} from "./publication-check.policy.js";
import {
  AckBody,
  type CheckSettingsBody,
  CheckSettingsSchema,
  CheckStatusSchema,
  EditionParams,
} from "./publication-check.schemas.js";
import { OUTLET, type PublicationCheckService } from "./publication-check.service.js";

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

/** The publication check's API: findings, their acknowledgement, the second approval, settings. */
export function registerPublicationCheckRoutes(
  app: FastifyInstance,
  deps: {
    check: PublicationCheckService;
    /** The story as "Update" would make it live (pending edits applied): what the check reads. */
    outgoing: (id: number) => Promise<ArticleRow>;
    editions: EditionsService;
  },
): void {
  const { check, outgoing, editions } = deps;

  app.get(
    "/admin/api/articles/:id/findings",
    { schema: { params: IdParams, response: { 200: CheckStatusSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>) => {
      const actor = requireActor(request);
      const article = await outgoing(request.params.id);
      if (!canArticle(actor, "view", article)) throw new AppError("forbidden", "You may not see this article.");
      return check.status(article);
    },
  );

  app.post(
    "/admin/api/articles/:id/findings/ack",
    { schema: { params: IdParams, body: AckBody, response: { 200: CheckStatusSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number }; Body: AckBody }>) => {
      const actor = requireActor(request);
      if (!canAcknowledgeFindings(actor)) {
        throw new AppError("forbidden", `Your role (${actor.role}) may not dismiss the publication check's findings.`);
      }
      const article = await outgoing(request.params.id);
      const { entry } = request.body;
      const status = await check.acknowledge(
        article,
        request.body.rules,
        request.body.reason,
        actor,
        entry ? { headline: entry.headline ?? null, body: entry.body } : undefined,
      );
      request.log.info(
        { articleId: article.id, rules: request.body.rules, reason: request.body.reason, actor: actor.name },
        "publication check findings acknowledged",
      );
      return status;
    },
  );

  app.post(
    "/admin/api/articles/:id/approve",
    { schema: { params: IdParams, response: { 200: CheckStatusSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>) => {
      const actor = requireActor(request);
      const article = await outgoing(request.params.id);
      if (!canApprovePublication(actor, article, await check.acknowledgers(article.id))) {
        throw new AppError(
          "forbidden",
          "A flagged story is approved by another editor: not its writer, and not whoever dismissed its findings.",
        );
      }
      return check.approve(article, actor);
    },
  );

  const edition = (code: string) => {
    if (code !== OUTLET && !editions.byCode(code)) throw new AppError("not_found", `There is no "${code}" edition.`);
    return code;
  };

  app.get(
    "/admin/api/publication-check/settings/:edition",
    { schema: { params: EditionParams, response: { 200: CheckSettingsSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { edition: string } }>) => {
      const actor = requireActor(request);
      if (!canConfigurePublicationCheck(actor))
        throw new AppError("forbidden", "Only owners set the publication check.");
      return check.settingsFor(edition(request.params.edition));
    },
  );

  app.put(
    "/admin/api/publication-check/settings/:edition",
    { schema: { params: EditionParams, body: CheckSettingsSchema, response: { 200: CheckSettingsSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { edition: string }; Body: CheckSettingsBody }>) => {
      const actor = requireActor(request);
      if (!canConfigurePublicationCheck(actor))
        throw new AppError("forbidden", "Only owners set the publication check.");
      return check.saveSettings(edition(request.params.edition), request.body);
    },
  );
}
