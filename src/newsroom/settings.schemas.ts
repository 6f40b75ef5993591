import { type Static, Type } from "typebox";
import { SafeUrl, SafeUrlOrEmpty } from "./safe-url.schemas.js";

/** Lengths and counts of the edition settings: the schemas below and the admin app's form use these. */
export const SETTINGS_LIMITS = {
  modules: 12,
  list: 80,
  title: 200,
  description: 600,
  cadence: 120,
  href: 500,
  link: 500,
  siteName: 120,
  videoTitle: 300,
} as const;
const L = SETTINGS_LIMITS;

export const VideoSchema = Type.Object({
  provider: Type.Union([Type.Literal("youtube"), Type.Literal("vimeo")]),
  videoId: Type.String({ pattern: "^[A-Za-z0-9_-]{1,20}$" }),
  title: Type.String({ minLength: 1, maxLength: L.videoTitle }),
});
export type Video = Static<typeof VideoSchema>;

export const NewsletterPromoSchema = Type.Object({
  type: Type.Literal("newsletter"),
  /** Identifier of the list the card signs readers up to. */
  list: Type.String({ minLength: 1, maxLength: L.list }),
  title: Type.String({ minLength: 1, maxLength: L.title }),
  description: Type.String({ maxLength: L.description }),
  /** Language the newsletter is written in; may differ from the page's edition. */
  language: Type.Union([Type.Literal("uk"), Type.Literal("ru"), Type.Literal("en")]),
  cadence: Type.String({ minLength: 1, maxLength: L.cadence }),
});

export const MapPromoSchema = Type.Object({
  type: Type.Literal("map"),
  title: Type.String({ minLength: 1, maxLength: L.title }),
  description: Type.String({ maxLength: L.description }),
  href: SafeUrl({ maxLength: L.href }),
});

export const SupportPromoSchema = Type.Object({
  type: Type.Literal("support"),
  title: Type.String({ minLength: 1, maxLength: L.title }),
  description: Type.String({ maxLength: L.description }),
});

export const FollowPromoSchema = Type.Object({ type: Type.Literal("follow") });

export const PromoSchema = Type.Union([NewsletterPromoSchema, MapPromoSchema, SupportPromoSchema, FollowPromoSchema]);
export type Promo = Static<typeof PromoSchema>;

export const FollowLinksSchema = Type.Object({
  x: Type.Optional(SafeUrlOrEmpty({ maxLength: L.link })),
  facebook: Type.Optional(SafeUrlOrEmpty({ maxLength: L.link })),
  googleNews: Type.Optional(SafeUrlOrEmpty({ maxLength: L.link })),
  telegram: Type.Optional(SafeUrlOrEmpty({ maxLength: L.link })),
});
export type FollowLinks = Static<typeof FollowLinksSchema>;

export const EditionSettingsSchema = Type.Object({
  siteName: Type.String({ minLength: 1, maxLength: L.siteName }),
  videoOfTheDay: Type.Union([VideoSchema, Type.Null()]),
  /** Modules shown after an article's body, in this order. */
  articlePromos: Type.Array(PromoSchema, { maxItems: L.modules }),
  follow: FollowLinksSchema,
  /** Where the support card's buttons lead when no payment provider is configured. */
  supportUrl: SafeUrlOrEmpty({ maxLength: L.link }),
  /** The outlet's X account, "@name", named as `twitter:site` on shared links; "" for none. */
  xHandle: Type.Optional(Type.String({ pattern: "^(@[A-Za-z0-9_]{1,15})?$" })),
});
export type EditionSettings = Static<typeof EditionSettingsSchema>;
