/**
 * Telegram lets a bot post about 20 messages a minute to one channel. The allowance is a generic
 * cell rate algorithm (a token bucket kept as one timestamp, the "theoretical arrival time"), so it
 * fits in one column and one compare-and-swap. A bucket of 20 refilled at 20 a minute would let 39
 * through in a minute (a full bucket, then the refill); a burst of 11 and then one message every
 * 6 seconds never passes 20 in any 60 seconds, and still lets a busy news hour out at once.
 */
export const MESSAGES_PER_MINUTE = 20;
export const BURST = 11;
export const INTERVAL_MS = 60_000 / (MESSAGES_PER_MINUTE - BURST + 1);
const TOLERANCE_MS = (BURST - 1) * INTERVAL_MS;

export type RateDecision = { allowed: true; nextTat: number } | { allowed: false; waitMs: number };

/** Whether one more message may go at `now`, given the stored arrival time `tat` (ms). */
export function takeSlot(tat: number, now: number): RateDecision {
  const start = Math.max(tat, now);
  const waitMs = start - now - TOLERANCE_MS;
  if (waitMs > 0) return { allowed: false, waitMs };
  return { allowed: true, nextTat: start + INTERVAL_MS };
}

/** The arrival time after Telegram said "retry after N seconds": nothing goes before then. */
export function blockedUntil(tat: number, now: number, retryAfterSeconds: number): number {
  return Math.max(tat, now + retryAfterSeconds * 1000 + TOLERANCE_MS);
}
