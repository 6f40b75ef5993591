import { type Static, Type } from "typebox";
import { SafeUrl, SafeUrlOrEmpty } from "./safe-url.schemas.js";

export const BreakingBannerSchema = Type.Object({
  text: Type.String({ minLength: 1, maxLength: 280 }),
  url: Type.Union([SafeUrl({ maxLength: 2000 }), Type.Null()]),
  /** ISO instant; past it the banner is gone from every page. */
  expiresAt: Type.String(),
  raisedAt: Type.String(),
});
export type BreakingBanner = Static<typeof BreakingBannerSchema>;

export const RaiseBannerBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 280 }),
    url: Type.Optional(Type.Union([SafeUrlOrEmpty({ maxLength: 2000 }), Type.Null()])),
    /** An ISO instant with offset, e.g. "2026-11-30T18:00:00Z". */
    expiresAt: Type.String({ minLength: 10, maxLength: 40 }),
  },
  { additionalProperties: false },
);
export type RaiseBannerBody = Static<typeof RaiseBannerBody>;

export const BannerStateSchema = Type.Object({
  banner: Type.Union([BreakingBannerSchema, Type.Null()]),
  /** False when the stored banner has passed its expiry. */
  active: Type.Boolean(),
});
