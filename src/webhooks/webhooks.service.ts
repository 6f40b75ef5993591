import { randomBytes, randomUUID } from "node:crypto";
import { AppError, isAppError } from "../errors.js";
import type { ArticleRow, WebhookDeliveryRow, WebhookSubscriptionRow } from "../platform/db/schema.js";
import type { DomainEvent } from "../platform/events/domain-events.js";
import type { JobQueue } from "../platform/jobs/job-queue.js";
import type { Mailer } from "../platform/mail/mailer.js";
import "../newsroom/newsroom.events.js";
import "../newsletters/newsletters.events.js";
import { assertPublicUrl, type Resolver } from "./url-guard.js";
import { postWebhook, type SendResult } from "./webhook-sender.js";
import { SIGNATURE_HEADER, signatureHeader } from "./webhook-signature.js";
import { webhookDisabledEmail } from "./webhooks.mail.js";
import type { WebhooksRepository } from "./webhooks.repository.js";
import {
  isWebhookEvent,
  type WebhookDelivery,
  type WebhookEvent,
  type WebhookSubscription,
} from "./webhooks.shared.js";

declare module "../platform/jobs/job-queue.js" {
  interface JobPayloads {
    /** One attempt of one webhook delivery; a failed attempt queues the next one itself. */
    "webhooks.deliver": { deliveryId: number };
    /** Tells the owners that a subscription was turned off after failing again and again. */
    "webhooks.disabled-mail": { subscriptionId: number; failures: number; lastError: string | null };
  }
}

/** What webhooks read of articles: the newsroom's ArticleQueries, and the public address of a story. */
export interface WebhookArticles {
  getById(id: number): Promise<ArticleRow>;
  url(edition: string, slug: string): string;
}

export interface WebhooksDeps {
  jobs: JobQueue;
  mailer: Mailer;
  articles: WebhookArticles;
  /** Active owners, told when a subscription is turned off. */
  owners: () => Promise<{ email: string; name: string }[]>;
  /** A correction's or update note's text (the newsroom's live-coverage service). */
  noteText?: (articleId: number, noteId: number) => Promise<string | undefined>;
  /** A live entry's headline and time. */
  liveEntry?: (
    articleId: number,
    entryId: number,
  ) => Promise<{ headline: string | null; createdAt: string } | undefined>;
}

export interface WebhooksOptions {
  /** WEBHOOKS_ALLOW_PRIVATE: subscriptions may point at loopback and private addresses. */
  allowPrivate: boolean;
  /** The newsroom app's webhooks screen, linked from the owners' mail. */
  adminUrl: string;
  /** Names the newsroom in mail. */
  site: string;
  now?: () => Date;
  /** How long one attempt may take. */
  timeoutMs?: number;
  /** Waits before the 2nd, 3rd… attempt; its length bounds the attempts. */
  retryDelaysMs?: readonly number[];
  /** No attempt is made later than this after the delivery was created. */
  retryWindowMs?: number;
  /** Deliveries failed in a row that turn a subscription off. */
  disableAfter?: number;
  resolve?: Resolver;
}

/** About 24 hours in all: 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h, 8 h. */
const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000, 28_800_000];
const DAY_MS = 24 * 3600_000;
/** A job may be handed out this much before its time by a clock a little ahead. */
const CLOCK_SLACK_MS = 1000;

export interface SubscriptionInput {
  url: string;
  events: string[];
}

export interface SubscriptionPatch {
  url?: string;
  events?: string[];
  enabled?: boolean;
}

