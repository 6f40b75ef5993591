import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { PageCache, PurgeMode } from "./page-cache.js";

interface PurgeMessage {
  from: string;
  keys: string[];
  mode: PurgeMode;
}

function parseMessage(raw: string): PurgeMessage | undefined {
  try {
    const message = JSON.parse(raw) as Partial<PurgeMessage>;
    if (typeof message.from !== "string" || !Array.isArray(message.keys)) return undefined;
    return {
      from: message.from,
      keys: message.keys.filter((key): key is string => typeof key === "string"),
      // A message without a mode (from a process of an older version) is taken as hard: dropping
      // a page is always safe, serving it stale may not be.
      mode: message.mode === "soft" ? "soft" : "hard",
    };
  } catch {
    return undefined;
  }
}

/**
 * Relays page-cache purges between processes over Redis pub/sub, so a change saved through one
 * web process is not served stale by another (beyond a soft purge's few seconds; a hard purge,
 * such as an unpublish, drops the page everywhere). Pub/sub keeps nothing for a subscriber that is
 * away, so a process that lost its subscription drops its whole cache when it is back: pages
 * are rendered again rather than risk one that a missed purge should have removed.
 */
export class PurgeBroadcast {
  private readonly id = randomUUID();
  private subscribed = false;
  private closed = false;
  /** Cluster-wide purges received from other processes, for tests and metrics. */
  received = 0;

  constructor(
    private readonly cache: PageCache,
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly channel: string,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    cache.onPurge((keys, origin, mode) => {
      if (origin !== "local" || this.closed || keys.length === 0) return;
      const message: PurgeMessage = { from: this.id, keys: [...keys], mode };
      this.publisher.publish(this.channel, JSON.stringify(message)).catch(this.onError);
    });
    subscriber.on("message", (channel: string, raw: string) => {
      if (channel !== this.channel) return;
      const message = parseMessage(raw);
      if (!message || message.from === this.id) return;
      this.received++;
      this.cache.purge(message.keys, { origin: "remote", mode: message.mode });
    });
    // ioredis re-subscribes after a reconnect; purges published meanwhile were not delivered.
    subscriber.on("ready", () => {
      if (this.subscribed) this.cache.clear();
    });
  }

  /** Resolves once this process hears other processes' purges. */
  async start(): Promise<void> {
    await this.subscriber.subscribe(this.channel);
    this.subscribed = true;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.subscriber.status === "ready") await this.subscriber.unsubscribe(this.channel).catch(() => undefined);
  }
}
