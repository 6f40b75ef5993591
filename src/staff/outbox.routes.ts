import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { DevOutboxMailer, type Mailer } from "../platform/mail/mailer.js";
import { requireActor } from "./actor.js";
import { canStaff } from "./staff.policy.js";

const OutboxSchema = Type.Object({
  /** False when real mail delivery is configured: there is then nothing kept here. */
  enabled: Type.Boolean(),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      to: Type.String(),
      subject: Type.String(),
      text: Type.String(),
      /** From, List-Unsubscribe and other headers a message carries (newsletters set them). */
      headers: Type.Optional(Type.Record(Type.String(), Type.String())),
      createdAt: Type.String(),
    }),
  ),
});

/**
 * The development outbox: without SMTP, invitations and password resets are kept here, and
 * admins read them in the newsroom app to pass links on by hand.
 */
export function registerOutboxRoutes(app: FastifyInstance, mailer: Mailer): void {
  app.get(
    "/admin/api/outbox",
    {
      schema: {
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }),
        response: { 200: OutboxSchema, 401: ErrorSchema, 403: ErrorSchema },
      },
    },
    async (request: FastifyRequest<{ Querystring: { limit?: number } }>) => {
      const actor = requireActor(request);
      if (!canStaff(actor.role, "viewStaff")) throw new AppError("forbidden", "Only admins may read the outbox.");
      if (!(mailer instanceof DevOutboxMailer)) return { enabled: false, items: [] };
      const items = await mailer.list(request.query.limit ?? 50);
      return {
        enabled: true,
        items: items.map(({ id, to, subject, text, headers, createdAt }) => ({
          id,
          to,
          subject,
          text,
          ...(headers ? { headers } : {}),
          createdAt,
        })),
      };
    },
  );
}
