import { Redis, type RedisOptions } from "ioredis";

/**
 * What a connection is for decides how it behaves while Redis is away:
 * - `queue`: BullMQ's; commands wait for the reconnect (BullMQ requires `maxRetriesPerRequest: null`).
 * - `commands`: request-path counters; a command fails at once instead of holding a reader's
 *   request, and the caller falls back to its own memory.
 * - `subscriber`: pub/sub; reconnects and re-subscribes by itself.
 */
export type RedisPurpose = "queue" | "commands" | "subscriber";

const PURPOSE_OPTIONS: Record<RedisPurpose, RedisOptions> = {
  queue: { maxRetriesPerRequest: null },
  commands: { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 500 },
  subscriber: { maxRetriesPerRequest: null },
};

/** Opens a connection that keeps trying to reconnect every ≤2 s for as long as the process runs. */
export function connectRedis(url: string, purpose: RedisPurpose, name: string): Redis {
  const redis = new Redis(url, {
    ...PURPOSE_OPTIONS[purpose],
    connectionName: `gazette-${name}`,
    retryStrategy: (times) => Math.min(100 * times, 2000),
  });
  // Without a listener an unreachable server would crash the process; reconnection is automatic.
  redis.on("error", () => {});
  return redis;
}

/** Resolves when Redis answers PING within the time; rejects otherwise (for /readyz). */
export async function pingRedis(redis: Redis, timeoutMs = 1000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Closes a connection, politely if it is up and at once if it is not. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === "ready") {
    await redis.quit().catch(() => redis.disconnect());
  } else {
    redis.disconnect();
  }
}

/** Waits until the connection is usable (a `commands` connection refuses commands before that). */
export async function untilReady(redis: Redis, timeoutMs = 5000): Promise<void> {
  if (redis.status === "ready") return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off("ready", onReady);
      reject(new Error(`Redis was not reachable within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once("ready", onReady);
  });
}
