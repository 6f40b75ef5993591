import type { DeliveryState, IssueStatus, NewsletterIssueRow, NewsletterListRow } from "../platform/db/schema.js";
import type { DeliveryCounts } from "./newsletters.repository.js";
import type { IssueView, NewsletterList } from "./newsletters.shared.js";

export type { IssueView, NewsletterList };

/** A list as an editor creates it: the list without its id, schedule and state optional. */
export type ListInput = Omit<NewsletterList, "id" | OptionalListField> &
  Partial<Pick<NewsletterList, OptionalListField>>;
type OptionalListField = "cron" | "timeZone" | "digestSize" | "active";

/** One reader's copy of an issue, for the issue's delivery log. */
export interface DeliveryLogEntry {
  id: number;
  email: string;
  state: DeliveryState;
  attempts: number;
  sentAt: string | null;
  /** When a waiting or retrying copy is tried next. */
  nextAttemptAt: string | null;
  error: string | null;
}

/** The copy a test send mailed, so the editor can read it even where the mail went astray. */
export interface TestCopy {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface IssueProgress {
  status: IssueStatus;
  total: number;
  counts: DeliveryCounts;
  /** Messages per second over the send so far. */
  rate: number;
  /** Seconds left at that rate; null when unknown or done. */
  etaSeconds: number | null;
  unsubscribed: number;
}

export type SignupOutcome =
  | { kind: "accepted" }
  | { kind: "invalid_email" }
  | { kind: "unknown_list" }
  | { kind: "rate_limited"; retryAfterSeconds: number };

export type LinkOutcome<T> = { ok: true; value: T } | { ok: false; reason: "invalid" | "expired" };

export interface PreferencesView {
  subscriberId: number;
  email: string;
  language: string;
  lists: { list: NewsletterList; subscribed: boolean }[];
}

export interface NewslettersOptions {
  publicUrl: string;
  now?: () => Date;
  /** How long a claimed delivery is reserved for its sender; a dead sender's rows come back after it. */
  leaseMs?: number;
  /** Deliveries a sending lane claims at once. */
  batchSize?: number;
  /** Waits before the 1st, 2nd… retry of a temporary failure; its length is the attempt limit. */
  retryDelaysMs?: readonly number[];
  /** A retry due sooner than this is waited for in the running send; a later one gets its own job. */
  maxInlineWaitMs?: number;
}

export interface CsvImportReport {
  imported: number;
  alreadySubscribed: number;
  errors: { row: number; value: string; message: string }[];
}

export function toList(row: NewsletterListRow): NewsletterList {
  return {
    id: row.id,
    slug: row.slug,
    edition: row.edition_code,
    language: row.language,
    name: row.name,
    description: row.description,
    cadence: row.cadence,
    fromName: row.from_name,
    fromAddress: row.from_address,
    kind: row.kind,
    cron: row.cron,
    timeZone: row.time_zone,
    digestSize: row.digest_size,
    active: row.active === 1,
  };
}

export function toIssue(row: NewsletterIssueRow): IssueView {
  return {
    id: row.id,
    listId: row.list_id,
    status: row.status,
    subject: row.subject,
    intro: row.intro,
    articleIds: JSON.parse(row.article_ids) as number[],
    scheduledFor: row.scheduled_for,
    sendAt: row.send_at,
    total: row.total,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
