import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestRedis, TEST_REDIS_URL, type TestRedis } from "../../../test/harness.js";
import { closeRedis, connectRedis } from "../redis/redis.js";
import { RedisRateLimiter } from "./redis-rate-limiter.js";

describe.skipIf(!TEST_REDIS_URL)("rate limits shared in Redis", () => {
  let redis: TestRedis;
  beforeEach(() => {
    redis = createTestRedis();
  });
  afterEach(async () => {
    await redis.cleanup();
  });

  it("counts hits from every process against one limit", async () => {
    const a = new RedisRateLimiter(await redis.connectReady("commands"), redis.prefix);
    const b = new RedisRateLimiter(await redis.connectReady("commands"), redis.prefix);
    expect(await a.hit("signup:203.0.113.9", 2, 60)).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(await b.hit("signup:203.0.113.9", 2, 60)).toEqual({ allowed: true, retryAfterSeconds: 0 });
    const third = await a.hit("signup:203.0.113.9", 2, 60);
    expect(third.allowed).toBe(false);
    expect(third.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(third.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await b.hit("signup:198.51.100.1", 2, 60)).allowed).toBe(true);
  });

  it("starts a key over when its window ends", async () => {
    const limiter = new RedisRateLimiter(await redis.connectReady("commands"), redis.prefix);
    expect((await limiter.hit("search:x", 1, 1)).allowed).toBe(true);
    expect((await limiter.hit("search:x", 1, 1)).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await limiter.hit("search:x", 1, 1)).allowed).toBe(true);
  });
});

describe("rate limits while Redis is unreachable", () => {
  it("keeps answering from the process's own counters", async () => {
    // Nothing listens on port 1: every command fails at once.
    const unreachable = connectRedis("redis://127.0.0.1:1", "commands", "test-unreachable");
    const errors: unknown[] = [];
    const limiter = new RedisRateLimiter(unreachable, "t", undefined, (error) => errors.push(error));
    try {
      expect((await limiter.hit("signup:a", 1, 60)).allowed).toBe(true);
      expect((await limiter.hit("signup:a", 1, 60)).allowed).toBe(false);
      expect(errors.length).toBe(2);
    } finally {
      await closeRedis(unreachable);
    }
  });
});
