import { type Static, Type } from "typebox";
import { NOTE_BODY_MAX, NOTE_ID_PATTERN, NOTE_QUOTE_MAX } from "./editorial-notes.shared.js";

const NoteId = Type.String({ pattern: NOTE_ID_PATTERN, description: "The noteId of the note mark (a UUID fits)" });

export const NoteArticleParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
export const NoteThreadParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  threadId: NoteId,
});

export const CreateNoteBody = Type.Object(
  {
    noteId: Type.Optional(NoteId),
    quote: Type.String({ maxLength: NOTE_QUOTE_MAX }),
    body: Type.String({ maxLength: NOTE_BODY_MAX }),
  },
  { additionalProperties: false },
);
export type CreateNoteInput = Static<typeof CreateNoteBody>;

export const ReplyBody = Type.Object(
  { body: Type.String({ maxLength: NOTE_BODY_MAX }) },
  { additionalProperties: false },
);

const Person = Type.Object({ id: Type.Union([Type.Integer(), Type.Null()]), name: Type.String() });

export const NoteCommentSchema = Type.Object({
  id: Type.Integer(),
  author: Person,
  body: Type.String(),
  createdAt: Type.String(),
});

export const NoteThreadSchema = Type.Object({
  id: Type.String(),
  articleId: Type.Integer(),
  quote: Type.String(),
  /** False when the stored body no longer has the thread's mark (its text was deleted). */
  anchored: Type.Boolean(),
  createdBy: Person,
  createdAt: Type.String(),
  resolvedAt: Type.Union([Type.String(), Type.Null()]),
  resolvedBy: Type.Union([Person, Type.Null()]),
  comments: Type.Array(NoteCommentSchema),
});
export type NoteThreadView = Static<typeof NoteThreadSchema>;

export const NotesListSchema = Type.Object({
  /** Anchored threads in the order of their marks in the body, then those whose text is gone. */
  threads: Type.Array(NoteThreadSchema),
  /** Who can be @mentioned here: the staff who may edit the article. */
  mentionable: Type.Array(Type.Object({ handle: Type.String(), name: Type.String() })),
});
export type NotesListView = Static<typeof NotesListSchema>;
