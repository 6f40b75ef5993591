import { type Static, Type } from "typebox";

/** Push services' endpoints run to a few hundred characters; keys are short base64url strings. */
const Endpoint = Type.String({ minLength: 1, maxLength: 2048 });
const EditionCode = Type.String({ minLength: 1, maxLength: 16 });

export const SubscribeBody = Type.Object(
  {
    edition: EditionCode,
    endpoint: Endpoint,
    keys: Type.Object({
      p256dh: Type.String({ minLength: 1, maxLength: 256 }),
      auth: Type.String({ minLength: 1, maxLength: 64 }),
    }),
    // Browsers' PushSubscription.toJSON() also has expirationTime; it is accepted and not kept.
    expirationTime: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  },
  { additionalProperties: false },
);

export const UnsubscribeBody = Type.Object(
  { edition: EditionCode, endpoint: Endpoint },
  { additionalProperties: false },
);

export const PublicKeySchema = Type.Object({ publicKey: Type.String() });

export const PushSendSchema = Type.Object({
  id: Type.Integer(),
  edition: Type.String(),
  kind: Type.Union([Type.Literal("article"), Type.Literal("breaking")]),
  articleId: Type.Union([Type.Integer(), Type.Null()]),
  title: Type.String(),
  body: Type.String(),
  url: Type.String(),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  status: Type.Union([Type.Literal("sending"), Type.Literal("done")]),
  total: Type.Integer(),
  delivered: Type.Integer(),
  failed: Type.Integer(),
  removed: Type.Integer(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});

/** One alert as the API shows it (the newsroom app reads this type too). */
export type PushSendView = Static<typeof PushSendSchema>;

export const PushOverviewSchema = Type.Object({
  subscribers: Type.Array(Type.Object({ edition: Type.String(), subscribers: Type.Integer() })),
  sends: Type.Array(PushSendSchema),
});

export type PushOverview = Static<typeof PushOverviewSchema>;

export const SendArticleBody = Type.Object(
  { articleId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) },
  { additionalProperties: false },
);

export const SendParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
