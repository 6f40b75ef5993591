import { type Static, Type } from "typebox";

const Instant = Type.String({
  pattern: "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2}))?$",
  description: "ISO-8601 date or date-time (a bare date is midnight UTC)",
});
const EditionCode = Type.String({ minLength: 1, maxLength: 20, pattern: "^[a-z0-9-]+$" });

export const RangeQuery = Type.Object(
  { from: Type.Optional(Instant), to: Type.Optional(Instant) },
  { additionalProperties: false },
);
export type RangeQuery = Static<typeof RangeQuery>;

export const EditionRangeQuery = Type.Object(
  { edition: EditionCode, from: Type.Optional(Instant), to: Type.Optional(Instant) },
  { additionalProperties: false },
);
export type EditionRangeQuery = Static<typeof EditionRangeQuery>;

export const ArticleRangeQuery = Type.Object(
  { edition: Type.Optional(EditionCode), from: Type.Optional(Instant), to: Type.Optional(Instant) },
  { additionalProperties: false },
);
export type ArticleRangeQuery = Static<typeof ArticleRangeQuery>;

export const NowQuery = Type.Object({ edition: EditionCode }, { additionalProperties: false });

export const ArticleParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

const Count = Type.Integer({ minimum: 0 });

export const Sources = Type.Object({
  direct: Count,
  search: Count,
  social: Count,
  newsletter: Count,
  telegram: Count,
  push: Count,
  referral: Count,
});
export type Sources = Static<typeof Sources>;

export const NowStats = Type.Object({
  edition: Type.String(),
  from: Type.String(),
  to: Type.String(),
  views: Count,
  perMinute: Type.Array(Type.Object({ minute: Type.String(), views: Count })),
  top: Type.Array(Type.Object({ articleId: Type.String(), title: Type.String(), url: Type.String(), views: Count })),
  sources: Sources,
});
export type NowStats = Static<typeof NowStats>;

export const ArticleStats = Type.Object({
  articleId: Type.String(),
  title: Type.String(),
  views: Count,
  hourly: Type.Array(Type.Object({ hour: Type.String(), views: Count })),
  sources: Sources,
  referrers: Type.Array(Type.Object({ host: Type.String(), views: Count })),
  devices: Type.Object({ mobile: Count, tablet: Count, desktop: Count, unknown: Count }),
  depth: Type.Object({ "25": Count, "50": Count, "75": Count, "100": Count }),
  timeOnPage: Type.Object({
    lt10s: Count,
    "10to30s": Count,
    "30to60s": Count,
    "1to3m": Count,
    "3to10m": Count,
    gt10m: Count,
  }),
  conversions: Type.Object({ newsletterSignups: Count, donationsStarted: Count }),
});
export type ArticleStats = Static<typeof ArticleStats>;

export const SectionRows = Type.Object({
  rows: Type.Array(
    Type.Object({
      sectionId: Type.Union([Type.Integer(), Type.Null()]),
      name: Type.String(),
      articles: Count,
      views: Count,
    }),
  ),
});
export type SectionRows = Static<typeof SectionRows>;

export const AuthorRows = Type.Object({
  rows: Type.Array(
    Type.Object({
      staffId: Type.Union([Type.Integer(), Type.Null()]),
      /** The byline (a person of the edition); staffId is null for a contributor with no account. */
      personId: Type.Integer(),
      name: Type.String(),
      articles: Count,
      views: Count,
    }),
  ),
});
export type AuthorRows = Static<typeof AuthorRows>;

export const ArticleRows = Type.Object({
  rows: Type.Array(
    Type.Object({
      articleId: Type.String(),
      title: Type.String(),
      url: Type.String(),
      section: Type.String(),
      authors: Type.String(),
      views: Count,
    }),
  ),
});
export type ArticleRows = Static<typeof ArticleRows>;

export const NewsletterRows = Type.Object({
  rows: Type.Array(
    Type.Object({
      issueId: Type.Integer(),
      newsletter: Type.String(),
      subject: Type.String(),
      sentAt: Type.String(),
      clicks: Count,
      links: Type.Array(Type.Object({ url: Type.String(), clicks: Count })),
    }),
  ),
});
export type NewsletterRows = Static<typeof NewsletterRows>;
