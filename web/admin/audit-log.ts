import type { AUDIT_LOG_ACTIONS, AuditEntry } from "../../src/audit/audit.schemas.js";

/** What each action reads as in the table and the filter. */
const ACTION_LABELS: Record<(typeof AUDIT_LOG_ACTIONS)[number], string> = {
  created: "Created",
  edited: "Edited",
  submitted: "Sent to review",
  returned: "Returned to author",
  scheduled: "Scheduled",
  published: "Published",
  unpublished: "Unpublished",
  deleted: "Deleted (archived)",
  held: "Held at its scheduled time",
  acknowledged: "Dismissed findings",
  approved: "Approved (second editor)",
  note_added: "Added an editorial note",
  note_resolved: "Resolved an editorial note",
};

export const actionLabel = (action: string): string => ACTION_LABELS[action as keyof typeof ACTION_LABELS] ?? action;

/** The detail worth reading in a row: the reason of a dismissal, the rules it covered. */
export function detailOf(entry: AuditEntry): string {
  const { reason, rules } = entry.details as { reason?: unknown; rules?: unknown };
  const parts = [Array.isArray(rules) ? rules.join(", ") : "", typeof reason === "string" ? `“${reason}”` : ""].filter(
    Boolean,
  );
  return parts.join(" — ");
}

/** Who, as the table shows it: the scheduler is no person, a token says so. */
export function actorLabel(actor: AuditEntry["actor"]): string {
  if (actor.kind === "system") return "Gazette (automatic)";
  return actor.kind === "token" ? `${actor.name} (token)` : actor.name;
}
