import type { DepthStep, TimeBucket } from "./beacon-payload.js";
import type { DeviceClass, TrafficSource } from "./traffic-source.js";

export interface ViewKey {
  /** ISO-8601 UTC, truncated to the minute. */
  minute: string;
  edition: string;
  articleId: number;
  source: TrafficSource;
  referrer: string;
  device: DeviceClass;
}

export interface EngagementKey {
  /** ISO-8601 UTC, truncated to the hour. */
  hour: string;
  edition: string;
  articleId: number;
  depth: DepthStep;
  timeBucket: TimeBucket;
}

// Tabs cannot occur in any part: editions are known codes, referrers are host names, the rest enums.
const SEP = "\t";

export function viewField(key: ViewKey): string {
  return ["v", key.minute, key.edition, key.articleId, key.source, key.referrer, key.device].join(SEP);
}

export function engagementField(key: EngagementKey): string {
  return ["e", key.hour, key.edition, key.articleId, key.depth, key.timeBucket].join(SEP);
}

export type CounterEntry =
  | { kind: "view"; key: ViewKey; count: number }
  | { kind: "engage"; key: EngagementKey; count: number };

/** The key back from its field (a Redis hash field or a map key); undefined for a field of no known shape. */
export function entryOf(field: string, count: number): CounterEntry | undefined {
  const parts = field.split(SEP);
  if (parts[0] === "v" && parts.length === 7) {
    const [, minute, edition, articleId, source, referrer, device] = parts as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    return {
      kind: "view",
      key: {
        minute,
        edition,
        articleId: Number(articleId),
        source: source as TrafficSource,
        referrer,
        device: device as DeviceClass,
      },
      count,
    };
  }
  if (parts[0] === "e" && parts.length === 6) {
    const [, hour, edition, articleId, depth, timeBucket] = parts as [string, string, string, string, string, string];
    return {
      kind: "engage",
      key: {
        hour,
        edition,
        articleId: Number(articleId),
        depth: Number(depth) as DepthStep,
        timeBucket: timeBucket as TimeBucket,
      },
      count,
    };
  }
  return undefined;
}

/**
 * Counts held in memory between two flushes, one number per distinct key. Bounded: once it holds
 * `maxKeys` keys a new key is dropped (counted in `dropped`), so a database outage or a flood of
 * made-up referrers cannot grow the process without end; known keys still count.
 */
export class CounterBatch {
  private readonly counts = new Map<string, number>();
  dropped = 0;

  constructor(private readonly maxKeys: number) {}

  get size(): number {
    return this.counts.size;
  }

  add(field: string, count = 1): void {
    const had = this.counts.get(field);
    if (had !== undefined) {
      this.counts.set(field, had + count);
    } else if (this.counts.size < this.maxKeys) {
      this.counts.set(field, count);
    } else {
      this.dropped += count;
    }
  }

  /** Adds another batch's counts (the ones a failed flush hands back), within the same bound. */
  merge(other: CounterBatch): void {
    for (const [field, count] of other.counts) this.add(field, count);
    this.dropped += other.dropped;
  }

  fields(): IterableIterator<[string, number]> {
    return this.counts.entries();
  }

  entries(): CounterEntry[] {
    return [...this.counts].flatMap(([field, count]) => {
      const entry = entryOf(field, count);
      return entry ? [entry] : [];
    });
  }
}
