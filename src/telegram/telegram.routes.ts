import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { type Actor, requireActor } from "../staff/actor.js";
import { canTelegram, type TelegramAction } from "./telegram.policy.js";
import type { ChannelInput, TelegramService } from "./telegram.service.js";

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const EditionParams = Type.Object({ edition: Type.String({ minLength: 1, maxLength: 20, pattern: "^[a-z0-9-]+$" }) });
const ArticleParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

const ChannelBody = Type.Object(
  {
    botToken: Type.Optional(Type.String({ minLength: 1, maxLength: 250 })),
    // A channel's @username or its numeric id (-100…), as text or as a number.
    chatId: Type.Union([
      Type.String({ minLength: 2, maxLength: 100, pattern: "^(@[A-Za-z0-9_]{4,64}|-?\\d{1,20})$" }),
      Type.Integer(),
    ]),
    enabled: Type.Boolean(),
    postBreaking: Type.Optional(Type.Boolean()),
    postLive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const ChannelSchema = Type.Object({
  edition: Type.String(),
  botToken: Type.String(),
  chatId: Type.String(),
  chatTitle: Nullable(Type.String()),
  botUsername: Nullable(Type.String()),
  enabled: Type.Boolean(),
  postBreaking: Type.Boolean(),
  postLive: Type.Boolean(),
  updatedAt: Type.String(),
});

const DeliverySchema = Type.Object({
  skip: Type.Boolean(),
  posts: Type.Array(
    Type.Object({
      edition: Type.String(),
      chatId: Type.String(),
      status: Type.String(),
      messageId: Nullable(Type.Integer()),
      updatedAt: Type.String(),
    }),
  ),
  log: Type.Array(
    Type.Object({
      id: Type.Integer(),
      edition: Type.String(),
      action: Type.String(),
      messageId: Nullable(Type.Integer()),
      detail: Nullable(Type.String()),
      createdAt: Type.String(),
    }),
  ),
});

function allow(actor: Actor, action: TelegramAction, message: string): void {
  if (!canTelegram(actor.role, action)) throw new AppError("forbidden", message);
}

/** The newsroom app's Telegram API: channel settings per edition, and each story's post and log. */
export function registerTelegramRoutes(app: FastifyInstance, deps: { telegram: TelegramService }): void {
  const { telegram } = deps;

  app.get(
    "/admin/api/channels/telegram/:edition",
    { schema: { params: EditionParams, response: { 200: ChannelSchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { edition: string } }>) => {
      allow(requireActor(request), "viewChannel", "Only editors and above see the Telegram channels.");
      return telegram.channel(request.params.edition);
    },
  );

  app.put(
    "/admin/api/channels/telegram/:edition",
    { schema: { params: EditionParams, body: ChannelBody, response: { 200: ChannelSchema, ...errors } } },
    async (
      request: FastifyRequest<{
        Params: { edition: string };
        Body: Omit<ChannelInput, "chatId"> & { chatId: string | number };
      }>,
    ) => {
      allow(requireActor(request), "manageChannel", "Only editors and above set up the Telegram channels.");
      const { botToken, chatId, enabled, postBreaking, postLive } = request.body;
      return telegram.saveChannel(request.params.edition, {
        ...(botToken !== undefined ? { botToken } : {}),
        ...(postBreaking !== undefined ? { postBreaking } : {}),
        ...(postLive !== undefined ? { postLive } : {}),
        chatId: String(chatId),
        enabled,
      });
    },
  );

  app.get(
    "/admin/api/articles/:id/telegram",
    { schema: { params: ArticleParams, response: { 200: DeliverySchema, ...errors } } },
    async (request: FastifyRequest<{ Params: { id: number } }>) => {
      allow(requireActor(request), "viewDelivery", "Your role may not see where stories went on Telegram.");
      return telegram.articleDelivery(request.params.id);
    },
  );

  app.put(
    "/admin/api/articles/:id/telegram",
    {
      schema: {
        params: ArticleParams,
        body: Type.Object({ skip: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: DeliverySchema, ...errors },
      },
    },
    async (request: FastifyRequest<{ Params: { id: number }; Body: { skip: boolean } }>) => {
      allow(requireActor(request), "skipArticle", "Only editors and above keep a story off Telegram.");
      return telegram.setSkip(request.params.id, request.body.skip);
    },
  );
}
