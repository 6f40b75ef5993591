import { createHash } from "node:crypto";
import { AppError } from "../errors.js";
import type { ArticleQueries } from "../newsroom/article-queries.service.js";
import type { EditionsService } from "../newsroom/editions.service.js";
import type { BreakingRaisedEvent } from "../newsroom/newsroom.events.js";
import type { PushSendRow } from "../platform/db/schema.js";
import { translate } from "../platform/i18n/messages.js";
import type { JobQueue } from "../platform/jobs/job-queue.js";
import type { HostResolver } from "../platform/security/private-address.js";
import { isPrivateHost } from "../platform/security/private-address.js";
import { urls } from "../site/urls.js";
import type { PushRepository } from "./push.repository.js";
import type { PushSendView } from "./push.schemas.js";
import type { PushMessage, PushSender } from "./push-sender.js";

declare module "../platform/jobs/job-queue.js" {
  interface JobPayloads {
    /** Sends one send's next slice of subscriptions (those after `afterId`), then queues the slice after it. */
    "push.batch": { sendId: number; afterId: number };
  }
}

/** How many subscriptions one batch job sends to; a crash re-sends at most this many. */
export const PUSH_BATCH_SIZE = 500;
/** Requests in flight at once within a batch: push services answer in tens of milliseconds. */
const CONCURRENCY = 50;
/** Status codes by which a push service says the subscription is gone for good. */
const GONE = new Set([404, 410]);
const TEXT_LIMIT = 240;

export interface SubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface PushDeps {
  repository: PushRepository;
  editions: EditionsService;
  articles: ArticleQueries;
  siteName: (edition: string) => Promise<string>;
  jobs: JobQueue;
  sender: PushSender;
  publicKey: string;
  publicUrl: string;
  /** Accept http endpoints and loopback/private hosts (tests with a local fake push service). */
  allowPrivateEndpoints: boolean;
  resolve?: HostResolver;
  now?: () => Date;
}

/**
 * Web push alerts per edition: readers' browsers subscribe, editors push an article, a raised
 * breaking banner pushes itself. Fan-out runs as a chain of batch jobs, each recorded when done, so
 * a crash resumes at the batch it was in and never starts the whole audience again.
 */
export class PushService {
  private readonly now: () => Date;

  constructor(private readonly deps: PushDeps) {
    this.now = deps.now ?? (() => new Date());
    deps.jobs.register("push.batch", (payload) => this.runBatch(payload.sendId, payload.afterId));
  }

  publicKey(): string {
    return this.deps.publicKey;
  }

  async subscribe(edition: string, input: SubscriptionInput): Promise<void> {
    this.requireEdition(edition);
    await this.checkEndpoint(input.endpoint);
    checkKey(input.keys.p256dh, 65, "p256dh");
    checkKey(input.keys.auth, 16, "auth");
    await this.deps.repository.upsertSubscription({
      edition,
      endpoint: input.endpoint,
      p256dh: input.keys.p256dh,
      auth: input.keys.auth,
      createdAt: this.now().toISOString(),
    });
  }

  /** Forgets a browser's subscription; unknown ones are not an error (the reader's goal is met). */
  async unsubscribe(edition: string, endpoint: string): Promise<void> {
    this.requireEdition(edition);
    await this.deps.repository.deleteSubscription(edition, endpoint);
  }

  async subscriberCounts(): Promise<{ edition: string; subscribers: number }[]> {
    const counts = await this.deps.repository.countByEdition();
    return this.deps.editions.list().map((edition) => ({
      edition: edition.code,
      subscribers: counts.get(edition.code) ?? 0,
    }));
  }

  /** An editor's "Send push" on a published article: once per article. */
  async sendArticle(articleId: number, by: { staffId: number | null; name: string }): Promise<PushSendView> {
    const article = await this.deps.articles.getById(articleId);
    if (article.status !== "published") {
      throw new AppError("invalid_state", "Only a published article can be pushed: publish it first.");
    }
    const edition = this.requireEdition(article.edition_code);
    const send = await this.start({
      edition: edition.code,
      kind: "article",
      articleId,
      title: await this.deps.siteName(edition.code),
      body: clip(article.title),
      url: `${this.originOf(edition.code)}${urls.article(edition.basePath, article.slug)}`,
      createdBy: by.staffId,
      createdByName: by.name,
      createdAt: this.now().toISOString(),
      dedupeKey: `article:${articleId}`,
    });
    return toView(send);
  }

  /**
   * The breaking banner went up: alert the edition. A listener that runs twice (a retried job)
   * finds the send by its key and leaves it be; a banner raised again with new text is new news.
   */
  async sendBreaking(event: BreakingRaisedEvent): Promise<void> {
    const edition = this.deps.editions.byCode(event.edition);
    if (!edition) return;
    const dedupeKey = `breaking:${edition.code}:${createHash("sha256").update(`${event.expiresAt}\n${event.text}`).digest("hex").slice(0, 32)}`;
    if (await this.deps.repository.findSendByKey(dedupeKey)) return;
    const home = edition.homeUrl ?? `${this.deps.publicUrl}${edition.basePath}`;
    const url = event.url ? new URL(event.url, home).toString() : home;
    try {
      await this.start({
        edition: edition.code,
        kind: "breaking",
        articleId: null,
        title: `${translate(edition.language, "article.breaking")} · ${await this.deps.siteName(edition.code)}`,
        body: clip(event.text),
        url,
        createdBy: null,
        createdByName: null,
        createdAt: this.now().toISOString(),
        dedupeKey,
      });
    } catch (error) {
      // Two deliveries of one event racing: the other one sends.
      if (error instanceof AppError && error.code === "conflict") return;
      throw error;
    }
  }

