import { type Static, Type } from "typebox";

const Id = Type.Integer({ minimum: 1 });
const NullableText = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);

export const LeadImageInput = Type.Object(
  {
    mediaId: Id,
    caption: Type.Optional(NullableText(1000)),
    credit: Type.Optional(NullableText(1000)),
    alt: Type.Optional(NullableText(1000)),
  },
  { additionalProperties: false },
);

const editable = {
  title: Type.String({ minLength: 1, maxLength: 300 }),
  slug: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  dek: Type.Optional(NullableText(600)),
  /** A Tiptap document; validated in depth by the service (errors name the JSON path). */
  body: Type.Optional(Type.Unknown()),
  /** Alternative to `body`: HTML converted to the same document. */
  html: Type.Optional(Type.String({ maxLength: 2_000_000 })),
  section: Type.Optional(Type.Union([Id, Type.Null()])),
  tags: Type.Optional(Type.Array(Id, { maxItems: 50 })),
  authors: Type.Optional(Type.Array(Id, { maxItems: 20 })),
  leadImage: Type.Optional(Type.Union([LeadImageInput, Type.Null()])),
  sourceAttribution: Type.Optional(NullableText(600)),
  seoTitle: Type.Optional(NullableText(120)),
  seoDescription: Type.Optional(NullableText(320)),
  breaking: Type.Optional(Type.Boolean()),
  featured: Type.Optional(Type.Boolean()),
  /** Show the edition's video of the day in this story; left out anyway when the body has a video. */
  videoOfTheDay: Type.Optional(Type.Boolean()),
  /** Not before this instant: ISO 8601 with its offset (stored as UTC), or null to lift it. */
  embargoUntil: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 40 }), Type.Null()])),
  /** When the reported event happened (ISO 8601 with offset); the publication check's delay counts from it. */
  eventAt: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 40 }), Type.Null()])),
};

/** "audio": a podcast episode, its first audio block the episode's sound (see podcast.service.ts). */
export const ArticleKindSchema = Type.Union([Type.Literal("standard"), Type.Literal("live"), Type.Literal("audio")]);

export const CreateArticleBody = Type.Object(
  {
    edition: Type.String({ minLength: 1, maxLength: 20 }),
    /** Set once, at creation: a live blog's page is built around its entries. */
    kind: Type.Optional(ArticleKindSchema),
    ...editable,
  },
  { additionalProperties: false },
);
export type CreateArticleBody = Static<typeof CreateArticleBody>;

export const UpdateArticleBody = Type.Object(
  {
    /** The version the edit is based on; a stale one gets 409. */
    version: Type.Integer({ minimum: 1 }),
    /**
     * On a published or scheduled article (or one with a pending revision), save into the pending
     * revision and leave the live page as it is. The newsroom app always sends it for those.
     */
    pending: Type.Optional(Type.Boolean()),
    ...editable,
    title: Type.Optional(editable.title),
  },
  { additionalProperties: false },
);
export type UpdateArticleBody = Static<typeof UpdateArticleBody>;

