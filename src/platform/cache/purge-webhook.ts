import type { JobQueue } from "../jobs/job-queue.js";
import type { PageCache } from "./page-cache.js";

declare module "../jobs/job-queue.js" {
  interface JobPayloads {
    "platform.cdn-purge": { keys: string[] };
  }
}

export interface PurgeWebhookOptions {
  url: string;
  /** Sent as `Authorization: Bearer …` when set. */
  secret: string | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

// Cloudflare accepts at most 30 tags per purge call; Fastly more, so the smaller bound serves both.
const KEYS_PER_CALL = 30;

/**
 * Tells a CDN which surrogate keys were purged, so its copies go when ours do. Each batch is a
 * durable job: a CDN that is down is called again with backoff, and a restart loses nothing.
 * The call is a POST with `{"tags": [...]}` (Cloudflare's purge-by-tag body) and the keys in a
 * `Surrogate-Key` header (Fastly's batch purge), so either API, or a small relay, can take it.
 */
export class PurgeWebhook {
  private readonly fetch: typeof fetch;

  constructor(
    private readonly jobs: JobQueue,
    private readonly options: PurgeWebhookOptions,
  ) {
    this.fetch = options.fetch ?? fetch;
    jobs.register("platform.cdn-purge", async ({ keys }) => this.send(keys));
  }

  /** Queues a call for every purge that starts in this process (relayed purges were sent by their origin). */
  watch(cache: PageCache, onError: (error: unknown) => void): void {
    cache.onPurge((keys, origin) => {
      if (origin !== "local") return;
      for (let i = 0; i < keys.length; i += KEYS_PER_CALL) {
        this.jobs.enqueue("platform.cdn-purge", { keys: keys.slice(i, i + KEYS_PER_CALL) }).catch(onError);
      }
    });
  }

  async send(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const response = await this.fetch(this.options.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "surrogate-key": keys.join(" "),
        ...(this.options.secret ? { authorization: `Bearer ${this.options.secret}` } : {}),
      },
      body: JSON.stringify({ tags: keys }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    // Drained so the connection can be reused; the body says nothing we act on.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new Error(`The purge webhook answered HTTP ${response.status}`);
  }
}
