import { Type } from "typebox";
import { WEBHOOK_EVENTS } from "./webhooks.shared.js";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** Event names are checked by the service, so an unknown one gets its own code (webhook_event_unknown). */
const Events = Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 20 });
const Url = Type.String({ minLength: 1, maxLength: 2000 });

export const WebhookIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const CreateWebhookBody = Type.Object({ url: Url, events: Events }, { additionalProperties: false });

export const UpdateWebhookBody = Type.Object(
  { url: Type.Optional(Url), events: Type.Optional(Events), enabled: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const CreatedWebhookSchema = Type.Object({ id: Type.Integer(), secret: Type.String() });

export const WebhookSchema = Type.Object({
  id: Type.Integer(),
  url: Type.String(),
  events: Type.Array(Type.Union(WEBHOOK_EVENTS.map((event) => Type.Literal(event)))),
  enabled: Type.Boolean(),
  consecutiveFailures: Type.Integer(),
  disabledAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const WebhookDeliverySchema = Type.Object({
  id: Type.Integer(),
  event: Type.String(),
  status: Type.Union([Type.Literal("pending"), Type.Literal("delivered"), Type.Literal("failed")]),
  attempts: Type.Integer(),
  responseCode: Nullable(Type.Integer()),
  durationMs: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
  nextAttemptAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const DeliveriesQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  before: Type.Optional(Type.Integer({ minimum: 1 })),
});
