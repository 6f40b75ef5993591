import type { Redis } from "ioredis";
import type { Kysely } from "kysely";
import type { AnalyticsConfig } from "../config.js";
import type { DB } from "../platform/db/schema.js";
import type { JobQueue } from "../platform/jobs/job-queue.js";
import { BeaconService } from "./beacon.service.js";
import { ConversionsService } from "./conversions.service.js";
import { DatabaseCounterSink, RedisCounterSink } from "./counter-sinks.js";
import { AnalyticsRetention } from "./retention.service.js";
import { StatsRepository } from "./stats.repository.js";
import { type StatsDeps, StatsService } from "./stats.service.js";

/** First-party, cookieless audience counts (issue #21), one service per seam over one repository. */
export interface AnalyticsServices {
  /** The beacon's hot path and the periodic flush of its counters. */
  beacons: BeaconService;
  /** What the newsroom reads: right now, per article, per section, per author, per newsletter issue. */
  stats: StatsService;
  /** Newsletter link clicks and the sign-ups and donations started from an article. */
  conversions: ConversionsService;
  /** The prune of counters past their keep. */
  retention: AnalyticsRetention;
}

export function createAnalyticsServices(
  db: Kysely<DB>,
  deps: StatsDeps & {
    jobs: JobQueue;
    /** Scaled mode's request-path connection and key prefix; null in the embedded mode. */
    redis: { commands: Redis; prefix: string } | null;
    onError?: (error: unknown) => void;
  },
  config: AnalyticsConfig,
): AnalyticsServices {
  const repository = new StatsRepository(db);
  const clock = deps.now ? { now: deps.now } : {};
  const sink = deps.redis
    ? // The lock outlives a slow move several times over, and a dead holder's lapses within seconds.
      new RedisCounterSink(deps.redis.commands, deps.redis.prefix, repository, Math.max(10_000, config.flushMs * 5))
    : new DatabaseCounterSink(repository);
  return {
    beacons: new BeaconService({
      sink,
      editionExists: deps.editionExists,
      enabled: config.enabled,
      flushMs: config.flushMs,
      ...(deps.onError ? { onError: deps.onError } : {}),
      ...clock,
    }),
    stats: new StatsService(repository, deps),
    conversions: new ConversionsService(repository, clock),
    retention: new AnalyticsRetention(repository, { retentionDays: config.retentionDays, jobs: deps.jobs, ...clock }),
  };
}
