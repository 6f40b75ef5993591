import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { AppError } from "../errors.js";
import { ErrorSchema } from "../platform/http/error-schema.js";
import { type Actor, requireActor } from "../staff/actor.js";
import { canTelegram, type TelegramAction } from "./telegram.policy.js";
import { ArticleParams, ChannelBody, ChannelSchema, DeliverySchema, EditionParams } from "./telegram.schemas.js";
import type { ChannelInput, TelegramService } from "./telegram.service.js";

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
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
