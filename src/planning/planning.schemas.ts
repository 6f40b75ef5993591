import { type Static, Type } from "typebox";

/** An item's life, in order. "published" is set by the article's own publication, never by hand. */
export const PLANNING_STATUSES = ["idea", "assigned", "in_progress", "filed", "edited", "published"] as const;
export type PlanningStatus = (typeof PLANNING_STATUSES)[number];

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Day = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD" });
const EditionCode = Type.String({ minLength: 1, maxLength: 16 });
const Status = Type.Union([
  Type.Literal("idea"),
  Type.Literal("assigned"),
  Type.Literal("in_progress"),
  Type.Literal("filed"),
  Type.Literal("edited"),
  Type.Literal("published"),
]);
/** An instant with its offset (2026-12-07T16:00:00+02:00), or null for no due time. */
const DueAt = Type.Union([
  Type.String({
    pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$",
    maxLength: 40,
  }),
  Type.Null(),
]);

export const PlanningItemSchema = Type.Object({
  id: Type.Integer(),
  edition: Type.String(),
  day: Type.String(),
  slugLine: Type.String(),
  summary: Type.String(),
  sectionId: Type.Union([Type.Integer(), Type.Null()]),
  assignee: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
  dueAt: Type.Union([Type.String(), Type.Null()]),
  targetWords: Type.Union([Type.Integer(), Type.Null()]),
  status: Status,
  articleId: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

/** One planned story as the API shows it (the newsroom app reads this type too). */
export type PlanningItemView = Static<typeof PlanningItemSchema>;

export const PlanningListSchema = Type.Object({ items: Type.Array(PlanningItemSchema) });

const ItemFields = {
  day: Day,
  slugLine: Type.String({ minLength: 1, maxLength: 120 }),
  summary: Type.String({ maxLength: 2000 }),
  sectionId: Type.Union([Id, Type.Null()]),
  assigneeId: Type.Union([Id, Type.Null()]),
  dueAt: DueAt,
  targetWords: Type.Union([Type.Integer({ minimum: 1, maximum: 100_000 }), Type.Null()]),
  status: Status,
};

export const CreateItemBody = Type.Object(
  {
    edition: EditionCode,
    day: ItemFields.day,
    slugLine: ItemFields.slugLine,
    summary: Type.Optional(ItemFields.summary),
    sectionId: Type.Optional(ItemFields.sectionId),
    assigneeId: Type.Optional(ItemFields.assigneeId),
    dueAt: Type.Optional(ItemFields.dueAt),
    targetWords: Type.Optional(ItemFields.targetWords),
  },
  { additionalProperties: false },
);
export type CreateItemInput = Static<typeof CreateItemBody>;

export const FromArticleBody = Type.Object(
  {
    articleId: Id,
    day: Day,
    assigneeId: Type.Optional(ItemFields.assigneeId),
    dueAt: Type.Optional(ItemFields.dueAt),
    targetWords: Type.Optional(ItemFields.targetWords),
  },
  { additionalProperties: false },
);
export type FromArticleInput = Static<typeof FromArticleBody>;

export const UpdateItemBody = Type.Object(
  {
    day: Type.Optional(ItemFields.day),
    slugLine: Type.Optional(ItemFields.slugLine),
    summary: Type.Optional(ItemFields.summary),
    sectionId: Type.Optional(ItemFields.sectionId),
    assigneeId: Type.Optional(ItemFields.assigneeId),
    dueAt: Type.Optional(ItemFields.dueAt),
    targetWords: Type.Optional(ItemFields.targetWords),
    status: Type.Optional(Status),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateItemInput = Static<typeof UpdateItemBody>;

export const MoveItemBody = Type.Object({ day: Day }, { additionalProperties: false });

export const ListQuery = Type.Object(
  {
    from: Day,
    to: Day,
    edition: Type.Optional(EditionCode),
    sectionId: Type.Optional(Id),
    assigneeId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type PlanningFilter = Static<typeof ListQuery>;

export const ItemParams = Type.Object({ id: Id });

/** Whom an item can be assigned to: active members, without their addresses. */
export const PeopleSchema = Type.Object({
  items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), role: Type.String() })),
});
export type PlanningPerson = Static<typeof PeopleSchema>["items"][number];
