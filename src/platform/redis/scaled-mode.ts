import type { Redis } from "ioredis";
import type { PageCache } from "../cache/page-cache.js";
import { PurgeBroadcast } from "../cache/purge-broadcast.js";
import { BullJobEngine } from "../jobs/bullmq-engine.js";
import { closeRedis, connectRedis, pingRedis, untilReady } from "./redis.js";

export interface ScaledModeOptions {
  url: string;
  prefix: string;
  /** A job's lock; a killed worker's job is handed out again after about this long. */
  lockMs: number;
  onError?: (error: unknown) => void;
}

/**
 * The Redis side of one process in scaled mode: a connection for request-path counters, the
 * job engine, and the purge relay. Opening it waits for Redis, so a process does not start
 * serving with its purges unheard.
 */
export class ScaledMode {
  readonly commands: Redis;
  private broadcast: PurgeBroadcast | undefined;
  private readonly relayConnections: Redis[] = [];

  private constructor(private readonly options: ScaledModeOptions) {
    this.commands = connectRedis(options.url, "commands", "commands");
  }

  static async open(options: ScaledModeOptions, timeoutMs = 10_000): Promise<ScaledMode> {
    const mode = new ScaledMode(options);
    try {
      await untilReady(mode.commands, timeoutMs);
    } catch (error) {
      await mode.close();
      throw error;
    }
    return mode;
  }

  get prefix(): string {
    return this.options.prefix;
  }

  jobEngine(): BullJobEngine {
    return new BullJobEngine({
      connect: (name) => connectRedis(this.options.url, "queue", name),
      prefix: this.options.prefix,
      lockMs: this.options.lockMs,
    });
  }

  /** Relays this cache's purges to every other process, and theirs to it. */
  async relayPurges(cache: PageCache): Promise<void> {
    const publisher = connectRedis(this.options.url, "queue", "purge-publisher");
    const subscriber = connectRedis(this.options.url, "subscriber", "purge-subscriber");
    this.relayConnections.push(publisher, subscriber);
    this.broadcast = new PurgeBroadcast(
      cache,
      publisher,
      subscriber,
      `${this.options.prefix}:purge`,
      this.options.onError,
    );
    await this.broadcast.start();
  }

  ping(): Promise<void> {
    return pingRedis(this.commands);
  }

  async close(): Promise<void> {
    await this.broadcast?.close();
    await Promise.all([this.commands, ...this.relayConnections].map((redis) => closeRedis(redis)));
  }
}
