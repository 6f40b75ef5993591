import { AppError } from "../errors.js";
import type { ArticleQueries } from "../newsroom/article-queries.service.js";
import type { ArticleCardRow } from "../newsroom/articles.repository.js";
import type { Edition, EditionsService } from "../newsroom/editions.service.js";
import type { SettingsService } from "../newsroom/settings.service.js";
import type { DeliveryState, IssueStatus, NewsletterIssueRow, NewsletterListRow } from "../platform/db/schema.js";
import { isLanguage, translate } from "../platform/i18n/messages.js";
import type { JobQueue } from "../platform/jobs/job-queue.js";
import { MailDeliveryError, type Mailer } from "../platform/mail/mailer.js";
import type { RateLimiter } from "../platform/rate-limit/rate-limiter.js";
import type { LinkSigner } from "../platform/security/link-signer.js";
import { urls } from "../site/urls.js";
import { normaliseEmail } from "./email-address.js";
import { type EmailStory, personalise, type RenderedIssue, renderIssueEmail } from "./issue-email.renderer.js";
import type {
  ClaimedDelivery,
  DeliveryCounts,
  NewslettersRepository,
  SubscriberEntry,
} from "./newsletters.repository.js";
import type { NewsletterList } from "./newsletters.shared.js";
import { nextRun, scheduleProblem } from "./schedule.js";

declare module "../platform/jobs/job-queue.js" {
  interface JobPayloads {
    /** A digest list's schedule slot: make that slot's issue (once) and send it. */
    "newsletters.slot": { listId: number; at: string };
    /** Send (or resume sending) an issue. */
    "newsletters.send": { issueId: number };
    /** An issue scheduled by an editor for a given time. */
    "newsletters.send-at": { issueId: number };
  }
}

export type { NewsletterList };

/** A list as an editor creates it: the list without its id, schedule and state optional. */
export type ListInput = Omit<NewsletterList, "id" | OptionalListField> &
  Partial<Pick<NewsletterList, OptionalListField>>;
type OptionalListField = "cron" | "timeZone" | "digestSize" | "active";

