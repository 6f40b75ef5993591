import type { Redis } from "ioredis";
import {
  backoffSeconds,
  type LoginThrottle,
  loginThrottleRules,
  MemoryLoginThrottle,
  rulesFor,
  type ThrottleRules,
  type ThrottleRulesFor,
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
  private readonly rules: ThrottleRulesFor;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly now: () => Date = () => new Date(),
    rules: ThrottleRules | ThrottleRulesFor = loginThrottleRules,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.rules = rulesFor(rules);
    this.fallback = new MemoryLoginThrottle(now, this.rules);
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
        const until = Number(last) + backoffSeconds(Number(failures), this.rules(key)) * 1000;
        wait = Math.max(wait, Math.ceil((until - now) / 1000));
      }
      return wait;
    } catch (error) {
      this.onError(error);
      return this.fallback.retryAfterSeconds(keys);
    }
  }

  async recordFailure(keys: readonly string[]): Promise<number[]> {
    try {
      const now = this.now().getTime();
      const counts: number[] = [];
      for (const key of keys) {
        const failures = Number(await this.redis.eval(FAILURE_SCRIPT, 1, this.key(key), String(now)));
        const rules = this.rules(key);
        await this.redis.expire(this.key(key), backoffSeconds(failures, rules) + rules.windowSeconds);
        counts.push(failures);
      }
      return counts;
    } catch (error) {
      this.onError(error);
      return this.fallback.recordFailure(keys);
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
