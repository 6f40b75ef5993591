import { describe, expect, it } from "vitest";
import { BURST, blockedUntil, INTERVAL_MS, MESSAGES_PER_MINUTE, takeSlot } from "./channel-rate.js";

function burst(from: number, now: number): { sent: number; tat: number; waitMs: number } {
  let tat = from;
  let sent = 0;
  for (;;) {
    const decision = takeSlot(tat, now);
    if (!decision.allowed) return { sent, tat, waitMs: decision.waitMs };
    tat = decision.nextTat;
    sent++;
  }
}

describe("channel send allowance", () => {
  it("lets a burst go at once, then asks the next message to wait one interval", () => {
    const now = 1_000_000;
    const result = burst(0, now);
    expect(result.sent).toBe(BURST);
    expect(result.waitMs).toBe(INTERVAL_MS);
  });

  it("never lets more than 20 go in any minute, however the messages come", () => {
    let tat = 0;
    const sentAt: number[] = [];
    for (let now = 0; now < 5 * 60_000; now += now % 7 === 0 ? 250 : 100) {
      const decision = takeSlot(tat, now);
      if (decision.allowed) {
        tat = decision.nextTat;
        sentAt.push(now);
      }
    }
    for (const start of sentAt) {
      expect(sentAt.filter((t) => t >= start && t < start + 60_000).length).toBeLessThanOrEqual(MESSAGES_PER_MINUTE);
    }
    // The window is used in full, not left half empty.
    expect(sentAt.filter((t) => t < 60_000).length).toBe(MESSAGES_PER_MINUTE);
  });

  it("holds every message back until Telegram's retry_after has passed", () => {
    const now = 5_000_000;
    const tat = blockedUntil(now, now, 30);
    const decision = takeSlot(tat, now);
    expect(decision).toEqual({ allowed: false, waitMs: 30_000 });
    expect(takeSlot(tat, now + 30_000).allowed).toBe(true);
  });
});
