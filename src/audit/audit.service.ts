import { stringify } from "csv-stringify/sync";
import type { AuditLogRow, RevisionLabel } from "../platform/db/schema.js";
import type { DomainEvent, EventEnvelope } from "../platform/events/domain-events.js";
import type { JobQueue } from "../platform/jobs/job-queue.js";
import { neutralizeCell } from "../platform/security/spreadsheet-cell.js";
import type { AuditRepository } from "./audit.repository.js";
import type { AuditEntry, AuditFilters, AuditLogAction, AuditPage } from "./audit.schemas.js";

declare module "../platform/jobs/job-queue.js" {
  interface JobPayloads {
    /** The daily prune of entries older than the retention; `day` (YYYY-MM-DD, UTC) names the run. */
    "audit.prune": { day: string };
  }
}

const PAGE_SIZE = 50;
const CSV_BATCH = 500;
const DAY_MS = 86_400_000;

/** What an article's revision label means in the log. */
const ACTION_OF_REVISION: Record<RevisionLabel, AuditLogAction> = {
  created: "created",
  autosave: "edited",
  saved: "edited",
  updated: "edited",
  restored: "edited",
  submitted: "submitted",
  returned: "returned",
  scheduled: "scheduled",
  published: "published",
  unpublished: "unpublished",
  // Articles are never erased: archiving is how the newsroom deletes one.
  archived: "deleted",
  // Written from `article.held`, which says why; the save of the same change adds nothing.
  held: "held",
};

/** The name the log gives changes nobody made by hand (a scheduled publication). */
export const SYSTEM_ACTOR = "system";

interface EventActor {
  staffId: number | null;
  tokenId: number | null;
  name: string;
}

function actorColumns(by: EventActor | null) {
  if (by?.tokenId != null) return { actor_kind: "token" as const, actor_id: by.tokenId, actor_name: by.name };
  if (by?.staffId != null) return { actor_kind: "staff" as const, actor_id: by.staffId, actor_name: by.name };
  return { actor_kind: "system" as const, actor_id: null, actor_name: by?.name ?? SYSTEM_ACTOR };
}

