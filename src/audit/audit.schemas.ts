import { type Static, Type } from "typebox";

/** What the log records, in the order the filter lists them. */
export const AUDIT_LOG_ACTIONS = [
  "created",
  "edited",
  "submitted",
  "returned",
  "scheduled",
  "published",
  "unpublished",
  "deleted",
  "held",
  "acknowledged",
  "approved",
  "note_added",
  "note_resolved",
] as const;
export type AuditLogAction = (typeof AUDIT_LOG_ACTIONS)[number];

const Day = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD (UTC), inclusive" });

export const AuditQuery = Type.Object(
  {
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "The actor's name, exactly" })),
    action: Type.Optional(Type.Union(AUDIT_LOG_ACTIONS.map((action) => Type.Literal(action)))),
    article: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    cursor: Type.Optional(Type.String({ pattern: "^\\d{1,10}$", description: "nextCursor of the previous page" })),
  },
  { additionalProperties: false },
);
export type AuditFilters = Static<typeof AuditQuery>;

export const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  occurredAt: Type.String(),
  actor: Type.Object({
    kind: Type.Union([Type.Literal("staff"), Type.Literal("token"), Type.Literal("system")]),
    id: Type.Union([Type.Integer(), Type.Null()]),
    name: Type.String(),
  }),
  action: Type.String(),
  subject: Type.Object({ type: Type.String(), id: Type.Integer(), title: Type.String() }),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditEntry = Static<typeof AuditEntrySchema>;

export const AuditPageSchema = Type.Object({
  items: Type.Array(AuditEntrySchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  /** Every actor name in the log, for the filter's list. */
  actors: Type.Array(Type.String()),
});
export type AuditPage = Static<typeof AuditPageSchema>;
