import { describe, expect, it } from "vitest";
import { MemoryRateLimiter } from "./rate-limiter.js";

describe("MemoryRateLimiter", () => {
  it("allows hits up to the limit and refuses the next with the time left", async () => {
    let now = new Date("2026-11-29T12:00:00Z");
    const limiter = new MemoryRateLimiter(() => now);
    for (let i = 0; i < 3; i++) expect((await limiter.hit("ip:1", 3, 60)).allowed).toBe(true);
    now = new Date("2026-11-29T12:00:20Z");
    expect(await limiter.hit("ip:1", 3, 60)).toEqual({ allowed: false, retryAfterSeconds: 40 });
  });

  it("starts counting again when the window has passed", async () => {
    let now = new Date("2026-11-29T12:00:00Z");
    const limiter = new MemoryRateLimiter(() => now);
    await limiter.hit("ip:1", 1, 60);
    expect((await limiter.hit("ip:1", 1, 60)).allowed).toBe(false);
    now = new Date("2026-11-29T12:01:00Z");
    expect((await limiter.hit("ip:1", 1, 60)).allowed).toBe(true);
  });

  it("counts keys separately", async () => {
    const limiter = new MemoryRateLimiter();
    await limiter.hit("ip:1", 1, 60);
    expect((await limiter.hit("ip:2", 1, 60)).allowed).toBe(true);
  });
});
