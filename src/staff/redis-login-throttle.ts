import type { Redis } from "ioredis";
import {
  backoffSeconds,
  LOGIN_THROTTLE_RULES,
  type LoginThrottle,
  MemoryLoginThrottle,
  type ThrottleRules,
} from "./login-throttle.js";

// Counts a failure and stamps its time in one step; the caller sets the expiry it implies.
const FAILURE_SCRIPT = `
local failures = redis.call("HINCRBY", KEYS[1], "failures", 1)
redis.call("HSET", KEYS[1], "last", ARGV[1])
return failures
`;

/**
 * The login throttle's counters in Redis, so guessing passwords through many web processes is
 * as slow as through one. An entry expires when the memory throttle would call it stale. While
 * Redis is unreachable, each process throttles on its own.
 */
export class RedisLoginThrottle implements LoginThrottle {
  private readonly fallback: MemoryLoginThrottle;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly now: () => Date = () => new Date(),
    private readonly rules: ThrottleRules = LOGIN_THROTTLE_RULES,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.fallback = new MemoryLoginThrottle(now, rules);
  }

  private key(key: string): string {
    return `${this.prefix}:login:${key}`;
  }

  async retryAfterSeconds(keys: readonly string[]): Promise<number> {
    try {
      const now = this.now().getTime();
      let wait = 0;
      for (const key of keys) {
        const [failures, last] = await this.redis.hmget(this.key(key), "failures", "last");
        if (!failures || !last) continue;
        const until = Number(last) + backoffSeconds(Number(failures), this.rules) * 1000;
        wait = Math.max(wait, Math.ceil((until - now) / 1000));
      }
      return wait;
    } catch (error) {
      this.onError(error);
      return this.fallback.retryAfterSeconds(keys);
    }
  }

  async recordFailure(keys: readonly string[]): Promise<void> {
    try {
      const now = this.now().getTime();
      for (const key of keys) {
        const failures = (await this.redis.eval(FAILURE_SCRIPT, 1, this.key(key), String(now))) as number;
        const keepSeconds = backoffSeconds(failures, this.rules) + this.rules.windowSeconds;
        await this.redis.expire(this.key(key), keepSeconds);
      }
    } catch (error) {
      this.onError(error);
      await this.fallback.recordFailure(keys);
    }
  }

  async clear(key: string): Promise<void> {
    await this.fallback.clear(key);
    try {
      await this.redis.del(this.key(key));
    } catch (error) {
      this.onError(error);
    }
  }
}
