import { expect, it } from "vitest";
import type { LoginThrottle } from "./login-throttle.js";

/**
 * What every login throttle does with the sign-in rules, run against the memory and the Redis
 * implementations alike. `make` builds a throttle reading the given clock.
 */
export function throttleContract(make: (now: () => Date) => Promise<LoginThrottle>): void {
  async function at(start: string) {
    let now = Date.parse(start);
    const throttle = await make(() => new Date(now));
    return { throttle, advance: (seconds: number) => (now += seconds * 1000) };
  }

  it("answers each key's failures in a row", async () => {
    const { throttle } = await at("2026-05-04T09:00:00Z");
    expect(await throttle.recordFailure(["pair:a|1", "account:a"])).toEqual([1, 1]);
    expect(await throttle.recordFailure(["pair:a|2", "account:a"])).toEqual([1, 2]);
  });

  it("blocks one account from one address after five failures", async () => {
    const { throttle, advance } = await at("2026-05-04T09:00:00Z");
    for (let i = 0; i < 5; i++) await throttle.recordFailure(["pair:a|1", "account:a"]);
    expect(await throttle.retryAfterSeconds(["pair:a|1", "account:a"])).toBe(2);
    expect(await throttle.retryAfterSeconds(["pair:a|2", "account:a"])).toBe(0);
    advance(2);
    expect(await throttle.retryAfterSeconds(["pair:a|1", "account:a"])).toBe(0);
  });

  it("blocks an account everywhere only after twenty failures", async () => {
    const { throttle } = await at("2026-05-04T09:00:00Z");
    for (let i = 0; i < 19; i++) await throttle.recordFailure(["account:a"]);
    expect(await throttle.retryAfterSeconds(["account:a"])).toBe(0);
    await throttle.recordFailure(["account:a"]);
    expect(await throttle.retryAfterSeconds(["account:a"])).toBe(2);
  });

  it("blocks an address after ten accounts failed from it", async () => {
    const { throttle } = await at("2026-05-04T09:00:00Z");
    for (let i = 0; i < 9; i++) await throttle.recordFailure(["spray:1"]);
    expect(await throttle.retryAfterSeconds(["spray:1"])).toBe(0);
    await throttle.recordFailure(["spray:1"]);
    expect(await throttle.retryAfterSeconds(["spray:1"])).toBe(2);
    expect(await throttle.retryAfterSeconds(["spray:2"])).toBe(0);
  });

  // Forgetting after a quiet window is tested on the memory throttle alone: Redis expires keys by its own clock.
  it("clears one key alone", async () => {
    const { throttle } = await at("2026-05-04T09:00:00Z");
    for (let i = 0; i < 5; i++) await throttle.recordFailure(["pair:a|1", "pair:b|1"]);
    await throttle.clear("pair:a|1");
    expect(await throttle.retryAfterSeconds(["pair:a|1"])).toBe(0);
    expect(await throttle.retryAfterSeconds(["pair:b|1"])).toBe(2);
    expect(await throttle.recordFailure(["pair:a|1"])).toEqual([1]);
  });
}
