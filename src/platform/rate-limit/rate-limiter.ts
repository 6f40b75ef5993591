/** The answer to one counted request. */
export interface RateDecision {
  allowed: boolean;
  /** Seconds until the window under this key starts over; 0 when allowed. */
  retryAfterSeconds: number;
}

/**
 * Counts requests per key in fixed windows (sign-up forms, checkout creation, search). Async so
 * the scaled mode can keep the counters in Redis, shared by every web process.
 */
export interface RateLimiter {
  hit(key: string, limit: number, windowSeconds: number): Promise<RateDecision>;
}

interface Window {
  startedAt: number;
  count: number;
}

const MAX_KEYS = 100_000;

/** One process's counters: right for the embedded mode; a restart forgets them, which is harmless. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateDecision> {
    const now = this.now().getTime();
    const windowMs = windowSeconds * 1000;
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= windowMs) {
      window = { startedAt: now, count: 0 };
      // Re-inserting keeps Map order by last window start, so the oldest are evicted first.
      this.windows.delete(key);
      this.windows.set(key, window);
      this.evict();
    }
    window.count += 1;
    if (window.count <= limit) return { allowed: true, retryAfterSeconds: 0 };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.startedAt + windowMs - now) / 1000)) };
  }

  private evict(): void {
    while (this.windows.size > MAX_KEYS) {
      const oldest = this.windows.keys().next().value;
      if (oldest === undefined) return;
      this.windows.delete(oldest);
    }
  }
}
