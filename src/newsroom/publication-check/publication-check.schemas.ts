import { type Static, Type } from "typebox";

export const FindingSchema = Type.Object({ rule: Type.String(), text: Type.String(), why: Type.String() });

/** A 409 of the publish and schedule routes: the publication check's findings beside the code. */
export const PublishRefusalSchema = Type.Object({
  code: Type.String(),
  message: Type.String(),
  details: Type.Optional(Type.Unknown()),
  findings: Type.Optional(Type.Array(FindingSchema)),
});

export const CheckStatusSchema = Type.Object({
  findings: Type.Array(FindingSchema),
  unacknowledged: Type.Array(FindingSchema),
  acknowledgements: Type.Array(
    Type.Object({
      rule: Type.String(),
      reason: Type.String(),
      by: Type.Union([Type.String(), Type.Null()]),
      at: Type.String(),
    }),
  ),
  approvals: Type.Array(Type.Object({ by: Type.Union([Type.String(), Type.Null()]), at: Type.String() })),
  needsApproval: Type.Boolean(),
});

const Rule = Type.Union([
  Type.Literal("precise_place_after_strike"),
  Type.Literal("air_defence_near_place"),
  Type.Literal("photo_location"),
]);

export const AckBody = Type.Object(
  {
    rules: Type.Array(Rule, { minItems: 1, maxItems: 3 }),
    reason: Type.String({ minLength: 1, maxLength: 2000, pattern: "\\S" }),
    /** A live blog's entry about to be posted: its findings are dismissed too. */
    entry: Type.Optional(
      Type.Object(
        {
          headline: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
          /** A body document, checked in depth by the article body validator. */
          body: Type.Unknown(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type AckBody = Static<typeof AckBody>;

export const CheckSettingsSchema = Type.Object(
  {
    enabled: Type.Boolean(),
    disabledRules: Type.Array(Rule, { maxItems: 3 }),
    delayMinutes: Type.Integer({ minimum: 0, maximum: 7 * 24 * 60 }),
  },
  { additionalProperties: false },
);
export type CheckSettingsBody = Static<typeof CheckSettingsSchema>;

export const EditionParams = Type.Object({ edition: Type.String({ minLength: 1, maxLength: 20 }) });
