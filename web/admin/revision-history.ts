/** How the History panel reads an article's versions: sessions of one person's work, runs of autosaves folded. */
import type { Revision, RevisionLabel } from "./types.js";

/** A pause longer than this between two saves starts a new session. */
export const SESSION_GAP_MS = 30 * 60_000;

/** One line of the history: a single version, or a run of autosaves shown as "autosave ×N". */
export interface HistoryLine {
  label: RevisionLabel;
  /** Newest first; more than one only for a run of autosaves. */
  revisions: Revision[];
}

export interface HistorySession {
  staffName: string | null;
  /** When the session's newest and oldest versions were saved. */
  latest: string;
  earliest: string;
  lines: HistoryLine[];
}

const LABEL_TEXT: Record<RevisionLabel, string> = {
  created: "created",
  autosave: "autosave",
  submitted: "submitted",
  published: "published",
  scheduled: "scheduled",
  updated: "updated",
  restored: "restored",
  unpublished: "unpublished",
  archived: "archived",
  returned: "returned to author",
  saved: "saved",
  held: "held by the publication check",
};

/** "autosave ×3", "restored version 7", "published". */
export function describeLine(line: HistoryLine): string {
  const first = line.revisions[0];
  if (line.revisions.length > 1) return `${LABEL_TEXT[line.label]} ×${line.revisions.length}`;
  if (first && line.label === "restored" && first.restoredFrom !== null) {
    return `restored version ${first.restoredFrom}`;
  }
  return LABEL_TEXT[line.label];
}

/**
 * Groups versions (newest first, as the API lists them) into sessions: consecutive versions by
 * the same person with no pause longer than SESSION_GAP_MS. Within a session, consecutive
 * autosaves of the same kind (pending or not) fold into one line, unless one of them is the
 * live or the pending version, which always stands on its own line.
 */
export function groupRevisions(
  items: readonly Revision[],
  pendingVersion: number | null,
  gapMs = SESSION_GAP_MS,
): HistorySession[] {
  const sessions: HistorySession[] = [];
  let previous: Revision | undefined;
  for (const revision of items) {
    const session = sessions.at(-1);
    const sameSession =
      session !== undefined &&
      previous !== undefined &&
      previous.staffName === revision.staffName &&
      Date.parse(previous.createdAt) - Date.parse(revision.createdAt) <= gapMs;
    const stands = (r: Revision) => r.live || r.version === pendingVersion;
    if (!sameSession || !session) {
      sessions.push({
        staffName: revision.staffName,
        latest: revision.createdAt,
        earliest: revision.createdAt,
        lines: [{ label: revision.label, revisions: [revision] }],
      });
    } else {
      session.earliest = revision.createdAt;
      const line = session.lines.at(-1);
      const last = line?.revisions.at(-1);
      const folds =
        line !== undefined &&
        last !== undefined &&
        line.label === "autosave" &&
        revision.label === "autosave" &&
        last.pending === revision.pending &&
        !stands(last) &&
        !stands(revision);
      if (folds) line.revisions.push(revision);
      else session.lines.push({ label: revision.label, revisions: [revision] });
    }
    previous = revision;
  }
  return sessions;
}
