import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { ErrorSchema } from "../platform/http/error-schema.js";
import type { PaymentGateway } from "./stripe.gateway.js";
import { SignatureError } from "./stripe.gateway.js";
import type { StripeEventsService } from "./stripe-events.service.js";

/**
 * POST /webhooks/stripe. The signature covers the exact bytes Stripe sent, so the route lives in
 * its own encapsulated plugin whose JSON parser keeps the raw Buffer; the rest of the app still
 * parses JSON as usual.
 */
export async function registerStripeWebhookRoutes(
  app: FastifyInstance,
  deps: { gateway: PaymentGateway | null; events: StripeEventsService },
): Promise<void> {
  await app.register(async (scope) => {
    scope.removeContentTypeParser("application/json");
    scope.addContentTypeParser("application/json", { parseAs: "buffer", bodyLimit: 1024 * 1024 }, (_req, body, done) =>
      done(null, body),
    );

    scope.post(
      "/webhooks/stripe",
      {
        schema: {
          // The body is the raw JSON bytes; it is checked by its signature, then read defensively.
          headers: Type.Object({ "stripe-signature": Type.Optional(Type.String({ maxLength: 2000 })) }),
          response: {
            200: Type.Object({ received: Type.Boolean(), outcome: Type.String() }),
            400: ErrorSchema,
            503: ErrorSchema,
          },
        },
      },
      async (request: FastifyRequest<{ Headers: { "stripe-signature"?: string } }>, reply) => {
        if (!deps.gateway?.canVerify) {
          return reply.code(503).send({
            code: "service_unavailable",
            message: "Stripe webhooks are not configured (STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET).",
          });
        }
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        let event: ReturnType<PaymentGateway["verifyEvent"]>;
        try {
          event = deps.gateway.verifyEvent(raw, request.headers["stripe-signature"]);
        } catch (error) {
          if (error instanceof SignatureError) {
            return reply
              .code(400)
              .send({ code: "invalid_signature", message: "The Stripe signature does not verify." });
          }
          throw error;
        }
        const outcome = await deps.events.apply(event);
        request.log.info({ event: event.id, type: event.type, outcome }, "Stripe event");
        return { received: true, outcome };
      },
    );
  });
}
