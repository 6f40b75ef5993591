import { type Static, Type } from "typebox";

const Id = Type.Integer({ minimum: 1 });

export const EntryParams = Type.Object({ id: Id, entryId: Id });

export const AddEntryBody = Type.Object(
  {
    headline: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
    /** A body document, checked in depth by the article body validator. */
    body: Type.Unknown(),
    personId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false },
);
export type AddEntryBody = Static<typeof AddEntryBody>;

export const UpdateEntryBody = Type.Object(
  {
    headline: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
    body: Type.Optional(Type.Unknown()),
    personId: Type.Optional(Type.Union([Id, Type.Null()])),
    pinned: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateEntryBody = Static<typeof UpdateEntryBody>;

export const LiveEntrySchema = Type.Object({
  id: Type.Integer(),
  articleId: Type.Integer(),
  headline: Type.Union([Type.String(), Type.Null()]),
  body: Type.Unknown(),
  authorName: Type.Union([Type.String(), Type.Null()]),
  personId: Type.Union([Type.Integer(), Type.Null()]),
  pinned: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  editedAt: Type.Union([Type.String(), Type.Null()]),
});

export const LiveEntryRevisionSchema = Type.Object({
  id: Type.Integer(),
  entryId: Type.Integer(),
  headline: Type.Union([Type.String(), Type.Null()]),
  body: Type.Unknown(),
  authorName: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export const LiveEntryRevisionListSchema = Type.Object({ items: Type.Array(LiveEntryRevisionSchema) });

export const LiveStateSchema = Type.Object({
  items: Type.Array(LiveEntrySchema),
  liveEndedAt: Type.Union([Type.String(), Type.Null()]),
});

export const NoteKindSchema = Type.Union([Type.Literal("correction"), Type.Literal("update")]);

export const AddNoteBody = Type.Object(
  { kind: NoteKindSchema, text: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
export type AddNoteBody = Static<typeof AddNoteBody>;

export const ArticleNoteSchema = Type.Object({
  id: Type.Integer(),
  articleId: Type.Integer(),
  kind: NoteKindSchema,
  text: Type.String(),
  createdAt: Type.String(),
});

export const NoteListSchema = Type.Object({ items: Type.Array(ArticleNoteSchema) });
