import { type Static, Type } from "typebox";
import { SafeUrl, SafeUrlOrEmpty } from "./safe-url.schemas.js";

export const VideoSchema = Type.Object({
  provider: Type.Union([Type.Literal("youtube"), Type.Literal("vimeo")]),
  videoId: Type.String({ pattern: "^[A-Za-z0-9_-]{1,20}$" }),
  title: Type.String({ minLength: 1, maxLength: 300 }),
});
export type Video = Static<typeof VideoSchema>;

export const NewsletterPromoSchema = Type.Object({
  type: Type.Literal("newsletter"),
  /** Identifier of the list the card signs readers up to. */
  list: Type.String({ minLength: 1, maxLength: 80 }),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ maxLength: 600 }),
  /** Language the newsletter is written in; may differ from the page's edition. */
  language: Type.Union([Type.Literal("uk"), Type.Literal("ru"), Type.Literal("en")]),
  cadence: Type.String({ minLength: 1, maxLength: 120 }),
});

export const MapPromoSchema = Type.Object({
  type: Type.Literal("map"),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ maxLength: 600 }),
  href: SafeUrl({ maxLength: 500 }),
});

export const SupportPromoSchema = Type.Object({
  type: Type.Literal("support"),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ maxLength: 600 }),
});

export const FollowPromoSchema = Type.Object({ type: Type.Literal("follow") });

export const PromoSchema = Type.Union([NewsletterPromoSchema, MapPromoSchema, SupportPromoSchema, FollowPromoSchema]);
export type Promo = Static<typeof PromoSchema>;

export const FollowLinksSchema = Type.Object({
  x: Type.Optional(SafeUrlOrEmpty({ maxLength: 500 })),
  facebook: Type.Optional(SafeUrlOrEmpty({ maxLength: 500 })),
  googleNews: Type.Optional(SafeUrlOrEmpty({ maxLength: 500 })),
  telegram: Type.Optional(SafeUrlOrEmpty({ maxLength: 500 })),
});
export type FollowLinks = Static<typeof FollowLinksSchema>;

export const EditionSettingsSchema = Type.Object({
  siteName: Type.String({ minLength: 1, maxLength: 120 }),
  videoOfTheDay: Type.Union([VideoSchema, Type.Null()]),
  /** Modules shown after an article's body, in this order. */
  articlePromos: Type.Array(PromoSchema, { maxItems: 12 }),
  follow: FollowLinksSchema,
  /** Where the support card's buttons lead when no payment provider is configured. */
  supportUrl: SafeUrlOrEmpty({ maxLength: 500 }),
  /** The outlet's X account, "@name", named as `twitter:site` on shared links; "" for none. */
  xHandle: Type.Optional(Type.String({ pattern: "^(@[A-Za-z0-9_]{1,15})?$" })),
});
export type EditionSettings = Static<typeof EditionSettingsSchema>;
