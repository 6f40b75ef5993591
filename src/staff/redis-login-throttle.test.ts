import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestRedis, TEST_REDIS_URL, type TestRedis } from "../../test/harness.js";
import { closeRedis, connectRedis } from "../platform/redis/redis.js";
import { throttleContract } from "./login-throttle.contract.js";
import { LOGIN_THROTTLE_RULES } from "./login-throttle.js";
import { RedisLoginThrottle } from "./redis-login-throttle.js";

describe.skipIf(!TEST_REDIS_URL)("login throttle shared in Redis", () => {
  let redis: TestRedis;
  let clock: Date;
  const now = () => clock;
  beforeEach(() => {
    redis = createTestRedis();
    clock = new Date("2026-03-01T10:00:00Z");
  });
  afterEach(async () => {
    await redis.cleanup();
  });

  it("makes a guesser wait after the free failures, whichever process they hit", async () => {
    const a = new RedisLoginThrottle(await redis.connectReady("commands"), redis.prefix, now);
    const b = new RedisLoginThrottle(await redis.connectReady("commands"), redis.prefix, now);
    for (let i = 0; i < LOGIN_THROTTLE_RULES.freeFailures - 1; i++) {
      await (i % 2 === 0 ? a : b).recordFailure(["ip:203.0.113.5", "pair:ed@news.example|203.0.113.5"]);
    }
    expect(await b.retryAfterSeconds(["ip:203.0.113.5"])).toBe(0);
    await a.recordFailure(["ip:203.0.113.5", "pair:ed@news.example|203.0.113.5"]);
    expect(await b.retryAfterSeconds(["ip:203.0.113.5"])).toBe(2);
    clock = new Date(clock.getTime() + 2000);
    expect(await b.retryAfterSeconds(["pair:ed@news.example|203.0.113.5"])).toBe(0);
  });

  it("forgets an account's failures once its owner signs in", async () => {
    const a = new RedisLoginThrottle(await redis.connectReady("commands"), redis.prefix, now);
    const b = new RedisLoginThrottle(await redis.connectReady("commands"), redis.prefix, now);
    for (let i = 0; i < 25; i++) await a.recordFailure(["account:ed@news.example"]);
    expect(await b.retryAfterSeconds(["account:ed@news.example"])).toBeGreaterThan(0);
    await b.clear("account:ed@news.example");
    expect(await a.retryAfterSeconds(["account:ed@news.example"])).toBe(0);
  });
});

describe.skipIf(!TEST_REDIS_URL)("login throttle in Redis, with the sign-in rules", () => {
  let redis: TestRedis;
  beforeEach(() => {
    redis = createTestRedis();
  });
  afterEach(async () => {
    await redis.cleanup();
  });
  throttleContract(async (now) => new RedisLoginThrottle(await redis.connectReady("commands"), redis.prefix, now));
});

describe("login throttle while Redis is unreachable", () => {
  it("still slows a guesser down, in this process", async () => {
    const unreachable = connectRedis("redis://127.0.0.1:1", "commands", "test-unreachable");
    const throttle = new RedisLoginThrottle(unreachable, "t");
    try {
      for (let i = 0; i < LOGIN_THROTTLE_RULES.freeFailures; i++) await throttle.recordFailure(["ip:a"]);
      expect(await throttle.retryAfterSeconds(["ip:a"])).toBeGreaterThan(0);
    } finally {
      await closeRedis(unreachable);
    }
  });
});
