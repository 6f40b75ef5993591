import { type Static, Type } from "typebox";

const Id = Type.Integer({ minimum: 1 });
const Day = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD" });

export const MapParams = Type.Object({ id: Id });
export const LayerParams = Type.Object({ id: Id, layerId: Id });
const Language = Type.String({ pattern: "^[a-z]{2,3}$", description: "A language code: uk, ru, en" });
export const LayerTextParams = Type.Object({ id: Id, layerId: Id, language: Language });
export const ArticleParams = Type.Object({ id: Id });
export const TagParams = Type.Object({
  id: Id,
  slug: Type.String({ minLength: 1, maxLength: 120, pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$" }),
});

const MapText = Type.Object(
  { title: Type.String({ minLength: 1, maxLength: 200 }), description: Type.String({ maxLength: 1000 }) },
  { additionalProperties: false },
);
const Texts = Type.Record(Type.String({ pattern: "^[a-z]{2,3}$" }), MapText);
const Center = Type.Object(
  { lat: Type.Number({ minimum: -90, maximum: 90 }), lon: Type.Number({ minimum: -180, maximum: 180 }) },
  { additionalProperties: false },
);
const Zoom = Type.Integer({ minimum: 3, maximum: 16 });

export const CreateMapBody = Type.Object(
  { slug: Type.String({ minLength: 1, maxLength: 80 }), texts: Texts, center: Center, zoom: Zoom },
  { additionalProperties: false },
);
export type CreateMapBody = Static<typeof CreateMapBody>;

export const UpdateMapBody = Type.Partial(CreateMapBody, { additionalProperties: false });
export type UpdateMapBody = Static<typeof UpdateMapBody>;

export const MapSchema = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  texts: Texts,
  center: Center,
  zoom: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export const MapListSchema = Type.Object({ items: Type.Array(MapSchema) });

export const CreateLayerBody = Type.Object(
  {
    validOn: Day,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    /** The language of the title, note and event descriptions; English when left out. */
    language: Type.Optional(Language),
    /** The GeoJSON FeatureCollection, checked in depth by the layer validator. */
    geojson: Type.Unknown(),
  },
  { additionalProperties: false },
);
export type CreateLayerBody = Static<typeof CreateLayerBody>;

export const UpdateLayerBody = Type.Object(
  {
    validOn: Type.Optional(Day),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    language: Type.Optional(Language),
  },
  { additionalProperties: false },
);
export type UpdateLayerBody = Static<typeof UpdateLayerBody>;

export const LayerTextBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    /** Event descriptions by feature number (from 1); events left out show the original's. */
    events: Type.Optional(Type.Record(Type.String({ pattern: "^[1-9][0-9]*$" }), Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export type LayerTextBody = Static<typeof LayerTextBody>;

const LayerTranslationSchema = Type.Object({
  title: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  events: Type.Record(Type.String(), Type.String()),
  updatedAt: Type.String(),
});

export const LayerSummarySchema = Type.Object({
  id: Type.Integer(),
  mapId: Type.Integer(),
  validOn: Type.String(),
  title: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  featureCount: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  status: Type.Union([Type.Literal("draft"), Type.Literal("published")]),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  language: Type.String(),
  translations: Type.Record(Type.String(), LayerTranslationSchema),
});
export const LayerSchema = Type.Intersect([LayerSummarySchema, Type.Object({ geojson: Type.Unknown() })]);
export const LayerListSchema = Type.Object({ items: Type.Array(LayerSummarySchema) });

const Names = Type.Object({ uk: Type.String(), ru: Type.String(), en: Type.String() });
const PlaceKind = Type.Union([Type.Literal("settlement"), Type.Literal("oblast"), Type.Literal("region")]);

export const PlaceTagSchema = Type.Object({
  slug: Type.String(),
  state: Type.Union([Type.Literal("auto"), Type.Literal("confirmed"), Type.Literal("removed")]),
  mentions: Type.Integer(),
  kind: PlaceKind,
  names: Names,
});
export const PlaceTagListSchema = Type.Object({ items: Type.Array(PlaceTagSchema) });

export const SetTagBody = Type.Object(
  { state: Type.Union([Type.Literal("confirmed"), Type.Literal("removed")]) },
  { additionalProperties: false },
);
export type SetTagBody = Static<typeof SetTagBody>;

export const MapPreviewQuery = Type.Object(
  {
    edition: Type.Optional(Type.String({ pattern: "^[a-z]{2,3}$" })),
    date: Type.Optional(Day),
  },
  { additionalProperties: false },
);
export type MapPreviewQuery = Static<typeof MapPreviewQuery>;

export const PlaceSearchQuery = Type.Object({ q: Type.String({ minLength: 1, maxLength: 100 }) });
export const PlaceSearchSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      slug: Type.String(),
      kind: PlaceKind,
      oblast: Type.Union([Type.String(), Type.Null()]),
      names: Names,
    }),
  ),
});
