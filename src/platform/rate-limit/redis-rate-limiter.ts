import type { Redis } from "ioredis";
import { MemoryRateLimiter, type RateDecision, type RateLimiter } from "./rate-limiter.js";

// One round trip: count the hit, start the window's clock on its first hit, report both.
const HIT_SCRIPT = `
local count = redis.call("INCR", KEYS[1])
if count == 1 then redis.call("PEXPIRE", KEYS[1], ARGV[1]) end
local ttl = redis.call("PTTL", KEYS[1])
if ttl < 0 then redis.call("PEXPIRE", KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
`;

/**
 * Fixed-window counters in Redis, shared by every web process. While Redis is unreachable each
 * process counts on its own (the embedded limiter) rather than refuse or stall readers' requests.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly fallback: MemoryRateLimiter;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    now: () => Date = () => new Date(),
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.fallback = new MemoryRateLimiter(now);
  }

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateDecision> {
    try {
      const [count, ttlMs] = (await this.redis.eval(
        HIT_SCRIPT,
        1,
        `${this.prefix}:rate:${windowSeconds}:${key}`,
        String(windowSeconds * 1000),
      )) as [number, number];
      if (count <= limit) return { allowed: true, retryAfterSeconds: 0 };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)) };
    } catch (error) {
      this.onError(error);
      return this.fallback.hit(key, limit, windowSeconds);
    }
  }
}
