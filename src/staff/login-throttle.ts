/**
 * Slows down password guessing. Keys name what is throttled; their kind (the part before the
 * first ":") chooses the rules (see `loginThrottleRules`). Async so the scaled mode can keep the
 * counters in Redis, shared by every web process.
 */
export interface LoginThrottle {
  /** Seconds until an attempt under all of these keys is allowed again; 0 when it is allowed now. */
  retryAfterSeconds(keys: readonly string[]): Promise<number>;
  /** Counts a failure under each key; answers each key's failures in a row, this one included. */
  recordFailure(keys: readonly string[]): Promise<number[]>;
  clear(key: string): Promise<void>;
}

export interface ThrottleRules {
  /** Failures allowed before attempts must wait. */
  freeFailures: number;
  /** Counting starts over after this long without a failure (beyond any wait in force). */
  windowSeconds: number;
  maxDelaySeconds: number;
}

/** The rules of a key that has no rules of its own (one account from one address, reset mail…). */
export const LOGIN_THROTTLE_RULES: ThrottleRules = {
  freeFailures: 5,
  windowSeconds: 15 * 60,
  maxDelaySeconds: 15 * 60,
};

/**
 * The kinds of key sign-in uses:
 * - `pair:<account>|<ip>`: one account from one address. The usual guesser hits this first, and
 *   it leaves the account usable from everywhere else.
 * - `account:<account>`: one account from anywhere, with a higher ceiling, so guessing through
 *   many addresses is slowed too without one address locking the member out.
 * - `spray:<ip>`: how many different accounts failed from one address (counted once per account
 *   per window). Past the ceiling the address is throttled for every account.
 */
export const LOGIN_THROTTLE_KINDS: Readonly<Record<string, ThrottleRules>> = {
  account: { ...LOGIN_THROTTLE_RULES, freeFailures: 20 },
  spray: { ...LOGIN_THROTTLE_RULES, freeFailures: 10 },
};

export type ThrottleRulesFor = (key: string) => ThrottleRules;

export function loginThrottleRules(key: string): ThrottleRules {
  return LOGIN_THROTTLE_KINDS[key.slice(0, key.indexOf(":"))] ?? LOGIN_THROTTLE_RULES;
}

export function rulesFor(rules: ThrottleRules | ThrottleRulesFor): ThrottleRulesFor {
  return typeof rules === "function" ? rules : () => rules;
}

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
  private readonly rules: ThrottleRulesFor;

  constructor(
    private readonly now: () => Date = () => new Date(),
    rules: ThrottleRules | ThrottleRulesFor = loginThrottleRules,
  ) {
    this.rules = rulesFor(rules);
  }

  async retryAfterSeconds(keys: readonly string[]): Promise<number> {
    const now = this.now().getTime();
    let wait = 0;
    for (const key of keys) {
      const entry = this.live(key, now);
      if (!entry) continue;
      const until = entry.lastFailureAt + backoffSeconds(entry.failures, this.rules(key)) * 1000;
      wait = Math.max(wait, Math.ceil((until - now) / 1000));
    }
    return wait;
  }

  async recordFailure(keys: readonly string[]): Promise<number[]> {
    const now = this.now().getTime();
    const counts = keys.map((key) => {
      const failures = (this.live(key, now)?.failures ?? 0) + 1;
      this.entries.delete(key); // re-inserted last, so the map's order is oldest failure first
      this.entries.set(key, { failures, lastFailureAt: now });
      return failures;
    });
    if (this.entries.size > MAX_KEYS) this.sweep(now);
    return counts;
  }

  async clear(key: string): Promise<void> {
    this.entries.delete(key);
  }

  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.stale(key, entry, now)) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private stale(key: string, entry: Entry, now: number): boolean {
    const rules = this.rules(key);
    const quietFor = (backoffSeconds(entry.failures, rules) + rules.windowSeconds) * 1000;
    return now - entry.lastFailureAt > quietFor;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.entries) {
      if (this.stale(key, entry, now)) this.entries.delete(key);
    }
    // A flood of distinct addresses must not grow memory without bound: forget the oldest.
    for (const key of this.entries.keys()) {
      if (this.entries.size <= MAX_KEYS) break;
      this.entries.delete(key);
    }
  }
}