  async getSend(id: number): Promise<PushSendView> {
    const send = await this.deps.repository.findSend(id);
    if (!send) throw new AppError("not_found", "No such push alert.");
    return toView(send);
  }

  async listSends(limit = 50): Promise<PushSendView[]> {
    return (await this.deps.repository.listSends(limit)).map(toView);
  }

  /**
   * One slice of a send. Already recorded (the job ran before and died after recording): only make
   * sure the next slice is queued. Otherwise send, record, queue the next.
   */
  async runBatch(sendId: number, afterId: number): Promise<void> {
    const { repository } = this.deps;
    const send = await repository.findSend(sendId);
    if (!send) return;
    const recorded = await repository.findBatch(sendId, afterId);
    if (recorded) {
      if (send.status !== "done") await this.queueBatch(sendId, recorded.last_id);
      return;
    }
    const targets = await repository.subscriptionsAfter(
      send.edition_code,
      afterId,
      send.last_subscription_id,
      PUSH_BATCH_SIZE,
    );
    const message: PushMessage = { title: send.title, body: send.body, url: send.url, tag: `gazette-${send.id}` };
    let delivered = 0;
    let failed = 0;
    const gone: number[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < targets.length) {
        const target = targets[next++];
        if (!target) break;
        const status = await this.deps.sender.send(target, message);
        if (status >= 200 && status < 300) delivered++;
        else if (GONE.has(status)) gone.push(target.id);
        else failed++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, targets.length) }, worker));
    await repository.deleteSubscriptions(gone);
    const lastId = targets.at(-1)?.id ?? send.last_subscription_id;
    const last = targets.length < PUSH_BATCH_SIZE || lastId >= send.last_subscription_id;
    await repository.recordBatch(
      {
        sendId,
        afterId,
        lastId,
        delivered,
        failed,
        removed: gone.length,
        finishedAt: this.now().toISOString(),
      },
      last,
    );
    if (!last) await this.queueBatch(sendId, lastId);
  }

  private async start(send: Parameters<PushRepository["insertSend"]>[0]): Promise<PushSendRow> {
    const audience = await this.deps.repository.subscriptionStats(send.edition);
    const row = await this.deps.repository.insertSend(send, { total: audience.count, lastId: audience.lastId });
    if (row.status === "sending") await this.queueBatch(row.id, 0);
    return row;
  }

  private async queueBatch(sendId: number, afterId: number): Promise<void> {
    await this.deps.jobs.enqueue("push.batch", { sendId, afterId }, { dedupeKey: `push:${sendId}:${afterId}` });
  }

  private requireEdition(code: string) {
    const edition = this.deps.editions.byCode(code);
    if (!edition) throw new AppError("not_found", `There is no edition "${code}".`);
    return edition;
  }

  private originOf(code: string): string {
    return this.deps.editions.byCode(code)?.origin ?? this.deps.publicUrl;
  }

  /**
   * The server will post to this URL, and a reader's browser is what names it: refuse anything a
   * push service would not be (plain http, loopback, private ranges) so it cannot be aimed inward.
   */
  private async checkEndpoint(endpoint: string): Promise<void> {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new AppError("push_endpoint_refused", "The subscription's endpoint is not a URL.");
    }
    if (this.deps.allowPrivateEndpoints) {
      if (url.protocol !== "https:" && url.protocol !== "http:") {
        throw new AppError("push_endpoint_refused", "The subscription's endpoint must be an http(s) URL.");
      }
      return;
    }
    if (url.protocol !== "https:") {
      throw new AppError("push_endpoint_refused", "The subscription's endpoint must be an https URL.");
    }
    if (await isPrivateHost(url.hostname, this.deps.resolve)) {
      throw new AppError("push_endpoint_refused", "The subscription's endpoint is not a public push service.");
    }
  }
}

function checkKey(value: string, bytes: number, field: string): void {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(value) || Buffer.from(value, "base64url").length !== bytes) {
    throw new AppError("validation_failed", `The subscription's ${field} key is not valid.`, { field });
  }
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= TEXT_LIMIT ? flat : `${flat.slice(0, TEXT_LIMIT - 1)}…`;
}

function toView(send: PushSendRow): PushSendView {
  return {
    id: send.id,
    edition: send.edition_code,
    kind: send.kind,
    articleId: send.article_id,
    title: send.title,
    body: send.body,
    url: send.url,
    createdBy: send.created_by_name,
    createdAt: send.created_at,
    status: send.status,
    total: send.total,
    delivered: send.delivered,
    failed: send.failed,
    removed: send.removed,
    finishedAt: send.finished_at,
  };
}
