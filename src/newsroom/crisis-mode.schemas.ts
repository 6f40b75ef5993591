import { type Static, Type } from "typebox";

export const CrisisModeSchema = Type.Object({
  edition: Type.String(),
  on: Type.Boolean(),
  /** ISO instant at which the mode ends by itself; null when it runs until switched off. */
  until: Type.Union([Type.String(), Type.Null()]),
  changedAt: Type.Union([Type.String(), Type.Null()]),
  changedBy: Type.Union([Type.String(), Type.Null()]),
});

export const CrisisModeListSchema = Type.Object({ items: Type.Array(CrisisModeSchema) });

export const SwitchCrisisBody = Type.Object(
  {
    on: Type.Boolean(),
    /** With `on`: an ISO instant with offset, e.g. "2026-12-07T06:00:00Z"; null or absent for no end. */
    until: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type SwitchCrisisBody = Static<typeof SwitchCrisisBody>;
