import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { requireActor } from "../staff/actor.js";
import { canAudit } from "./audit.policy.js";
import { AuditPageSchema, AuditQuery } from "./audit.schemas.js";
import type { AuditService } from "./audit.service.js";

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema };

/** The audit log's admin API: HTTP and the owners-only check. */
export function registerAuditRoutes(instance: FastifyInstance, deps: { audit: AuditService }): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { audit } = deps;

  app.get(
    "/admin/api/audit",
    { schema: { querystring: AuditQuery, response: { 200: AuditPageSchema, ...errors } } },
    async (request, reply) => {
      if (!canAudit(requireActor(request), "view")) throw new AppError("forbidden", "Only owners read the audit log.");
      reply.header("cache-control", "private, no-store");
      return audit.list(request.query);
    },
  );

  app.get(
    "/admin/api/audit.csv",
    { schema: { querystring: AuditQuery, response: { 200: Type.String({ description: "text/csv" }), ...errors } } },
    async (request, reply) => {
      if (!canAudit(requireActor(request), "export")) {
        throw new AppError("forbidden", "Only owners export the audit log.");
      }
      const csv = await audit.csv(request.query);
      return reply
        .header("content-disposition", 'attachment; filename="audit-log.csv"')
        .header("cache-control", "private, no-store")
        .type("text/csv; charset=utf-8")
        .send(csv);
    },
  );
}