export const ScheduleBody = Type.Object(
  {
    /** Local date-time in `timeZone`, e.g. "2026-12-01T09:00"; or an ISO instant with offset. */
    at: Type.String({ minLength: 16, maxLength: 40 }),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type ScheduleBody = Static<typeof ScheduleBody>;

export const ArticleStatusSchema = Type.Union([
  Type.Literal("draft"),
  Type.Literal("in_review"),
  Type.Literal("scheduled"),
  Type.Literal("published"),
  Type.Literal("archived"),
]);

export const ArticleListQuery = Type.Object({
  edition: Type.Optional(Type.String({ maxLength: 20 })),
  status: Type.Optional(ArticleStatusSchema),
  section: Type.Optional(Id),
  author: Type.Optional(Id),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  /** Words that must all be in the headline (any case): what pickers search, with no index to wait for. */
  title: Type.Optional(Type.String({ maxLength: 200 })),
  /** Only these articles, e.g. "12,40,7" (up to 100): a picker shows headlines for ids it holds. */
  ids: Type.Optional(Type.String({ pattern: "^[1-9][0-9]{0,9}(,[1-9][0-9]{0,9}){0,99}$", maxLength: 1100 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
export type ArticleListQuery = Static<typeof ArticleListQuery>;

const LeadImageSchema = Type.Union([
  Type.Object({
    mediaId: Type.Integer(),
    caption: Type.Union([Type.String(), Type.Null()]),
    credit: Type.Union([Type.String(), Type.Null()]),
    alt: Type.Union([Type.String(), Type.Null()]),
  }),
  Type.Null(),
]);

/** The editable content of one version, as the editor reads it. */
const VersionFields = {
  title: Type.String(),
  slug: Type.String(),
  dek: Type.Union([Type.String(), Type.Null()]),
  body: Type.Unknown(),
  section: Type.Union([Type.Integer(), Type.Null()]),
  tags: Type.Array(Type.Integer()),
  authors: Type.Array(Type.Integer()),
  leadImage: LeadImageSchema,
  sourceAttribution: Type.Union([Type.String(), Type.Null()]),
  seoTitle: Type.Union([Type.String(), Type.Null()]),
  seoDescription: Type.Union([Type.String(), Type.Null()]),
  breaking: Type.Boolean(),
  featured: Type.Boolean(),
  videoOfTheDay: Type.Boolean(),
};

export const VersionFieldsSchema = Type.Object(VersionFields);

/** Edits of a live article waiting for "Update"; the site still shows the article's own fields. */
export const PendingSchema = Type.Object({
  version: Type.Integer(),
  savedAt: Type.String(),
  savedBy: Type.Union([Type.String(), Type.Null()]),
  savedById: Type.Union([Type.Integer(), Type.Null()]),
  /** Set when the pending revision began as a restore of that version. */
  restoredFrom: Type.Union([Type.Integer(), Type.Null()]),
  ...VersionFields,
});
export type PendingDto = Static<typeof PendingSchema>;

function ReturnNoteSchema() {
  return Type.Object({ message: Type.String(), by: Type.Union([Type.String(), Type.Null()]), at: Type.String() });
}

export const ReturnBody = Type.Object({
  message: Type.String({ minLength: 1, maxLength: 4000, pattern: "\\S" }),
  /** The version the editor read; a newer one is refused (409) so nobody returns unseen changes. */
  version: Type.Optional(Type.Integer({ minimum: 1 })),
});
export type ReturnBody = Static<typeof ReturnBody>;

export const StatusQuery = Type.Object({ since: Type.Optional(Type.Integer({ minimum: 0 })) });
export type StatusQuery = Static<typeof StatusQuery>;

export const ArticleSchema = Type.Object({
  id: Type.Integer(),
  edition: Type.String(),
  status: ArticleStatusSchema,
  ...VersionFields,
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  embargoUntil: Type.Union([Type.String(), Type.Null()]),
  eventAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
  url: Type.String(),
  kind: ArticleKindSchema,
  liveEndedAt: Type.Union([Type.String(), Type.Null()]),
  /** The translation group (versions of one story in several editions) and the original translated. */
  translationGroup: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  translatedFrom: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  /** True while a draft's slug is still made from its headline (until edited by hand or published). */
  slugFollowsTitle: Type.Boolean(),
  /** Fields of a translation still in the original's language; each leaves the list when edited. */
  untranslated: Type.Array(Type.String()),
  /** The version the live fields above are at (`version` also counts pending saves). */
  liveVersion: Type.Integer(),
  pending: Type.Union([PendingSchema, Type.Null()]),
  /** The note an editor left when returning the story to its author; cleared when it is submitted again. */
  returnNote: Type.Optional(Type.Union([ReturnNoteSchema(), Type.Null()])),
  warnings: Type.Optional(Type.Array(Type.String())),
});
export type ArticleDto = Static<typeof ArticleSchema>;

export const ArticleSummarySchema = Type.Object({
  id: Type.Integer(),
  edition: Type.String(),
  slug: Type.String(),
  status: ArticleStatusSchema,
  title: Type.String(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String(),
  version: Type.Integer(),
  url: Type.String(),
  /** The lead image's small variant, for pickers and lists. */
  leadMediaId: Type.Union([Type.Integer(), Type.Null()]),
  thumbnailUrl: Type.Union([Type.String(), Type.Null()]),
});

export const AwaitingReviewSchema = Type.Object({
  count: Type.Integer(),
  items: Type.Array(ArticleSummarySchema),
});

export const ArticleListSchema = Type.Object({
  items: Type.Array(ArticleSummarySchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const PublishResultSchema = Type.Object({ url: Type.String(), article: ArticleSchema });

export const RevisionLabelSchema = Type.Union([
  Type.Literal("created"),
  Type.Literal("autosave"),
  Type.Literal("submitted"),
  Type.Literal("published"),
  Type.Literal("scheduled"),
  Type.Literal("updated"),
  Type.Literal("restored"),
  Type.Literal("unpublished"),
  Type.Literal("archived"),
  Type.Literal("returned"),
  Type.Literal("saved"),
  Type.Literal("held"),
]);

export const RevisionListSchema = Type.Object({
  liveVersion: Type.Integer(),
  pendingVersion: Type.Union([Type.Integer(), Type.Null()]),
  items: Type.Array(
    Type.Object({
      version: Type.Integer(),
      createdAt: Type.String(),
      staffId: Type.Union([Type.Integer(), Type.Null()]),
      staffName: Type.Union([Type.String(), Type.Null()]),
      label: RevisionLabelSchema,
      /** Saved into the pending revision: the site did not change. */
      pending: Type.Boolean(),
      restoredFrom: Type.Union([Type.Integer(), Type.Null()]),
      live: Type.Boolean(),
    }),
  ),
});

export const RevisionContentSchema = Type.Object({
  version: Type.Integer(),
  live: Type.Boolean(),
  isPending: Type.Boolean(),
  bodyText: Type.String(),
  ...VersionFields,
});

const DiffParts = Type.Array(Type.Object({ value: Type.String(), added: Type.Boolean(), removed: Type.Boolean() }));
export const RevisionDiffSchema = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  changed: Type.Boolean(),
  title: DiffParts,
  dek: DiffParts,
  body: DiffParts,
});

export const RevisionDiffQuery = Type.Object({
  from: Type.Integer({ minimum: 1 }),
  to: Type.Integer({ minimum: 1 }),
});
export type RevisionDiffQuery = Static<typeof RevisionDiffQuery>;

export const ApplyPendingBody = Type.Object(
  {
    /** The version the editor confirmed (the article's `version`); a stale one gets 409. */
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);
export type ApplyPendingBody = Static<typeof ApplyPendingBody>;

export const DiscardPendingQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) });
export type DiscardPendingQuery = Static<typeof DiscardPendingQuery>;

export const CreateTranslationBody = Type.Object({ edition: Type.String({ minLength: 1, maxLength: 20 }) });
export type CreateTranslationBody = Static<typeof CreateTranslationBody>;

export const TranslationListSchema = Type.Object({
  items: Type.Array(ArticleSummarySchema),
});

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const RevisionParams = Type.Object({ id: Type.Integer({ minimum: 1 }), version: Type.Integer({ minimum: 1 }) });

/** What an open editor tab polls: the story's state now, and whether it moved past the tab's version. */
export const ArticleStatusDtoSchema = Type.Object({
  id: Type.Integer(),
  status: ArticleStatusSchema,
  version: Type.Integer(),
  /** True when the version is newer than `since`. */
  changed: Type.Boolean(),
  /** Who made the newest version and what it was (submitted, published, returned…). */
  lastChange: Type.Union([
    Type.Object({ label: RevisionLabelSchema, by: Type.Union([Type.String(), Type.Null()]), at: Type.String() }),
    Type.Null(),
  ]),
  returnNote: Type.Union([ReturnNoteSchema(), Type.Null()]),
});
