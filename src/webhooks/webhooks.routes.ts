import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { type Actor, requireActor } from "../staff/actor.js";
import { canWebhook, type WebhookAction } from "./webhooks.policy.js";
import {
  CreatedWebhookSchema,
  CreateWebhookBody,
  DeliveriesQuery,
  UpdateWebhookBody,
  WebhookDeliverySchema,
  WebhookIdParams,
  WebhookSchema,
} from "./webhooks.schemas.js";
import type { SubscriptionInput, SubscriptionPatch, WebhooksService } from "./webhooks.service.js";

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

function allow(actor: Actor, action: WebhookAction): void {
  if (!canWebhook(actor.role, action)) throw new AppError("forbidden", "Only admins and owners manage webhooks.");
}

/** The newsroom app's webhook API under /admin/api/webhooks. */
export function registerWebhookRoutes(app: FastifyInstance, deps: { webhooks: WebhooksService }): void {
  const { webhooks } = deps;
  const base = "/admin/api/webhooks";

  app.get(
    base,
    { schema: { response: { 200: Type.Object({ items: Type.Array(WebhookSchema) }), ...errors } } },
    async (request) => {
      allow(requireActor(request), "viewWebhooks");
      return { items: await webhooks.list() };
    },
  );

  app.post(
    base,
    { schema: { body: CreateWebhookBody, response: { 201: CreatedWebhookSchema, ...errors } } },
    async (request: FastifyRequest<{ Body: SubscriptionInput }>, reply) => {
      const actor = requireActor(request);
      allow(actor, "manageWebhooks");
      return reply.code(201).send(await webhooks.create(request.body, actor.staffId));
    },
  );

  app.get(
    `${base}/:id`,
    { schema: { params: WebhookIdParams, response: { 200: WebhookSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>) => {
      allow(requireActor(request), "viewWebhooks");
      return webhooks.get(request.params.id);
    },
  );

  app.patch(
    `${base}/:id`,
    { schema: { params: WebhookIdParams, body: UpdateWebhookBody, response: { 200: WebhookSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number }; Body: SubscriptionPatch }>) => {
      allow(requireActor(request), "manageWebhooks");
      return webhooks.update(request.params.id, request.body);
    },
  );

  app.delete(
    `${base}/:id`,
    { schema: { params: WebhookIdParams, response: { 204: Type.Null(), ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>, reply) => {
      allow(requireActor(request), "manageWebhooks");
      await webhooks.remove(request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    `${base}/:id/test`,
    { schema: { params: WebhookIdParams, response: { 200: WebhookDeliverySchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>) => {
      allow(requireActor(request), "manageWebhooks");
      return webhooks.sendTest(request.params.id);
    },
  );

  app.get(
    `${base}/:id/deliveries`,
    {
      schema: {
        params: WebhookIdParams,
        querystring: DeliveriesQuery,
        response: { 200: Type.Object({ items: Type.Array(WebhookDeliverySchema) }), ...errors },
      },
    },
    async (request: FastifyRequest<{ Params: { id: number }; Querystring: { limit?: number; before?: number } }>) => {
      allow(requireActor(request), "viewWebhooks");
      const { limit, before } = request.query;
      return { items: await webhooks.deliveries(request.params.id, limit ?? 50, before) };
    },
  );
}
