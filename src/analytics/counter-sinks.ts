import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { type CounterBatch, entryOf } from "./counter-batch.js";
import type { StatsRepository } from "./stats.repository.js";

/** Where a process's counts go at each flush. */
export interface CounterSink {
  /** Adds the batch; throws if none of it was added (the caller keeps it for the next try). */
  write(batch: CounterBatch): Promise<void>;
  /** Moves counts shared by the processes into the database (scaled mode); nothing in the embedded mode. */
  settle(): Promise<void>;
}

/** The embedded mode: each flush is one transaction of upserts. */
export class DatabaseCounterSink implements CounterSink {
  constructor(private readonly repository: StatsRepository) {}

  write(batch: CounterBatch): Promise<void> {
    return this.repository.addCounts(batch.entries());
  }

  async settle(): Promise<void> {}
}

const RENAME_IF_EXISTS =
  "if redis.call('exists', KEYS[1]) == 1 then redis.call('rename', KEYS[1], KEYS[2]) return 1 end return 0";
const RELEASE_LOCK = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

/**
 * Scaled mode: every web process adds its counts to one Redis hash (HINCRBY in a MULTI, so a
 * failed flush added nothing and is retried whole), and whichever process holds the lock moves
 * the hash into the database: renamed aside first, so counts arriving meanwhile start a new one.
 * A hash set aside whose database write failed stays there and is moved first on the next turn.
 */
export class RedisCounterSink implements CounterSink {
  private readonly pending: string;
  private readonly moving: string;
  private readonly lock: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly repository: StatsRepository,
    private readonly lockMs: number,
  ) {
    this.pending = `${prefix}:analytics:pending`;
    this.moving = `${prefix}:analytics:moving`;
    this.lock = `${prefix}:analytics:flush-lock`;
  }

  async write(batch: CounterBatch): Promise<void> {
    if (batch.size === 0) return;
    const multi = this.redis.multi();
    for (const [field, count] of batch.fields()) multi.hincrby(this.pending, field, count);
    const results = await multi.exec();
    if (!results || results.some(([error]) => error)) throw new Error("Redis did not take the analytics counts");
  }

  async settle(): Promise<void> {
    const token = randomUUID();
    if ((await this.redis.set(this.lock, token, "PX", this.lockMs, "NX")) !== "OK") return;
    try {
      if ((await this.redis.exists(this.moving)) === 0) {
        const renamed = await this.redis.eval(RENAME_IF_EXISTS, 2, this.pending, this.moving);
        if (renamed === 0) return;
      }
      const fields = await this.redis.hgetall(this.moving);
      const entries = Object.entries(fields).flatMap(([field, count]) => {
        const entry = entryOf(field, Number(count));
        return entry ? [entry] : [];
      });
      await this.repository.addCounts(entries);
      await this.redis.del(this.moving);
    } finally {
      await this.redis.eval(RELEASE_LOCK, 1, this.lock, token).catch(() => undefined);
    }
  }
}
