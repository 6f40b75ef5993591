import { AppError } from "../errors.js";
import type { DeliveryState } from "../platform/db/schema.js";
import type { DomainEventBus } from "../platform/events/domain-events.js";
import type { JobQueue } from "../platform/jobs/job-queue.js";
import { BulkMime, BulkPart } from "../platform/mail/bulk-mime.js";
import { MailDeliveryError, type Mailer } from "../platform/mail/mailer.js";
import type { RenderedIssue } from "./issue-email.renderer.js";
import { personalFrom, personalise } from "./issue-email.renderer.js";
import type { NewsletterIssuesService } from "./newsletter-issues.service.js";
import type { NewsletterListsService } from "./newsletter-lists.service.js";
import type { ClaimedDelivery, NewslettersRepository } from "./newsletters.repository.js";
import "./newsletters.events.js";
import type { NewsletterList } from "./newsletters.shared.js";
import {
  type DeliveryLogEntry,
  type IssueProgress,
  type IssueView,
  type NewslettersOptions,
  toIssue,
  toList,
} from "./newsletters.types.js";
import { nextRun } from "./schedule.js";
import type { SubscriptionsService } from "./subscriptions.service.js";

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

/** What every copy of one issue is made from, and where sent copies are recorded. */
interface Copies {
  rendered: RenderedIssue;
  /** The issue's MIME, with both bodies encoded up to their personal links, when the relay takes MIME. */
  bulk: { mime: BulkMime; text: BulkPart; html: BulkPart } | null;
  sent: GroupCommit;
}

/**
 * Records sent copies in one write for all lanes: each lane waits until its copy is recorded
 * before it sends the next (so a crash can only resend copies the relay had not yet accepted, as
 * before), but the lanes share the writes instead of making one each.
 */
class GroupCommit {
  private pending: { id: number; settle: (error?: unknown) => void }[] = [];
  private flushing = false;

  constructor(private readonly write: (ids: number[]) => Promise<void>) {}

  add(id: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ id, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    // One turn of the event loop lets the other lanes' copies join this write.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0);
      try {
        await this.write(batch.map((entry) => entry.id));
        for (const entry of batch) entry.settle();
      } catch (error) {
        for (const entry of batch) entry.settle(error ?? new Error("The delivery log could not be written."));
      }
    }
    this.flushing = false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function never(): never {
  throw new Error("An issue vanished while it was being sent");
}

/**
 * Sending: each schedule slot's run, the delivery log (one row per reader, leased while a sender
 * holds it, retried on temporary failures, suppressed on bounces), progress and the resumption
 * of sends cut short by a stop. Owns the newsletters' jobs.
 */
export class NewsletterDeliveryService {
  private readonly now: () => Date;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly retryDelaysMs: readonly number[];
  private readonly maxInlineWaitMs: number;
  private readonly publicUrl: string;