function entryOf(row: AuditLogRow): AuditEntry {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    action: row.action,
    subject: { type: row.subject_type, id: row.subject_id, title: row.subject_title },
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

const dayOf = (instant: Date) => instant.toISOString().slice(0, 10);

/**
 * The audit log (issue #20): who did what to which story, and when, written from the newsroom's
 * domain events (so no capability writes into it directly) and kept for the configured number of
 * days. Entries are written by durable listeners keyed by the event's id: a redelivery is a no-op.
 */
export class AuditService {
  private readonly now: () => Date;

  constructor(
    private readonly repository: AuditRepository,
    private readonly options: { retentionDays: number; jobs: JobQueue; now?: () => Date },
  ) {
    this.now = options.now ?? (() => new Date());
    options.jobs.register("audit.prune", (payload) => this.runPrune(payload.day));
  }

  recordArticleSaved(event: DomainEvent<"article.saved">): Promise<void> {
    return this.record(event, ACTION_OF_REVISION[event.revision] ?? "edited", event.by, {
      version: event.version,
      status: event.status,
    });
  }

  recordAcknowledged(event: DomainEvent<"publication-check.acknowledged">): Promise<void> {
    return this.record(event, "acknowledged", event.by, { rules: event.rules, reason: event.reason });
  }

  /** The check held a scheduled story at its time: the system acted, and the findings say why. */
  recordHeld(event: DomainEvent<"article.held">): Promise<void> {
    return this.record(event, "held", null, {
      code: event.code,
      scheduledFor: event.scheduledFor,
      findings: event.findings.map((finding) => `${finding.rule}:${finding.text}`),
    });
  }

  recordApproved(event: DomainEvent<"publication-check.approved">): Promise<void> {
    return this.record(event, "approved", event.by, { findings: event.findings });
  }

  /** A note opened or resolved: which thread, not what it says (the log is no copy of the margin). */
  recordNote(
    event: DomainEvent<"note.created"> | DomainEvent<"note.resolved">,
    action: "note_added" | "note_resolved",
  ) {
    return this.record(event, action, event.by, { note: event.threadId });
  }

  /** One entry about an article, keyed by its event so a redelivery writes nothing. */
  private async record(
    event: EventEnvelope & { articleId: number; edition: string; title: string },
    action: AuditLogAction,
    by: EventActor | null,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.repository.insert({
      event_id: event.eventId,
      occurred_at: event.occurredAt,
      ...actorColumns(by),
      action,
      subject_type: "article",
      subject_id: event.articleId,
      subject_title: event.title,
      details: JSON.stringify({ edition: event.edition, ...details }),
    });
  }

  async list(filters: AuditFilters): Promise<AuditPage> {
    const rows = await this.repository.list({
      ...this.queryOf(filters),
      ...(filters.cursor ? { beforeId: Number(filters.cursor) } : {}),
      limit: PAGE_SIZE + 1,
    });
    const page = rows.slice(0, PAGE_SIZE);
    const last = page.at(-1);
    return {
      items: page.map(entryOf),
      nextCursor: rows.length > PAGE_SIZE && last ? String(last.id) : null,
      actors: await this.repository.actorNames(),
    };
  }

  /** Every matching entry as CSV, newest first (UTF-8 with a BOM, so spreadsheets read Cyrillic right). */
  async csv(filters: AuditFilters): Promise<string> {
    const records: string[][] = [];
    let beforeId: number | undefined;
    for (;;) {
      const rows = await this.repository.list({
        ...this.queryOf(filters),
        ...(beforeId === undefined ? {} : { beforeId }),
        limit: CSV_BATCH,
      });
      for (const row of rows) {
        records.push([
          row.occurred_at,
          row.actor_kind,
          row.actor_id === null ? "" : String(row.actor_id),
          neutralizeCell(row.actor_name),
          row.action,
          row.subject_type,
          String(row.subject_id),
          neutralizeCell(row.subject_title),
          neutralizeCell(row.details),
        ]);
      }
      if (rows.length < CSV_BATCH) break;
      beforeId = rows[rows.length - 1]?.id;
    }
    const header = [
      "occurred_at",
      "actor_kind",
      "actor_id",
      "actor_name",
      "action",
      "subject_type",
      "subject_id",
      "subject_title",
      "details",
    ];
    return `\uFEFF${stringify([header, ...records])}`;
  }

  private queryOf(filters: AuditFilters) {
    return {
      ...(filters.actor ? { actorName: filters.actor } : {}),
      ...(filters.action ? { action: filters.action } : {}),
      ...(filters.article ? { articleId: filters.article } : {}),
      ...(filters.from ? { since: `${filters.from}T00:00:00.000Z` } : {}),
      ...(filters.to ? { until: new Date(Date.parse(`${filters.to}T00:00:00.000Z`) + DAY_MS).toISOString() } : {}),
    };
  }

  /** Deletes the entries older than the retention; running it again deletes nothing more. */
  async prune(): Promise<number> {
    const cutoff = new Date(this.now().getTime() - this.options.retentionDays * DAY_MS).toISOString();
    return this.repository.deleteBefore(cutoff);
  }

  /**
   * Queues today's prune (at boot). Each run queues the next day's, under a key per day, so a
   * restart, a second worker or a retried run never makes two chains.
   */
  async schedulePrune(): Promise<void> {
    await this.options.jobs.enqueue(
      "audit.prune",
      { day: dayOf(this.now()) },
      { dedupeKey: `audit.prune:${dayOf(this.now())}` },
    );
  }

  private async runPrune(day: string): Promise<void> {
    await this.prune();
    const next = new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS);
    await this.options.jobs.enqueue(
      "audit.prune",
      { day: dayOf(next) },
      { runAt: next, dedupeKey: `audit.prune:${dayOf(next)}` },
    );
  }
}
