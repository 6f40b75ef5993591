import { describe, expect, it } from "vitest";
import { throttleContract } from "./login-throttle.contract.js";
import { backoffSeconds, LOGIN_THROTTLE_RULES, MemoryLoginThrottle } from "./login-throttle.js";

describe("login throttle", () => {
  it("waits nothing for the first five failures, then 2, 4, 8… seconds, capped at 15 minutes", () => {
    expect([0, 1, 4].map((n) => backoffSeconds(n))).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8].map((n) => backoffSeconds(n))).toEqual([2, 4, 8, 16]);
    expect(backoffSeconds(13)).toBe(512);
    expect(backoffSeconds(14)).toBe(900);
    expect(backoffSeconds(40)).toBe(900);
  });

  function throttleAt(start: string) {
    let now = Date.parse(start);
    // One set of rules for every key, to test the counting itself.
    const throttle = new MemoryLoginThrottle(() => new Date(now), LOGIN_THROTTLE_RULES);
    return { throttle, advance: (seconds: number) => (now += seconds * 1000) };
  }

  it("blocks a key after five failures and counts the wait down", async () => {
    const { throttle, advance } = throttleAt("2026-05-04T09:00:00Z");
    for (let i = 0; i < 5; i++) {
      expect(await throttle.retryAfterSeconds(["account:a"])).toBe(0);
      await throttle.recordFailure(["account:a", "ip:1"]);
    }
    expect(await throttle.retryAfterSeconds(["account:a"])).toBe(2);
    expect(await throttle.retryAfterSeconds(["account:b", "ip:1"])).toBe(2);
    expect(await throttle.retryAfterSeconds(["account:b", "ip:2"])).toBe(0);
    advance(1.5);
    expect(await throttle.retryAfterSeconds(["account:a"])).toBe(1);
    advance(0.5);
    expect(await throttle.retryAfterSeconds(["account:a"])).toBe(0);
  });

  it("forgets failures after 15 quiet minutes, not sooner", async () => {
    const { throttle, advance } = throttleAt("2026-05-04T09:00:00Z");
    for (let i = 0; i < 4; i++) await throttle.recordFailure(["account:a"]);
    advance(14 * 60);
    await throttle.recordFailure(["account:a"]);
    expect(await throttle.retryAfterSeconds(["account:a"])).toBe(2);
    advance(2 + 15 * 60 + 1);
    await throttle.recordFailure(["account:a"]);
    expect(await throttle.retryAfterSeconds(["account:a"])).toBe(0);
  });

  it("keeps the longest wait in force across its cap", async () => {
    const { throttle, advance } = throttleAt("2026-05-04T09:00:00Z");
    for (let i = 0; i < 20; i++) await throttle.recordFailure(["ip:1"]);
    expect(await throttle.retryAfterSeconds(["ip:1"])).toBe(900);
    advance(900);
    await throttle.recordFailure(["ip:1"]);
    expect(await throttle.retryAfterSeconds(["ip:1"])).toBe(900);
  });

  it("clears one key without touching the others", async () => {
    const { throttle } = throttleAt("2026-05-04T09:00:00Z");
    for (let i = 0; i < 5; i++) await throttle.recordFailure(["account:a", "ip:1"]);
    await throttle.clear("account:a");
    expect(await throttle.retryAfterSeconds(["account:a"])).toBe(0);
    expect(await throttle.retryAfterSeconds(["ip:1"])).toBe(2);
  });
});

describe("login throttle in memory, with the sign-in rules", () => {
  throttleContract(async (now) => new MemoryLoginThrottle(now));
});
