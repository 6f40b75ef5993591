import { isbot } from "isbot";
import { type Beacon, parseBeacon, timeBucketOf } from "./beacon-payload.js";
import { CounterBatch, engagementField, viewField } from "./counter-batch.js";
import type { CounterSink } from "./counter-sinks.js";
import { hourOf, minuteOf } from "./time-buckets.js";
import { classifySource } from "./traffic-source.js";

/** What the beacon route passes on of a request's headers; nothing of it is kept. */
export interface BeaconHeaders {
  userAgent: string | undefined;
  /** Sec-GPC */
  gpc: string | undefined;
  /** DNT */
  dnt: string | undefined;
}

/** Distinct counters one process holds between flushes (about 100 bytes each). */
const MAX_KEYS = 100_000;

/**
 * The beacon's hot path (issue #21): checks a beacon, classifies it and adds one to a counter in
 * memory, all synchronously and without I/O, so a reader's page never waits on the database. A
 * timer writes the counters every ANALYTICS_FLUSH_MS; a failed write keeps them for the next
 * flush, within a bound past which new counters are dropped rather than grown.
 */
export class BeaconService {
  private batch = new CounterBatch(MAX_KEYS);
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private readonly now: () => Date;

  constructor(
    private readonly deps: {
      sink: CounterSink;
      editionExists: (code: string) => boolean;
      enabled: boolean;
      flushMs: number;
      onError?: (error: unknown) => void;
      now?: () => Date;
    },
  ) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Distinct counters waiting for the next flush. */
  get pending(): number {
    return this.batch.size;
  }

  /** Counts dropped because the buffer was full (a long database or Redis outage). */
  get dropped(): number {
    return this.batch.dropped;
  }

  /** Whether a request may be counted at all: analytics on, no opt-out signal, a browser's user agent. */
  private accepts(headers: BeaconHeaders): boolean {
    if (!this.deps.enabled) return false;
    if (headers.gpc?.trim() === "1" || headers.dnt?.trim() === "1") return false;
    // A request without a user agent is a script, not a reader's browser.
    if (!headers.userAgent || isbot(headers.userAgent)) return false;
    return true;
  }

  /** A POST /beacon body; anything malformed is dropped without a word. */
  record(body: string, headers: BeaconHeaders): void {
    if (!this.accepts(headers)) return;
    const beacon = parseBeacon(body, this.deps.editionExists);
    if (beacon) this.count(beacon);
  }

  /** The no-JS pixel: a view with no source information and an unknown device. */
  recordPixel(edition: string, articleId: number, headers: BeaconHeaders): void {
    if (!this.accepts(headers) || !this.deps.editionExists(edition)) return;
    this.count({ type: "view", edition, articleId, referrer: "", utmSource: "", utmMedium: "", device: "u" });
  }

  private count(beacon: Beacon): void {
    const now = this.now();
    if (beacon.type === "view") {
      this.batch.add(
        viewField({
          minute: minuteOf(now),
          edition: beacon.edition,
          articleId: beacon.articleId,
          source: classifySource(beacon.utmSource, beacon.utmMedium, beacon.referrer),
          referrer: beacon.referrer,
          device: beacon.device,
        }),
      );
    } else {
      this.batch.add(
        engagementField({
          hour: hourOf(now),
          edition: beacon.edition,
          articleId: beacon.articleId,
          depth: beacon.depth,
          timeBucket: timeBucketOf(beacon.seconds),
        }),
      );
    }
  }

  /** Starts the periodic flush (web processes). */
  start(): void {
    if (this.timer || !this.deps.enabled) return;
    this.timer = setInterval(() => {
      this.flush().catch((error: unknown) => this.deps.onError?.(error));
    }, this.deps.flushMs);
    this.timer.unref();
  }

  /** Writes what was counted so far; one flush at a time, a second call waits for the first. */
  flush(): Promise<void> {
    const run = this.flushing.then(() => this.flushOnce());
    this.flushing = run.catch(() => undefined);
    return run;
  }

  private async flushOnce(): Promise<void> {
    const batch = this.batch;
    if (batch.size > 0) {
      this.batch = new CounterBatch(MAX_KEYS);
      this.batch.dropped = batch.dropped;
      batch.dropped = 0;
      try {
        await this.deps.sink.write(batch);
      } catch (error) {
        // Kept for the next flush; what no longer fits is dropped (and counted as such).
        this.batch.merge(batch);
        throw error;
      }
    }
    await this.deps.sink.settle();
  }

  /** Stops the timer and writes what is left (shutdown). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
