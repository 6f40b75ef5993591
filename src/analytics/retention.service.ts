import type { JobQueue } from "../platform/jobs/job-queue.js";
import type { StatsRepository } from "./stats.repository.js";
import { hourOf } from "./time-buckets.js";

declare module "../platform/jobs/job-queue.js" {
  interface JobPayloads {
    /** The hourly prune of reader counts past their keep; `hour` (ISO-8601 UTC) names the run. */
    "analytics.prune": { hour: string };
  }
}

const HOUR_MS = 3_600_000;
const MINUTE_ROWS_KEPT_MS = 48 * HOUR_MS;

/**
 * Keeps reader counts no longer than promised: minute rows 48 hours, hourly rows
 * ANALYTICS_RETENTION_DAYS. Hourly, since minute rows pile up fastest; deleting is idempotent, and
 * each run queues the next under a key per hour, so a restart or a second worker makes no second chain.
 */
export class AnalyticsRetention {
  private readonly now: () => Date;

  constructor(
    private readonly repository: StatsRepository,
    private readonly options: { retentionDays: number; jobs: JobQueue; now?: () => Date },
  ) {
    this.now = options.now ?? (() => new Date());
    options.jobs.register("analytics.prune", (payload) => this.runPrune(payload.hour));
  }

  /** Deletes what is past its keep; returns how many rows went. Running it again deletes nothing more. */
  prune(): Promise<number> {
    const now = this.now().getTime();
    return this.repository.deleteBefore(
      new Date(now - MINUTE_ROWS_KEPT_MS).toISOString(),
      new Date(now - this.options.retentionDays * 24 * HOUR_MS).toISOString(),
    );
  }

  /** Queues this hour's prune (at boot in worker processes). */
  async schedulePrune(): Promise<void> {
    const hour = hourOf(this.now());
    await this.options.jobs.enqueue("analytics.prune", { hour }, { dedupeKey: `analytics.prune:${hour}` });
  }

  private async runPrune(hour: string): Promise<void> {
    await this.prune();
    const next = new Date(Date.parse(hour) + HOUR_MS);
    await this.options.jobs.enqueue(
      "analytics.prune",
      { hour: next.toISOString() },
      { runAt: next, dedupeKey: `analytics.prune:${next.toISOString()}` },
    );
  }
}
