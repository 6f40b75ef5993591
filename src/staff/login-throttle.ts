/**
 * Slows down password guessing. Keys name what is throttled ("ip:…", "account:…"). Async so the
 * scaled mode can keep the counters in Redis, shared by every web process.
 */
export interface LoginThrottle {
  /** Seconds until an attempt under all of these keys is allowed again; 0 when it is allowed now. */
  retryAfterSeconds(keys: readonly string[]): Promise<number>;
  recordFailure(keys: readonly string[]): Promise<void>;
  clear(key: string): Promise<void>;
}

export interface ThrottleRules {
  /** Failures allowed before attempts must wait. */
  freeFailures: number;
  /** Counting starts over after this long without a failure (beyond any wait in force). */
  windowSeconds: number;
  maxDelaySeconds: number;
}

export const LOGIN_THROTTLE_RULES: ThrottleRules = {
  freeFailures: 5,
  windowSeconds: 15 * 60,
  maxDelaySeconds: 15 * 60,
};

/** The wait after `failures` failures in a row: none up to the free ones, then 2, 4, 8… seconds, capped. */
export function backoffSeconds(failures: number, rules: ThrottleRules = LOGIN_THROTTLE_RULES): number {
  if (failures < rules.freeFailures) return 0;
  return Math.min(2 ** (failures - rules.freeFailures + 1), rules.maxDelaySeconds);
}

interface Entry {
  failures: number;
  lastFailureAt: number;
}

const MAX_KEYS = 50_000;

/** One process's counters, in memory: right for the embedded mode, lost on restart (which is harmless). */
export class MemoryLoginThrottle implements LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => Date = () => new Date(),
    private readonly rules: ThrottleRules = LOGIN_THROTTLE_RULES,
  ) {}

  async retryAfterSeconds(keys: readonly string[]): Promise<number> {
    const now = this.now().getTime();
    let wait = 0;
    for (const key of keys) {
      const entry = this.live(key, now);
      if (!entry) continue;
      const until = entry.lastFailureAt + backoffSeconds(entry.failures, this.rules) * 1000;
      wait = Math.max(wait, Math.ceil((until - now) / 1000));
    }
    return wait;
  }

  async recordFailure(keys: readonly string[]): Promise<void> {
    const now = this.now().getTime();
    for (const key of keys) {
      const failures = (this.live(key, now)?.failures ?? 0) + 1;
      this.entries.delete(key); // re-inserted last, so the map's order is oldest failure first
      this.entries.set(key, { failures, lastFailureAt: now });
    }
    if (this.entries.size > MAX_KEYS) this.sweep(now);
  }

  async clear(key: string): Promise<void> {
    this.entries.delete(key);
  }

  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.stale(entry, now)) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private stale(entry: Entry, now: number): boolean {
    const quietFor = (backoffSeconds(entry.failures, this.rules) + this.rules.windowSeconds) * 1000;
    return now - entry.lastFailureAt > quietFor;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.entries) {
      if (this.stale(entry, now)) this.entries.delete(key);
    }
    // A flood of distinct addresses must not grow memory without bound: forget the oldest.
    for (const key of this.entries.keys()) {
      if (this.entries.size <= MAX_KEYS) break;
      this.entries.delete(key);
    }
  }
}