function toSubscription(row: WebhookSubscriptionRow): WebhookSubscription {
  return {
    id: row.id,
    url: row.url,
    events: (JSON.parse(row.events) as string[]).filter(isWebhookEvent),
    enabled: row.enabled === 1,
    consecutiveFailures: row.consecutive_failures,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    responseCode: row.response_code,
    durationMs: row.duration_ms,
    error: row.error,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Whether a failed attempt is worth another: no answer, a server error, or "slow down". */
function retriable(result: SendResult): boolean {
  if (result.status === undefined) return true;
  if (result.status === 408 || result.status === 429) return true;
  return result.status >= 500 || result.status < 400;
}

function delivered(result: SendResult): boolean {
  return result.status !== undefined && result.status >= 200 && result.status < 300;
}

/**
 * Outgoing webhooks: subscriptions, one signed delivery per event and subscription, retries with
 * backoff for about a day, and the switch that turns off a subscription that keeps failing.
 *
 * A delivery is at least once: a worker that dies after the POST but before it records the answer
 * sends the same body again, with the same `Gazette-Delivery` id, which receivers dedupe on.
 */
export class WebhooksService {
  private readonly now: () => Date;
  private readonly timeoutMs: number;
  private readonly retryDelaysMs: readonly number[];
  private readonly retryWindowMs: number;
  private readonly disableAfter: number;

  constructor(
    private readonly repository: WebhooksRepository,
    private readonly deps: WebhooksDeps,
    private readonly options: WebhooksOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.retryDelaysMs = options.retryDelaysMs ?? RETRY_DELAYS_MS;
    this.retryWindowMs = options.retryWindowMs ?? DAY_MS;
    this.disableAfter = options.disableAfter ?? 20;
    deps.jobs.register("webhooks.deliver", ({ deliveryId }) => this.attempt(deliveryId));
    deps.jobs.register("webhooks.disabled-mail", (payload) => this.mailOwners(payload));
  }

  private iso(): string {
    return this.now().toISOString();
  }

  private checkEvents(events: string[]): WebhookEvent[] {
    const unknown = events.filter((event) => !isWebhookEvent(event));
    if (unknown.length > 0) {
      throw new AppError("webhook_event_unknown", `Unknown webhook event: ${unknown.join(", ")}.`, {
        field: "events",
        unknown,
      });
    }
    if (events.length === 0) {
      throw new AppError("validation_failed", "Choose at least one event.", { field: "events" });
    }
    return [...new Set(events as WebhookEvent[])];
  }

  private async checkUrl(raw: string): Promise<string> {
    const url = await assertPublicUrl(raw, {
      allowPrivate: this.options.allowPrivate,
      ...(this.options.resolve ? { resolve: this.options.resolve } : {}),
    });
    return url.toString();
  }

  /** Makes a subscription; the secret is returned here and never again. */
  async create(input: SubscriptionInput, createdBy: number | null): Promise<{ id: number; secret: string }> {
    const events = this.checkEvents(input.events);
    const url = await this.checkUrl(input.url);
    const secret = `whsec_${randomBytes(24).toString("hex")}`;
    const row = await this.repository.createSubscription({
      url,
      events: JSON.stringify(events),
      secret,
      createdBy,
      now: this.iso(),
    });
    return { id: row.id, secret };
  }

  async list(): Promise<WebhookSubscription[]> {
    return (await this.repository.listSubscriptions()).map(toSubscription);
  }

  private async row(id: number): Promise<WebhookSubscriptionRow> {
    const row = await this.repository.findSubscription(id);
    if (!row) throw new AppError("not_found", `Webhook ${id} does not exist.`);
    return row;
  }

  async get(id: number): Promise<WebhookSubscription> {
    return toSubscription(await this.row(id));
  }

  /** Changes the URL, the events or the switch; turning it back on starts a new count of failures. */
  async update(id: number, patch: SubscriptionPatch): Promise<WebhookSubscription> {
    await this.row(id);
    const now = this.iso();
    const changes: Parameters<WebhooksRepository["updateSubscription"]>[1] = { updated_at: now };
    if (patch.events !== undefined) changes.events = JSON.stringify(this.checkEvents(patch.events));
    if (patch.url !== undefined) changes.url = await this.checkUrl(patch.url);
    if (patch.enabled === true) Object.assign(changes, { enabled: 1, disabled_at: null, consecutive_failures: 0 });
    if (patch.enabled === false) Object.assign(changes, { enabled: 0, disabled_at: now });
    const row = await this.repository.updateSubscription(id, changes);
    if (!row) throw new AppError("not_found", `Webhook ${id} does not exist.`);
    return toSubscription(row);
  }

  async remove(id: number): Promise<void> {
    if (!(await this.repository.deleteSubscription(id))) {
      throw new AppError("not_found", `Webhook ${id} does not exist.`);
    }
  }

  async deliveries(id: number, limit = 50, beforeId?: number): Promise<WebhookDelivery[]> {
    await this.row(id);
    return (await this.repository.deliveries(id, limit, beforeId)).map(toDelivery);
  }

  /**
   * Sends a `ping` to the subscription now, once, and returns how it went. It is logged with the
   * others but neither retried nor counted toward turning the subscription off.
   */
  async sendTest(id: number): Promise<WebhookDelivery> {
    const subscription = await this.row(id);
    const now = this.iso();
    const body = JSON.stringify({
      event: "ping",
      createdAt: now,
      data: { webhookId: subscription.id, message: "A test delivery from the newsroom app." },
    });
    const delivery = await this.repository.createDelivery({
      subscriptionId: subscription.id,
      event: "ping",
      eventId: randomUUID(),
      body,
      now,
    });
    const result = await this.post(subscription, delivery);
    const row = await this.repository.recordAttempt(delivery.id, {
      ...this.outcome(result),
      attempts: 1,
      status: delivered(result) ? "delivered" : "failed",
      next_attempt_at: null,
    });
    return toDelivery(row ?? delivery);
  }

  /** Whether any enabled subscription takes `type`: an event none takes is not queued at all. */
  async takes(type: WebhookEvent): Promise<boolean> {
    return (await this.repository.enabledSubscriptions()).some((row) => toSubscription(row).events.includes(type));
  }

  /**
   * The durable listener of every webhook event: one delivery per enabled subscription that takes
   * the event, each with its own job. Running it again for the same event adds nothing.
   */
  async fanOut(type: WebhookEvent, eventId: string, occurredAt: string, data: () => Promise<unknown>): Promise<void> {
    const subscriptions = (await this.repository.enabledSubscriptions()).filter((row) =>
      toSubscription(row).events.includes(type),
    );
    if (subscriptions.length === 0) return;
    const body = JSON.stringify({ event: type, createdAt: occurredAt, data: await data() });
    for (const subscription of subscriptions) {
      const delivery = await this.repository.createDelivery({
        subscriptionId: subscription.id,
        event: type,
        eventId,
        body,
        now: this.iso(),
      });
      if (delivery.status !== "pending" || delivery.attempts > 0) continue;
      await this.deps.jobs.enqueue(
        "webhooks.deliver",
        { deliveryId: delivery.id },
        { dedupeKey: `webhook-delivery:${delivery.id}:1` },
      );
    }
  }

  /** What an article event's delivery says about the story. */
  async articleData(event: { articleId: number; edition: string; status?: string }): Promise<Record<string, unknown>> {
    try {
      const row = await this.deps.articles.getById(event.articleId);
      return {
        id: row.id,
        edition: row.edition_code,
        slug: row.slug,
        url: this.deps.articles.url(row.edition_code, row.slug),
        title: row.title,
        status: event.status ?? row.status,
        publishedAt: row.published_at,
        updatedAt: row.updated_at,
      };
    } catch (error) {
      // Deleted since: the event still happened, so the receiver learns what is known of it.
      if (isAppError(error) && error.code === "not_found") {
        return { id: event.articleId, edition: event.edition, status: event.status ?? null };
      }
      throw error;
    }
  }

  /** The durable listener of article.published, .updated and .unpublished. */
  articleEvent(
    type: "article.published" | "article.updated" | "article.unpublished",
    event: DomainEvent<typeof type>,
  ): Promise<void> {
    return this.fanOut(type, event.eventId, event.occurredAt, () => this.articleData(event));
  }

  /** The durable listener of live.entry.created (published live blogs only: the newsroom announces no others). */
  liveEntryCreated(event: DomainEvent<"live.entry.created">): Promise<void> {
    return this.fanOut("live.entry.created", event.eventId, event.occurredAt, async () => {
      const entry = event.entryId === null ? undefined : await this.deps.liveEntry?.(event.articleId, event.entryId);
      return {
        entry: { id: event.entryId, headline: entry?.headline ?? null, createdAt: entry?.createdAt ?? null },
        article: await this.articleData(event),
      };
    });
  }

  /** The durable listener of correction.created: corrections and update notes (`note.kind` tells which). */
  correctionCreated(event: DomainEvent<"correction.created">): Promise<void> {
    return this.fanOut("correction.created", event.eventId, event.occurredAt, async () => ({
      note: {
        id: event.noteId,
        kind: event.kind,
        text: (await this.deps.noteText?.(event.articleId, event.noteId)) ?? null,
      },
      article: await this.articleData(event),
    }));
  }

  /** The durable listener of newsletter.sent. */
  newsletterSent(event: DomainEvent<"newsletter.sent">): Promise<void> {
    return this.fanOut("newsletter.sent", event.eventId, event.occurredAt, async () => ({
      issueId: event.issueId,
      listId: event.listId,
      list: event.listSlug,
      edition: event.edition,
      subject: event.subject,
      recipients: event.total,
      finishedAt: event.finishedAt,
    }));
  }

  private outcome(result: SendResult) {
    return {
      response_code: result.status ?? null,
      duration_ms: result.durationMs,
      error: result.error?.slice(0, 500) ?? null,
      updated_at: this.iso(),
    };
  }

  private post(subscription: WebhookSubscriptionRow, delivery: WebhookDeliveryRow): Promise<SendResult> {
    // The real clock, not the scheduling one: receivers compare the timestamp with theirs.
    const timestamp = Math.floor(Date.now() / 1000);
    return postWebhook(
      subscription.url,
      delivery.body,
      {
        "Content-Type": "application/json",
        "User-Agent": "Gazette-Webhooks",
        "Gazette-Delivery": String(delivery.id),
        "Gazette-Event": delivery.event,
        [SIGNATURE_HEADER]: signatureHeader(subscription.secret, timestamp, delivery.body),
      },
      { timeoutMs: this.timeoutMs, allowPrivate: this.options.allowPrivate },
    );
  }

  /** When the attempt after `attempts` is due, or null when the delivery has had its chances. */
  private nextAttemptAt(delivery: WebhookDeliveryRow, attempts: number): Date | null {
    const delay = this.retryDelaysMs[attempts - 1];
    if (delay === undefined) return null;
    const at = new Date(this.now().getTime() + delay);
    if (at.getTime() - new Date(delivery.created_at).getTime() > this.retryWindowMs) return null;
    return at;
  }

  /** One attempt of a delivery (the `webhooks.deliver` job). */
  async attempt(deliveryId: number): Promise<void> {
    const delivery = await this.repository.findDelivery(deliveryId);
    if (delivery?.status !== "pending") return;
    // A job that ran again after its attempt already queued the next one has nothing to do.
    if (
      delivery.next_attempt_at &&
      new Date(delivery.next_attempt_at).getTime() > this.now().getTime() + CLOCK_SLACK_MS
    ) {
      return;
    }
    const subscription = await this.repository.findSubscription(delivery.subscription_id);
    if (!subscription) return;
    if (subscription.enabled !== 1) {
      await this.repository.recordAttempt(deliveryId, {
        status: "failed",
        next_attempt_at: null,
        error: "The webhook was turned off before this delivery went out.",
        updated_at: this.iso(),
      });
      return;
    }
    const result = await this.post(subscription, delivery);
    const attempts = delivery.attempts + 1;
    if (delivered(result)) {
      await this.repository.recordAttempt(deliveryId, {
        ...this.outcome(result),
        attempts,
        status: "delivered",
        next_attempt_at: null,
      });
      await this.repository.resetFailures(subscription.id);
      return;
    }
    const retryAt = retriable(result) ? this.nextAttemptAt(delivery, attempts) : null;
    if (retryAt) {
      // Queued before the attempt is recorded: a crash in between repeats the attempt, never loses it.
      await this.deps.jobs.enqueue(
        "webhooks.deliver",
        { deliveryId },
        { runAt: retryAt, dedupeKey: `webhook-delivery:${deliveryId}:${attempts + 1}` },
      );
      await this.repository.recordAttempt(deliveryId, {
        ...this.outcome(result),
        attempts,
        next_attempt_at: retryAt.toISOString(),
      });
      return;
    }
    const failed = await this.repository.recordAttempt(deliveryId, {
      ...this.outcome(result),
      attempts,
      status: "failed",
      next_attempt_at: null,
    });
    if (failed) await this.countFailure(subscription, failed.error);
  }

  private async countFailure(subscription: WebhookSubscriptionRow, lastError: string | null): Promise<void> {
    const failures = await this.repository.countFailure(subscription.id, this.iso());
    if (failures < this.disableAfter) return;
    const disabled = await this.repository.disableIfEnabled(subscription.id, this.iso());
    // Only the attempt that turned it off tells the owners, through a job of its own so a mail
    // relay that is down delays the notice instead of losing it.
    if (!disabled) return;
    await this.deps.jobs.enqueue(
      "webhooks.disabled-mail",
      { subscriptionId: disabled.id, failures, lastError },
      { dedupeKey: `webhook-disabled:${disabled.id}:${disabled.disabled_at}` },
    );
  }

  private async mailOwners(notice: { subscriptionId: number; failures: number; lastError: string | null }) {
    const subscription = await this.repository.findSubscription(notice.subscriptionId);
    // Turned on again or deleted meanwhile: the notice would only confuse.
    if (!subscription || subscription.enabled === 1) return;
    for (const owner of await this.deps.owners()) {
      await this.deps.mailer.send(
        webhookDisabledEmail({
          to: owner.email,
          site: this.options.site,
          url: subscription.url,
          failures: notice.failures,
          lastError: notice.lastError,
          adminUrl: this.options.adminUrl,
        }),
      );
    }
  }
}