  constructor(
    private readonly repository: NewslettersRepository,
    private readonly parts: {
      lists: NewsletterListsService;
      issues: NewsletterIssuesService;
      subscriptions: SubscriptionsService;
    },
    private readonly deps: { mailer: Mailer; jobs: JobQueue; events?: DomainEventBus },
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

  private issue(id: number): Promise<IssueView> {
    return this.parts.issues.get(id);
  }

  /** A schedule slot has come: make its issue (or take the one an editor prepared) and send it. */
  async runSlot(listId: number, at: Date): Promise<IssueView | undefined> {
    const row = await this.repository.findList(listId);
    if (row?.active !== 1 || row.kind !== "digest" || !row.cron || !row.time_zone) return undefined;
    // A slot queued before the schedule was changed is no longer one of its slots.
    if (nextRun(row.cron, row.time_zone, new Date(at.getTime() - 1))?.getTime() !== at.getTime()) return undefined;
    const { issue } = await this.parts.issues.createSlotIssue(listId, at);
    if (issue.status === "scheduled") {
      if (issue.articleIds.length === 0 && issue.intro === "") {
        // An editor emptied the prepared issue: the slot passes without mail.
        await this.repository.updateIssue(issue.id, ["scheduled"], { status: "skipped", updated_at: this.iso() });
      } else {
        await this.startSending(issue.id);
      }
    }
    await this.parts.issues.planNextSlot(toList(row), at);
    return toIssue((await this.repository.findIssue(issue.id)) ?? never());
  }

  /** At boot: every digest list has its next slot queued, and sends cut short by a stop resume. */
  async startScheduling(): Promise<void> {
    for (const list of await this.parts.lists.lists()) await this.parts.issues.planNextSlot(list);
    for (const issue of await this.repository.issuesInStatus("sending")) {
      await this.deps.jobs.enqueue(
        "newsletters.send",
        { issueId: issue.id },
        { dedupeKey: `newsletter-send:${issue.id}` },
      );
    }
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
    const rendered = await this.parts.issues.render(issue, { countClicks: true });
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
      const list = await this.parts.lists.list(issue.listId);
      const rendered: RenderedIssue = { html: row.html ?? "", text: row.text ?? "" };
      const copies: Copies = {
        rendered,
        // Composed once for the issue when the relay takes ready-made MIME (SMTP).
        bulk:
          this.deps.mailer.sendRaw && BulkMime.canAddress(list.fromAddress)
            ? {
                mime: new BulkMime({
                  from: { name: list.fromName, address: list.fromAddress },
                  subject: issue.subject,
                  headers: this.listHeaders(list),
                }),
                text: new BulkPart("text/plain", rendered.text, personalFrom(rendered.text)),
                html: new BulkPart("text/html", rendered.html, personalFrom(rendered.html)),
              }
            : null,
        sent: new GroupCommit((ids) => this.repository.markSent(ids, this.iso())),
      };
      const lanes = Math.max(1, this.deps.mailer.concurrency ?? 1);
      let cancelled = false;
      await Promise.all(
        Array.from({ length: lanes }, async () => {
          while (!cancelled) {
            const lease = this.leaseUntil();
            const claimed = await this.repository.claimDeliveries(id, this.batchSize, this.iso(), lease);
            if (claimed.length === 0) return;
            await this.sendBatch(list, issue, copies, claimed, lease);
            const current = await this.repository.findIssue(id);
            if (current?.status !== "sending") cancelled = true;
          }
        }),
      );
      if (cancelled) return "stopped";
      const next = await this.repository.nextDueTime(id);
      if (next === undefined) {
        const sent = await this.repository.updateIssue(id, ["sending"], {
          status: "sent",
          finished_at: this.iso(),
          updated_at: this.iso(),
        });
        // Only the sender that moved the issue to "sent" announces it, so it is announced once.
        if (sent) {
          await this.deps.events?.publish("newsletter.sent", {
            issueId: id,
            listId: list.id,
            listSlug: list.slug,
            edition: list.edition,
            subject: sent.subject,
            total: sent.total,
            finishedAt: sent.finished_at ?? this.iso(),
          });
        }
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
    copies: Copies,
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
      await this.sendOne(list, issue, copies, delivery);
    }
  }

  private listHeaders(list: NewsletterList): Record<string, string> {
    return { "List-Id": `${list.name.replace(/[^\w .-]/g, "")} <${list.slug}.${new URL(this.publicUrl).hostname}>` };
  }

  private async sendOne(
    list: NewsletterList,
    issue: IssueView,
    copies: Copies,
    delivery: ClaimedDelivery,
  ): Promise<void> {
    const attempts = delivery.attempts + 1;
    const links = this.parts.subscriptions.readerLinks(list, delivery.subscriber_id);
    const listUnsubscribe = { url: links.unsubscribe, oneClick: true };
    try {
      const { bulk } = copies;
      if (bulk && this.deps.mailer.sendRaw && BulkMime.canAddress(delivery.email)) {
        // Only the bodies' ends (from the first personal link on) are made for each reader.
        const { rendered } = copies;
        const tails = personalise(
          { text: rendered.text.slice(bulk.text.varyFrom), html: rendered.html.slice(bulk.html.varyFrom) },
          links,
        );
        await this.deps.mailer.sendRaw(
          bulk.mime.build({
            to: delivery.email,
            text: { part: bulk.text, tail: tails.text },
            html: { part: bulk.html, tail: tails.html },
            listUnsubscribe,
          }),
        );
      } else {
        const copy = personalise(copies.rendered, links);
        await this.deps.mailer.send({
          to: delivery.email,
          from: { name: list.fromName, address: list.fromAddress },
          subject: issue.subject,
          text: copy.text,
          html: copy.html,
          listUnsubscribe,
          headers: this.listHeaders(list),
        });
      }
    } catch (error) {
      await this.failed(delivery, attempts, error);
      return;
    }
    // Recorded before this lane sends its next copy, in one write with the other lanes' copies.
    await copies.sent.add(delivery.id);
  }

  private async failed(delivery: ClaimedDelivery, attempts: number, error: unknown): Promise<void> {
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
    const draft = await this.parts.issues.composeDigestNow(listId);
    return draft ? this.startSending(draft.id) : undefined;
  }
}
