/** The Telegram API's schemas; browser-safe: the newsroom app reads their types. */
import { type Static, Type } from "typebox";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const EditionParams = Type.Object({
  edition: Type.String({ minLength: 1, maxLength: 20, pattern: "^[a-z0-9-]+$" }),
});
export const ArticleParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const ChannelBody = Type.Object(
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

export const ChannelSchema = Type.Object({
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

export const DeliverySchema = Type.Object({
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

/** An edition's channel as the API shows it (the token masked). */
export type ChannelView = Static<typeof ChannelSchema>;
/** A story's Telegram post and log, for the editor's panel. */
export type ArticleDeliveryView = Static<typeof DeliverySchema>;
