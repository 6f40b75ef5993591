import { type Static, type TSchema, Type } from "typebox";

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Instant = (description: string) => Type.String({ description: `${description} (ISO 8601, UTC)` });

export const EditionQuery = Type.String({
  minLength: 1,
  maxLength: 20,
  description: "Edition code, e.g. en, uk, ru.",
});
/** Documented so clients see it; the handler reads it before the Authorization header. */
const KeyQuery = Type.Optional(
  Type.String({ maxLength: 200, description: "The API key, when an Authorization header cannot be sent." }),
);

export const TermSchema = Type.Object({ id: Type.Integer(), slug: Type.String(), name: Type.String() });

export const AuthorSchema = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  name: Type.String(),
  role: Nullable(Type.String()),
  bio: Nullable(Type.String()),
});

export const ImageSchema = Type.Object({
  url: Type.String({ description: "Absolute URL of a JPEG of about 1200 px wide." }),
  width: Type.Integer(),
  height: Type.Integer(),
  alt: Type.String(),
  caption: Nullable(Type.String()),
  credit: Nullable(Type.String()),
});

/** The structured body: a document of known block types, as the newsroom's editor stores it. */
export const BodySchema = Type.Object(
  {
    type: Type.Literal("doc"),
    content: Type.Array(Type.Object({ type: Type.String() }, { additionalProperties: true })),
  },
  { additionalProperties: true },
);

export const ArticleSchema = Type.Object({
  id: Type.Integer(),
  edition: Type.String(),
  slug: Type.String(),
  url: Type.String({ description: "The article's page on the site." }),
  kind: Type.Union([Type.Literal("standard"), Type.Literal("live"), Type.Literal("audio")]),
  title: Type.String(),
  dek: Nullable(Type.String()),
  publishedAt: Instant("First publication"),
  updatedAt: Instant("Last change"),
  breaking: Type.Boolean(),
  section: Nullable(TermSchema),
  tags: Type.Array(TermSchema),
  authors: Type.Array(AuthorSchema),
  leadImage: Nullable(ImageSchema),
  sourceAttribution: Nullable(Type.String()),
  liveEndedAt: Nullable(Type.String()),
  body: BodySchema,
  html: Type.String({
    description: "The body as the site's web renderer draws it, with links and images of the site made absolute.",
  }),
});
export type ArticleDto = Static<typeof ArticleSchema>;

export const ArticleListSchema = Type.Object({
  articles: Type.Array(ArticleSchema),
  next: Nullable(Type.String({ description: "Pass as `cursor` for the next page; null on the last page." })),
});
export type ArticleListDto = Static<typeof ArticleListSchema>;

export const ArticleListQuery = Type.Object({
  edition: EditionQuery,
  section: Type.Optional(Type.String({ maxLength: 120, description: "Section slug." })),
  tag: Type.Optional(Type.String({ maxLength: 120, description: "Tag slug." })),
  author: Type.Optional(Type.String({ maxLength: 120, description: "Author (byline) slug." })),
  updatedSince: Type.Optional(
    Type.String({ maxLength: 40, description: "Only articles changed at or after this instant (ISO 8601)." }),
  ),
  sort: Type.Optional(
    Type.Union([Type.Literal("published"), Type.Literal("updated")], {
      description: "Newest first by publication (default) or by last change.",
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: "Page size, 20 by default." })),
  cursor: Type.Optional(Type.String({ maxLength: 300, description: "The `next` of the previous page." })),
  key: KeyQuery,
});
export type ArticleListQuery = Static<typeof ArticleListQuery>;

export const ArticleParams = Type.Object({
  idOrSlug: Type.String({ minLength: 1, maxLength: 160, description: "Numeric id, or slug within `edition`." }),
});
export const ArticleQuery = Type.Object({
  edition: Type.Optional(Type.String({ ...EditionQuery, description: "Needed for a slug; checked for an id." })),
  key: KeyQuery,
});
export type ArticleQuery = Static<typeof ArticleQuery>;

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const EditionOnlyQuery = Type.Object({ edition: EditionQuery, key: KeyQuery });
export type EditionOnlyQuery = Static<typeof EditionOnlyQuery>;
export const KeyOnlyQuery = Type.Object({ key: KeyQuery });

export const SectionListSchema = Type.Object({ sections: Type.Array(TermSchema) });
export const TagListSchema = Type.Object({ tags: Type.Array(TermSchema) });
export const AuthorListSchema = Type.Object({ authors: Type.Array(AuthorSchema) });

export const LiveEntrySchema = Type.Object({
  id: Type.Integer(),
  headline: Nullable(Type.String()),
  authorName: Nullable(Type.String()),
  pinned: Type.Boolean(),
  createdAt: Instant("Posted"),
  updatedAt: Instant("Last change"),
  editedAt: Nullable(Type.String()),
  body: BodySchema,
  html: Type.String(),
});
export const LiveEntriesSchema = Type.Object({
  articleId: Type.Integer(),
  liveEndedAt: Nullable(Type.String()),
  entries: Type.Array(LiveEntrySchema, { description: "Pinned entries first, then newest first." }),
});
export type LiveEntriesDto = Static<typeof LiveEntriesSchema>;

export const MapSchema = Type.Object({
  slug: Type.String(),
  texts: Type.Record(Type.String(), Type.Object({ title: Type.String(), description: Type.String() }), {
    description: "Title and description by language code.",
  }),
  center: Type.Object({ lat: Type.Number(), lon: Type.Number() }),
  zoom: Type.Number(),
  updatedAt: Type.String(),
});
export const MapListSchema = Type.Object({ maps: Type.Array(MapSchema) });
export type MapListDto = Static<typeof MapListSchema>;

export const FeatureCollectionSchema = Type.Object(
  {
    type: Type.Literal("FeatureCollection"),
    features: Type.Array(
      Type.Object(
        {
          type: Type.Literal("Feature"),
          geometry: Type.Object({ type: Type.String() }, { additionalProperties: true }),
          properties: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
        },
        { additionalProperties: true },
      ),
    ),
  },
  { description: "GeoJSON (RFC 7946), WGS 84 longitude/latitude." },
);

export const MapLayersSchema = Type.Object({
  map: Type.String(),
  layers: Type.Array(
    Type.Object({
      id: Type.Integer(),
      validOn: Type.String({ description: "The day the layer shows (YYYY-MM-DD)." }),
      title: Type.String(),
      note: Nullable(Type.String()),
      language: Type.String(),
      publishedAt: Nullable(Type.String()),
      updatedAt: Type.String(),
      geojson: FeatureCollectionSchema,
    }),
  ),
});
export type MapLayersDto = Static<typeof MapLayersSchema>;
export const MapParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 120 }) });