export interface IssueView {
  id: number;
  listId: number;
  status: IssueStatus;
  subject: string;
  intro: string;
  articleIds: number[];
  scheduledFor: string | null;
  sendAt: string | null;
  total: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

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

const CONFIRM_TTL_MS = 3 * 24 * 3600 * 1000;
const DIGEST_LOOKBACK_MS = 24 * 3600 * 1000;
const DIGEST_SCAN_LIMIT = 200;

function toList(row: NewsletterListRow): NewsletterList {
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

function toIssue(row: NewsletterIssueRow): IssueView {
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

function never(): never {
  throw new Error("An issue vanished while it was being made");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Newsletters: lists, double opt-in, preferences and unsubscribing, composing issues, sending them
 * through the delivery log, and the schedule of automatic digests.
 */
export class NewslettersService {
  private readonly now: () => Date;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly retryDelaysMs: readonly number[];
  private readonly maxInlineWaitMs: number;
  private readonly publicUrl: string;

  constructor(
    private readonly repository: NewslettersRepository,
    private readonly deps: {
      editions: EditionsService;
      articleQueries: ArticleQueries;
      settings: SettingsService;
      mailer: Mailer;
      signer: LinkSigner;
      rateLimiter: RateLimiter;
      jobs: JobQueue;
    },
    options: NewslettersOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.publicUrl = options.publicUrl;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.batchSize = options.batchSize ?? 25;
    this.retryDelaysMs = options.retryDelaysMs ?? [30_000, 2 * 60_000, 10 * 60_000, 30 * 60_000, 2 * 3600_000];
    this.maxInlineWaitMs = options.maxInlineWaitMs ?? 5_000;
    deps.jobs.register("newsletters.slot", async ({ listId, at }) => {
      await this.runSlot(listId, new Date(at));
    });
    deps.jobs.register("newsletters.send", async ({ issueId }) => {
      await this.deliver(issueId);
    });
    deps.jobs.register("newsletters.send-at", async ({ issueId }) => {
      const issue = await this.repository.findIssue(issueId);
      if (issue?.status === "scheduled") await this.startSending(issueId);
    });
  }

  private iso(): string {
    return this.now().toISOString();
  }

  // Lists

  async lists(): Promise<NewsletterList[]> {
    return (await this.repository.listLists()).map(toList);
  }

  async listsWithCounts(): Promise<(NewsletterList & { subscribers: number })[]> {
    const lists = await this.lists();
    const counts = await this.repository.countActive(lists.map((l) => l.id));
    return lists.map((list) => ({ ...list, subscribers: counts.get(list.id) ?? 0 }));
  }

  /** Active lists shown on an edition's newsletters page: its own first, then the others. */
  async listsForEdition(edition: string): Promise<NewsletterList[]> {
    const lists = (await this.lists()).filter((l) => l.active);
    return [...lists.filter((l) => l.edition === edition), ...lists.filter((l) => l.edition !== edition)];
  }

  async list(id: number): Promise<NewsletterList> {
    const row = await this.repository.findList(id);
    if (!row) throw new AppError("not_found", "There is no such newsletter list.");
    return toList(row);
  }

  private validateList(input: ListInput): void {
    const field = (name: string, message: string) => new AppError("validation_failed", message, { field: name });
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(input.slug)) {
      throw field("slug", "The address may hold lower-case letters, digits and single hyphens.");
    }
    if (!this.deps.editions.byCode(input.edition)) throw field("edition", `There is no "${input.edition}" edition.`);
    if (!isLanguage(input.language)) throw field("language", "The language must be uk, ru or en.");
    if (!normaliseEmail(input.fromAddress)) throw field("fromAddress", "The sender address is not an email address.");
    if (/[\r\n]/.test(input.fromName)) throw field("fromName", "The sender name must be one line.");
    if (input.kind === "digest") {
      if (!input.cron || !input.timeZone) {
        throw field("cron", "An automatic digest needs a schedule and a time zone.");
      }
      const problem = scheduleProblem(input.cron, input.timeZone);
      if (problem) throw field("cron", problem);
    }
  }

  async createList(input: ListInput): Promise<NewsletterList> {
    this.validateList(input);
    const now = this.iso();
    const row = await this.repository.insertList({
      slug: input.slug,
      edition_code: input.edition,
      language: input.language,
      name: input.name.trim(),
      description: input.description.trim(),
      cadence: input.cadence.trim(),
      from_name: input.fromName.trim(),
      from_address: normaliseEmail(input.fromAddress) ?? input.fromAddress,
      kind: input.kind,
      cron: input.kind === "digest" ? (input.cron ?? null) : null,
      time_zone: input.kind === "digest" ? (input.timeZone ?? null) : null,
      digest_size: input.digestSize ?? 8,
      active: input.active === false ? 0 : 1,
      created_at: now,
      updated_at: now,
    });
    const list = toList(row);
    await this.planNextSlot(list);
    return list;
  }

  async updateList(id: number, patch: Partial<ListInput>): Promise<NewsletterList> {
    const current = await this.list(id);
    const merged: ListInput = { ...current, ...patch };
    this.validateList(merged);
    const row = await this.repository.updateList(id, {
      slug: merged.slug,
      edition_code: merged.edition,
      language: merged.language,
      name: merged.name.trim(),
      description: merged.description.trim(),
      cadence: merged.cadence.trim(),
      from_name: merged.fromName.trim(),
      from_address: normaliseEmail(merged.fromAddress) ?? merged.fromAddress,
      kind: merged.kind,
      cron: merged.kind === "digest" ? (merged.cron ?? null) : null,
      time_zone: merged.kind === "digest" ? (merged.timeZone ?? null) : null,
      digest_size: merged.digestSize ?? 8,
      active: merged.active === false ? 0 : 1,
      updated_at: this.iso(),
    });
    if (!row) throw new AppError("not_found", "There is no such newsletter list.");
    const list = toList(row);
    await this.planNextSlot(list);
    return list;
  }

  // Signing up

  private editionFor(language: string, fallback?: Edition): Edition {
    const edition =
      this.deps.editions.list().find((e) => e.language === language) ?? fallback ?? this.deps.editions.list()[0];
    if (!edition) throw new AppError("invalid_state", "The site has no editions.");
    return edition;
  }

  private pageUrl(edition: Edition, page: string, token: string): string {
    return `${this.publicUrl}${edition.basePath}newsletters/${page}?token=${encodeURIComponent(token)}`;
  }

  /**
   * Starts the double opt-in. Every accepted request gets the same answer, whatever the address's
   * state, so the form cannot be used to learn who subscribes; the email is only sent when it
   * can lead somewhere (not already active, not bounced).
   */
  async signup(input: { email: string; lists: string[]; ip: string; edition: Edition }): Promise<SignupOutcome> {
    const ipDecision = await this.deps.rateLimiter.hit(`newsletter-signup:ip:${input.ip}`, 10, 600);
    if (!ipDecision.allowed) return { kind: "rate_limited", retryAfterSeconds: ipDecision.retryAfterSeconds };
    const email = normaliseEmail(input.email);
    if (!email) return { kind: "invalid_email" };
    const wanted = [...new Set(input.lists)].slice(0, 10);
    const found = await Promise.all(wanted.map((slug) => this.repository.findListBySlug(slug)));
    const lists = found.filter((row): row is NewsletterListRow => row !== undefined && row.active === 1);
    if (lists.length === 0 || lists.length !== wanted.length) return { kind: "unknown_list" };
    const addressDecision = await this.deps.rateLimiter.hit(`newsletter-signup:email:${email}`, 3, 3600);
    // Over the per-address limit the answer stays "check your inbox": a different answer would
    // tell a prober the address had been tried before.
    if (!addressDecision.allowed) return { kind: "accepted" };

    const suppression = await this.repository.findSuppression(email);
    if (suppression && suppression.reason !== "unsubscribed") return { kind: "accepted" };
    const subscriber = await this.repository.findSubscriberByEmail(email);
    const current = subscriber ? await this.repository.subscriptionsOf(subscriber.id) : [];
    const missing = lists.filter((l) => !current.some((s) => s.listId === l.id && s.status === "active"));
    if (missing.length === 0) return { kind: "accepted" };

    const first = missing[0] as NewsletterListRow;
    const language = first.language;
    const token = this.deps.signer.sign(
      "newsletter.confirm",
      { e: email, l: missing.map((l) => l.id).join(","), g: language },
      new Date(this.now().getTime() + CONFIRM_TTL_MS),
    );
    const names = missing.map((l) => l.name).join(", ");
    const url = this.pageUrl(this.editionFor(language, input.edition), "confirm", token);
    const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) =>
      translate(language, key, params);
    await this.deps.mailer.send({
      to: email,
      from: { name: first.from_name, address: first.from_address },
      subject: t("newsletter.email.confirm.subject", { list: names }),
      text: `${t("newsletter.email.confirm.body", { list: names })}\n\n${url}\n\n${t("newsletter.email.confirm.ignore")}\n`,
    });
    return { kind: "accepted" };
  }

  /** Reads a confirmation link without acting on it (the page asks the reader to press a button). */
  async readConfirmation(
    token: string,
  ): Promise<LinkOutcome<{ email: string; lists: NewsletterList[]; language: string }>> {
    const result = this.deps.signer.verify<{ e: string; l: string; g: string }>(
      "newsletter.confirm",
      token,
      this.now(),
    );
    if (!result.ok) return { ok: false, reason: result.reason === "expired" ? "expired" : "invalid" };
    const { e: email, l, g: language } = result.payload;
    if (typeof email !== "string" || typeof l !== "string" || normaliseEmail(email) !== email) {
      return { ok: false, reason: "invalid" };
    }
    const ids = l.split(",").map(Number).filter(Number.isInteger);
    const rows = await Promise.all(ids.map((id) => this.repository.findList(id)));
    const lists = rows.filter((r): r is NewsletterListRow => r !== undefined).map(toList);
    if (lists.length === 0) return { ok: false, reason: "invalid" };
    return { ok: true, value: { email, lists, language: isLanguage(String(language)) ? String(language) : "en" } };
  }

  /** Confirms a sign-up; a second use of the same link changes nothing. */
  async confirm(token: string): Promise<LinkOutcome<{ email: string; lists: NewsletterList[] }>> {
    const read = await this.readConfirmation(token);
    if (!read.ok) return read;
    const { email, lists, language } = read.value;
    const suppression = await this.repository.findSuppression(email);
    if (suppression && suppression.reason !== "unsubscribed") return { ok: false, reason: "invalid" };
    const now = this.iso();
    const subscriberId = await this.repository.ensureSubscriber(email, language, now);
    for (const list of lists) await this.repository.activate(subscriberId, list.id, "signup", now);
    await this.repository.liftUnsubscribeSuppression(email);
    return { ok: true, value: { email, lists } };
  }

  // Links in every email

  preferencesToken(subscriberId: number): string {
    return this.deps.signer.sign("newsletter.preferences", { s: subscriberId }, null);
  }

  unsubscribeToken(subscriberId: number, listId: number): string {
    return this.deps.signer.sign("newsletter.unsubscribe", { s: subscriberId, l: listId }, null);
  }

  readerLinks(list: NewsletterList, subscriberId: number): { preferences: string; unsubscribe: string } {
    const edition = this.editionFor(list.language, this.deps.editions.byCode(list.edition));
    return {
      preferences: this.pageUrl(edition, "preferences", this.preferencesToken(subscriberId)),
      unsubscribe: this.pageUrl(edition, "unsubscribe", this.unsubscribeToken(subscriberId, list.id)),
    };
  }

  async readUnsubscribe(
    token: string,
  ): Promise<LinkOutcome<{ subscriberId: number; email: string; list: NewsletterList }>> {
    const result = this.deps.signer.verify<{ s: number; l: number }>("newsletter.unsubscribe", token, this.now());
    if (!result.ok) return { ok: false, reason: "invalid" };
    const { s, l } = result.payload;
    if (!Number.isInteger(s) || !Number.isInteger(l)) return { ok: false, reason: "invalid" };
    const [subscriber, list] = await Promise.all([this.repository.findSubscriber(s), this.repository.findList(l)]);
    if (!subscriber || !list) return { ok: false, reason: "invalid" };
    return { ok: true, value: { subscriberId: subscriber.id, email: subscriber.email, list: toList(list) } };
  }

  /**
   * One-click unsubscribe (RFC 8058): the token alone decides, no cookie or session. Leaving the
   * last list puts the address on the suppression list, so no later import mails it.
   */
  async unsubscribe(token: string): Promise<LinkOutcome<{ email: string; list: NewsletterList }>> {
    const read = await this.readUnsubscribe(token);
    if (!read.ok) return read;
    const { subscriberId, email, list } = read.value;
    const now = this.iso();
    await this.repository.unsubscribe(subscriberId, [list.id], now);
    const remaining = await this.repository.subscriptionsOf(subscriberId);
    if (!remaining.some((s) => s.status === "active")) {
      await this.repository.suppress({ email, reason: "unsubscribed", detail: list.slug, created_at: now });
    }
    return { ok: true, value: { email, list } };
  }

  async preferences(token: string): Promise<LinkOutcome<PreferencesView>> {
    const result = this.deps.signer.verify<{ s: number }>("newsletter.preferences", token, this.now());
    if (!result.ok || !Number.isInteger(result.payload.s)) return { ok: false, reason: "invalid" };
    const subscriber = await this.repository.findSubscriber(result.payload.s);
    if (!subscriber) return { ok: false, reason: "invalid" };
    const [lists, subscriptions] = await Promise.all([this.lists(), this.repository.subscriptionsOf(subscriber.id)]);
    const active = new Set(subscriptions.filter((s) => s.status === "active").map((s) => s.listId));
    return {
      ok: true,
      value: {
        subscriberId: subscriber.id,
        email: subscriber.email,
        language: subscriber.language,
        // A paused list the reader is on stays visible, so they can leave it.
        lists: lists
          .filter((l) => l.active || active.has(l.id))
          .map((list) => ({ list, subscribed: active.has(list.id) })),
      },
    };
  }

  /** Saves the preference page: the ticked lists become the reader's lists, or they leave all. */
  async savePreferences(
    token: string,
    choice: { lists: string[]; language?: string; leaveAll: boolean },
  ): Promise<LinkOutcome<{ left: boolean; language: string }>> {
    const current = await this.preferences(token);
    if (!current.ok) return current;
    const { subscriberId, email } = current.value;
    const now = this.iso();
    const language = choice.language && isLanguage(choice.language) ? choice.language : current.value.language;
    if (language !== current.value.language) await this.repository.setSubscriberLanguage(subscriberId, language, now);
    const wanted = new Set(choice.leaveAll ? [] : choice.lists);
    const keep = current.value.lists.filter(({ list }) => wanted.has(list.slug)).map(({ list }) => list.id);
    const drop = current.value.lists.filter(({ list }) => !wanted.has(list.slug)).map(({ list }) => list.id);
    await this.repository.unsubscribe(subscriberId, drop, now);
    const suppression = await this.repository.findSuppression(email);
    const mayResubscribe = !suppression || suppression.reason === "unsubscribed";
    if (mayResubscribe) {
      for (const listId of keep) await this.repository.activate(subscriberId, listId, "preferences", now);
    }
    const left = keep.length === 0 || !mayResubscribe;
    if (left) await this.repository.suppress({ email, reason: "unsubscribed", detail: null, created_at: now });
    else await this.repository.liftUnsubscribeSuppression(email);
    return { ok: true, value: { left, language } };
  }

  // Subscribers (admin)

  async subscribers(
    listId: number,
    options: { query?: string; after?: string; limit: number },
  ): Promise<SubscriberEntry[]> {
    await this.list(listId);
    return this.repository.listSubscribers(listId, options);
  }

  /** An editor adds an address directly (a reader who asked by other means); suppressed ones stay out. */
  async addSubscriber(listId: number, rawEmail: string, source = "admin"): Promise<"added" | "kept"> {
    const list = await this.list(listId);
    const email = normaliseEmail(rawEmail);
    if (!email) throw new AppError("validation_failed", "This is not an email address.", { field: "email" });
    if (await this.repository.isSuppressed(email)) {
      throw new AppError(
        "conflict",
        "This address unsubscribed or bounced; only the reader can subscribe it again, through the sign-up form.",
        { field: "email" },
      );
    }
    const now = this.iso();
    const id = await this.repository.ensureSubscriber(email, list.language, now);
    return this.repository.activate(id, listId, source, now);
  }

  async removeSubscriber(listId: number, subscriberId: number): Promise<void> {
    await this.list(listId);
    const removed = await this.repository.deleteSubscription(subscriberId, listId);
    if (!removed) throw new AppError("not_found", "This address is not on the list.");
  }

  /** Imports the first column (or the `email` column) of a CSV; each bad row is reported, the rest land. */
  async importCsv(listId: number, rows: string[][]): Promise<CsvImportReport> {
    const list = await this.list(listId);
    const report: CsvImportReport = { imported: 0, alreadySubscribed: 0, errors: [] };
    const header = rows[0]?.map((cell) => cell.trim().toLowerCase()) ?? [];
    const column = Math.max(0, header.indexOf("email"));
    const start = header.includes("email") ? 1 : 0;
    const now = this.iso();
    for (let i = start; i < rows.length; i++) {
      const value = (rows[i]?.[column] ?? "").trim();
      const rowNumber = i + 1;
      if (value === "") continue;
      const email = normaliseEmail(value);
      if (!email) {
        report.errors.push({ row: rowNumber, value: value.slice(0, 200), message: "not an email address" });
        continue;
      }
      if (await this.repository.isSuppressed(email)) {
        report.errors.push({ row: rowNumber, value: email, message: "unsubscribed or bounced earlier; left out" });
        continue;
      }
      const id = await this.repository.ensureSubscriber(email, list.language, now);
      const outcome = await this.repository.activate(id, listId, "import", now);
      if (outcome === "added") report.imported++;
      else report.alreadySubscribed++;
    }
    return report;
  }

  /** Every subscriber of the list, for the CSV export. */
  async exportRows(listId: number): Promise<SubscriberEntry[]> {
    await this.list(listId);
    const out: SubscriberEntry[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.repository.listSubscribers(listId, { limit: 1000, ...(after ? { after } : {}) });
      out.push(...page);
      if (page.length < 1000) return out;
      after = page.at(-1)?.email;
    }
  }

  // Composing

  private async digestArticles(list: NewsletterList, since: string): Promise<ArticleCardRow[]> {
    const found: ArticleCardRow[] = [];
    let after: { publishedAt: string; id: number } | null = null;
    while (found.length < DIGEST_SCAN_LIMIT) {
      const page = await this.deps.articleQueries.feed({ kind: "home", edition: list.edition }, after, 50);
      const fresh = page.items.filter((item) => item.published_at > since);
      found.push(...fresh);
      if (fresh.length < page.items.length || !page.next) break;
      after = page.next;
    }
    const ordered = [...found].sort(
      (a, b) => b.is_featured - a.is_featured || b.published_at.localeCompare(a.published_at) || b.id - a.id,
    );
    return ordered.slice(0, list.digestSize);
  }

  private digestSubject(list: NewsletterList, at: Date): string {
    const locale = list.language === "uk" ? "uk-UA" : list.language === "ru" ? "ru-RU" : "en-US";
    const date = new Intl.DateTimeFormat(locale, {
      day: "numeric",
      month: "long",
      timeZone: list.timeZone ?? this.deps.editions.byCode(list.edition)?.timeZone ?? "UTC",
    }).format(at);
    return `${list.name} — ${date}`;
  }

  private async sinceForDigest(list: NewsletterList, at: Date): Promise<string> {
    return (await this.repository.lastIssueTime(list.id)) ?? new Date(at.getTime() - DIGEST_LOOKBACK_MS).toISOString();
  }

  /**
   * Makes the issue of a schedule slot, once: the unique (list, slot) row decides between racing
   * schedulers. A slot with nothing new is recorded as skipped and sends nothing.
   */
  async createSlotIssue(listId: number, at: Date): Promise<{ issue: IssueView; created: boolean }> {
    const list = await this.list(listId);
    const slot = at.toISOString();
    const existing = await this.repository.findIssueBySlot(listId, slot);
    if (existing) return { issue: toIssue(existing), created: false };
    const articles = await this.digestArticles(list, await this.sinceForDigest(list, at));
    const now = this.iso();
    const inserted = await this.repository.insertIssue({
      list_id: listId,
      status: articles.length === 0 ? "skipped" : "scheduled",
      subject: this.digestSubject(list, at),
      intro: "",
      article_ids: JSON.stringify(articles.map((a) => a.id)),
      scheduled_for: slot,
      send_at: slot,
      created_at: now,
      updated_at: now,
    });
    if (inserted) return { issue: toIssue(inserted), created: true };
    const winner = await this.repository.findIssueBySlot(listId, slot);
    if (!winner) throw new Error(`The issue of list ${listId} at ${slot} vanished`);
    return { issue: toIssue(winner), created: false };
  }

  /** A schedule slot has come: make its issue (or take the one an editor prepared) and send it. */
  async runSlot(listId: number, at: Date): Promise<IssueView | undefined> {
    const row = await this.repository.findList(listId);
    if (row?.active !== 1 || row.kind !== "digest" || !row.cron || !row.time_zone) return undefined;
    // A slot queued before the schedule was changed is no longer one of its slots.
    if (nextRun(row.cron, row.time_zone, new Date(at.getTime() - 1))?.getTime() !== at.getTime()) return undefined;
    const { issue } = await this.createSlotIssue(listId, at);
    if (issue.status === "scheduled") {
      if (issue.articleIds.length === 0 && issue.intro === "") {
        // An editor emptied the prepared issue: the slot passes without mail.
        await this.repository.updateIssue(issue.id, ["scheduled"], { status: "skipped", updated_at: this.iso() });
      } else {
        await this.startSending(issue.id);
      }
    }
    await this.planNextSlot(toList(row), at);
    return toIssue((await this.repository.findIssue(issue.id)) ?? never());
  }

  /** Queues the list's next slot after `after` (now by default); one job per slot, however often asked. */
  async planNextSlot(list: NewsletterList, after?: Date): Promise<Date | undefined> {
    if (!list.active || list.kind !== "digest" || !list.cron || !list.timeZone) return undefined;
    const from = after && after > this.now() ? after : this.now();
    const at = nextRun(list.cron, list.timeZone, from);
    if (!at) return undefined;
    await this.deps.jobs.enqueue(
      "newsletters.slot",
      { listId: list.id, at: at.toISOString() },
      { runAt: at, dedupeKey: `newsletter-slot:${list.id}:${at.toISOString()}` },
    );
    return at;
  }

  /** At boot: every digest list has its next slot queued, and sends cut short by a stop resume. */
  async startScheduling(): Promise<void> {
    for (const list of await this.lists()) await this.planNextSlot(list);
    for (const issue of await this.repository.issuesInStatus("sending")) {
      await this.deps.jobs.enqueue(
        "newsletters.send",
        { issueId: issue.id },
        { dedupeKey: `newsletter-send:${issue.id}` },
      );
    }
  }

  /**
   * The next issue of a list, made now so an editor can read and change it before it goes. For a
   * digest it is the issue of the next schedule slot: when the slot comes, this issue (as
   * edited) is the one sent. A manual list gets a draft digest of the same stories.
   */
  async composeNext(listId: number, by: number | null): Promise<IssueView> {
    const list = await this.list(listId);
    const now = this.now();
    const slot =
      list.kind === "digest" && list.cron && list.timeZone ? nextRun(list.cron, list.timeZone, now) : undefined;
    if (!slot) {
      const articles = await this.digestArticles(list, await this.sinceForDigest(list, now));
      return this.insertDraft(list, {
        subject: this.digestSubject(list, now),
        intro: "",
        articleIds: articles.map((a) => a.id),
        by,
      });
    }
    const existing = await this.repository.findIssueBySlot(listId, slot.toISOString());
    if (existing) return toIssue(existing);
    const articles = await this.digestArticles(list, await this.sinceForDigest(list, now));
    const inserted = await this.repository.insertIssue({
      list_id: listId,
      status: "scheduled",
      subject: this.digestSubject(list, slot),
      intro: "",
      article_ids: JSON.stringify(articles.map((a) => a.id)),
      scheduled_for: slot.toISOString(),
      send_at: slot.toISOString(),
      created_by: by,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    return toIssue(inserted ?? (await this.repository.findIssueBySlot(listId, slot.toISOString())) ?? never());
  }

  async composeManual(
    listId: number,
    input: { subject: string; intro: string; articleIds: number[] },
    by: number | null,
  ): Promise<IssueView> {
    const list = await this.list(listId);
    await this.checkArticles(list, input.articleIds);
    return this.insertDraft(list, { ...input, by });
  }

  private async checkArticles(list: NewsletterList, ids: number[]): Promise<void> {
    if (new Set(ids).size !== ids.length) {
      throw new AppError("validation_failed", "An article is chosen twice.", { field: "articleIds" });
    }
    for (const id of ids) {
      const article = await this.deps.articleQueries.getById(id).catch(() => undefined);
      if (article?.status !== "published") {
        throw new AppError("validation_failed", `Article ${id} is not a published article.`, { field: "articleIds" });
      }
      if (article.edition_code !== list.edition) {
        throw new AppError("validation_failed", `Article ${id} belongs to another edition.`, { field: "articleIds" });
      }
    }
  }

  private async insertDraft(
    list: NewsletterList,
    input: { subject: string; intro: string; articleIds: number[]; by: number | null },
  ): Promise<IssueView> {
    const now = this.iso();
    const row = await this.repository.insertIssue({
      list_id: list.id,
      status: "draft",
      subject: input.subject.trim(),
      intro: input.intro.trim(),
      article_ids: JSON.stringify(input.articleIds),
      scheduled_for: null,
      send_at: null,
      created_by: input.by,
      created_at: now,
      updated_at: now,
    });
    if (!row) throw new Error("A draft issue could not be stored");
    return toIssue(row);
  }

  async issue(id: number): Promise<IssueView> {
    const row = await this.repository.findIssue(id);
    if (!row) throw new AppError("not_found", "There is no such issue.");
    return toIssue(row);
  }

  async issues(listId: number): Promise<IssueView[]> {
    await this.list(listId);
    return (await this.repository.listIssues(listId, 100)).map(toIssue);
  }

  async updateIssue(
    id: number,
    patch: { subject?: string; intro?: string; articleIds?: number[] },
  ): Promise<IssueView> {
    const issue = await this.issue(id);
    const list = await this.list(issue.listId);
    if (patch.articleIds) await this.checkArticles(list, patch.articleIds);
    const row = await this.repository.updateIssue(id, ["draft", "scheduled"], {
      ...(patch.subject !== undefined ? { subject: patch.subject.trim() } : {}),
      ...(patch.intro !== undefined ? { intro: patch.intro.trim() } : {}),
      ...(patch.articleIds ? { article_ids: JSON.stringify(patch.articleIds) } : {}),
      updated_at: this.iso(),
    });
    if (!row) throw new AppError("invalid_state", `This issue is ${issue.status} and can no longer be changed.`);
    return toIssue(row);
  }

  /** Renders an issue once: responsive HTML and plain text with placeholders for the reader's links. */
  async render(issue: IssueView): Promise<RenderedIssue> {
    const list = await this.list(issue.listId);
    const edition = this.deps.editions.byCode(list.edition);
    if (!edition) throw new AppError("invalid_state", "The list's edition no longer exists.");
    const settings = await this.deps.settings.editionSettings(edition.code);
    const stories: EmailStory[] = [];
    for (const id of issue.articleIds) {
      const view = await this.deps.articleQueries.getViewById(id).catch(() => undefined);
      if (view?.article.status !== "published") continue;
      const lead = view.leadMedia;
      stories.push({
        title: view.article.title,
        dek: view.article.dek,
        url: `${this.publicUrl}${urls.article(edition.basePath, view.article.slug)}`,
        imageUrl: lead ? `${this.publicUrl}${urls.media(lead.file_key, 640, "jpg")}` : null,
        imageAlt: lead?.alt ?? "",
      });
    }
    return renderIssueEmail({
      language: list.language,
      listName: list.name,
      siteName: settings.siteName,
      siteUrl: `${this.publicUrl}${edition.basePath}`,
      subject: issue.subject,
      intro: issue.intro,
      stories,
    });
  }

  /** The issue as a reader would see it, links pointing nowhere. */
  async preview(id: number): Promise<RenderedIssue> {
    const issue = await this.issue(id);
    return personalise(await this.render(issue), { preferences: "#preferences", unsubscribe: "#unsubscribe" });
  }

  /** Sends one copy to a staff member and returns it; nothing is logged as a delivery. */
  async sendTest(id: number, to: string): Promise<TestCopy> {
    const issue = await this.issue(id);
    const list = await this.list(issue.listId);
    const rendered = personalise(await this.render(issue), {
      preferences: "#preferences",
      unsubscribe: "#unsubscribe",
    });
    const subject = `[TEST] ${issue.subject}`;
    await this.deps.mailer.send({
      to,
      from: { name: list.fromName, address: list.fromAddress },
      subject,
      text: rendered.text,
      html: rendered.html,
    });
    return { to, subject, text: rendered.text, html: rendered.html };
  }

  /** A page of the issue's per-reader delivery log, in the order copies were queued. */
  async deliveryLog(
    id: number,
    options: { after?: number; limit: number; state?: DeliveryState },
  ): Promise<DeliveryLogEntry[]> {
    await this.issue(id);
    const rows = await this.repository.deliveryLog(id, options);
    return rows.map((row) => ({
      id: row.id,
      email: row.email,
      state: row.state,
      attempts: row.attempts,
      sentAt: row.sent_at,
      nextAttemptAt: row.state === "pending" || row.state === "sending" ? row.next_attempt_at : null,
      error: row.last_error,
    }));
  }

  async schedule(id: number, at: Date): Promise<IssueView> {
    if (at.getTime() <= this.now().getTime()) {
      throw new AppError("validation_failed", "The sending time is in the past.", { field: "at" });
    }
    const issue = await this.issue(id);
    const row = await this.repository.updateIssue(id, ["draft", "scheduled"], {
      status: "scheduled",
      send_at: at.toISOString(),
      updated_at: this.iso(),
    });
    if (!row) throw new AppError("invalid_state", `This issue is ${issue.status} and cannot be scheduled.`);
    if (row.scheduled_for === null) {
      await this.deps.jobs.enqueue(
        "newsletters.send-at",
        { issueId: id },
        { runAt: at, dedupeKey: `newsletter-send-at:${id}:${at.toISOString()}` },
      );
    }
    return toIssue(row);
  }

  async cancel(id: number): Promise<IssueView> {
    const issue = await this.issue(id);
    const row = await this.repository.updateIssue(id, ["draft", "scheduled", "sending"], {
      status: "cancelled",
      finished_at: this.iso(),
      updated_at: this.iso(),
    });
    if (!row) throw new AppError("invalid_state", `This issue is ${issue.status} and cannot be cancelled.`);
    return toIssue(row);
  }

  /**
   * Starts sending: renders the issue once, stores it with one pending delivery per reader, and
   * queues the sender. Only the caller that moves the issue out of draft/scheduled does this.
   */
  async startSending(id: number): Promise<IssueView> {
    const issue = await this.issue(id);
    if (issue.status === "sending") return issue;
    if (issue.status !== "draft" && issue.status !== "scheduled") {
      throw new AppError("invalid_state", `This issue is ${issue.status} and cannot be sent.`);
    }
    if (issue.articleIds.length === 0 && issue.intro === "") {
      throw new AppError("invalid_state", "This issue is empty: add articles or an introduction first.");
    }
    const rendered = await this.render(issue);
    const now = this.iso();
    const row = await this.repository.updateIssue(id, ["draft", "scheduled"], {
      status: "sending",
      html: rendered.html,
      text: rendered.text,
      started_at: now,
      updated_at: now,
    });
    if (!row) return this.issue(id);
    await this.repository.createDeliveries(id, issue.listId, now);
    const counts = await this.repository.deliveryCounts(id);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    await this.repository.updateIssue(id, ["sending"], { total });
    await this.deps.jobs.enqueue("newsletters.send", { issueId: id }, { dedupeKey: `newsletter-send:${id}` });
    return this.issue(id);
  }

  /**
   * Sends an issue's due deliveries through the mailer, in as many lanes as the mailer keeps
   * connections. Each row is claimed before its message goes and marked after the relay accepts
   * it, so a restart resends only rows whose sender died before the relay's answer. Returns when
   * the issue is done, or when its remaining retries are far off (a job is queued for them).
   */
  async deliver(id: number): Promise<"done" | "waiting" | "stopped"> {
    for (;;) {
      const row = await this.repository.findIssue(id);
      if (row?.status !== "sending") return "stopped";
      const issue = toIssue(row);
      const list = await this.list(issue.listId);
      const rendered: RenderedIssue = { html: row.html ?? "", text: row.text ?? "" };
      const lanes = Math.max(1, this.deps.mailer.concurrency ?? 1);
      let cancelled = false;
      await Promise.all(
        Array.from({ length: lanes }, async () => {
          while (!cancelled) {
            const lease = this.leaseUntil();
            const claimed = await this.repository.claimDeliveries(id, this.batchSize, this.iso(), lease);
            if (claimed.length === 0) return;
            await this.sendBatch(list, issue, rendered, claimed, lease);
            const current = await this.repository.findIssue(id);
            if (current?.status !== "sending") cancelled = true;
          }
        }),
      );
      if (cancelled) return "stopped";
      const next = await this.repository.nextDueTime(id);
      if (next === undefined) {
        await this.repository.updateIssue(id, ["sending"], {
          status: "sent",
          finished_at: this.iso(),
          updated_at: this.iso(),
        });
        return "done";
      }
      const wait = new Date(next).getTime() - this.now().getTime();
      if (wait > this.maxInlineWaitMs) {
        await this.deps.jobs.enqueue(
          "newsletters.send",
          { issueId: id },
          { runAt: new Date(next), dedupeKey: `newsletter-send:${id}:${next}` },
        );
        return "waiting";
      }
      if (wait > 0) await sleep(wait);
    }
  }

  private leaseUntil(): string {
    // A lease is also this sender's mark on the rows it holds, so two senders never share one.
    return new Date(this.now().getTime() + this.leaseMs).toISOString();
  }

  /**
   * Sends a claimed batch one message at a time. The batch's lease is renewed when half of it is
   * used, so a slow relay never lets another sender take rows this one is still sending.
   */
  private async sendBatch(
    list: NewsletterList,
    issue: IssueView,
    rendered: RenderedIssue,
    claimed: ClaimedDelivery[],
    claimLease: string,
  ): Promise<void> {
    const wanted = await this.repository.stillWanted(
      list.id,
      claimed.map((d) => d.subscriber_id),
    );
    let lease = claimLease;
    let held = new Set(claimed.map((d) => d.id));
    for (const [index, delivery] of claimed.entries()) {
      if (new Date(lease).getTime() - this.now().getTime() < this.leaseMs / 2) {
        const next = this.leaseUntil();
        held = await this.repository.renewLeases(
          claimed.slice(index).map((d) => d.id),
          lease,
          next,
        );
        lease = next;
      }
      if (!held.has(delivery.id)) continue;
      if (!wanted.has(delivery.subscriber_id)) {
        await this.repository.finishDelivery(delivery.id, { state: "suppressed", attempts: delivery.attempts });
        continue;
      }
      await this.sendOne(list, issue, rendered, delivery);
    }
  }

  private async sendOne(
    list: NewsletterList,
    issue: IssueView,
    rendered: RenderedIssue,
    delivery: ClaimedDelivery,
  ): Promise<void> {
    const attempts = delivery.attempts + 1;
    const links = this.readerLinks(list, delivery.subscriber_id);
    const copy = personalise(rendered, links);
    try {
      await this.deps.mailer.send({
        to: delivery.email,
        from: { name: list.fromName, address: list.fromAddress },
        subject: issue.subject,
        text: copy.text,
        html: copy.html,
        listUnsubscribe: { url: links.unsubscribe, oneClick: true },
        headers: {
          "List-Id": `${list.name.replace(/[^\w .-]/g, "")} <${list.slug}.${new URL(this.publicUrl).hostname}>`,
        },
      });
      await this.repository.finishDelivery(delivery.id, { state: "sent", attempts, sentAt: this.iso() });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof MailDeliveryError && error.permanent) {
        await this.repository.finishDelivery(delivery.id, { state: "bounced", attempts, error: message });
        await this.repository.suppress({
          email: delivery.email,
          reason: "bounced",
          detail: message.slice(0, 300),
          created_at: this.iso(),
        });
        return;
      }
      const delay = this.retryDelaysMs[attempts - 1];
      if (delay === undefined) {
        await this.repository.finishDelivery(delivery.id, { state: "failed", attempts, error: message });
        return;
      }
      await this.repository.finishDelivery(delivery.id, {
        state: "pending",
        attempts,
        error: message,
        nextAttemptAt: new Date(this.now().getTime() + delay).toISOString(),
      });
    }
  }

  async progress(id: number): Promise<IssueProgress> {
    const issue = await this.issue(id);
    const counts = await this.repository.deliveryCounts(id);
    const done = counts.sent + counts.failed + counts.bounced + counts.suppressed;
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    let rate = 0;
    if (issue.startedAt && counts.sent > 0) {
      const end = issue.finishedAt ? new Date(issue.finishedAt) : this.now();
      const seconds = Math.max(1, (end.getTime() - new Date(issue.startedAt).getTime()) / 1000);
      rate = Math.round((counts.sent / seconds) * 10) / 10;
    }
    const left = total - done;
    const etaSeconds = issue.status === "sending" && rate > 0 ? Math.ceil(left / rate) : null;
    const unsubscribed = issue.startedAt ? await this.repository.unsubscribedSince(issue.listId, issue.startedAt) : 0;
    return { status: issue.status, total, counts, rate, etaSeconds, unsubscribed };
  }

  /** The list's next issue now, whatever the schedule (the CLI's `newsletter send`). */
  async sendNow(listId: number): Promise<IssueView | undefined> {
    const list = await this.list(listId);
    const now = this.now();
    const articles = await this.digestArticles(list, await this.sinceForDigest(list, now));
    if (articles.length === 0) return undefined;
    const draft = await this.insertDraft(list, {
      subject: this.digestSubject(list, now),
      intro: "",
      articleIds: articles.map((a) => a.id),
      by: null,
    });
    return this.startSending(draft.id);
  }

  async listBySlug(slug: string): Promise<NewsletterList | undefined> {
    const row = await this.repository.findListBySlug(slug);
    return row ? toList(row) : undefined;
  }
}
