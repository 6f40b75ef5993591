import { type Kysely, sql } from "kysely";
import { isUniqueViolation } from "../db/database.js";
import type { DB } from "../db/schema.js";

/**
 * Payload types of every job kind. Capabilities add their kinds by declaration merging:
 *   declare module "../platform/jobs/job-queue.js" { interface JobPayloads { "x.y": { id: number } } }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging
export interface JobPayloads {}
export type JobKind = keyof JobPayloads & string;

export interface JobContext {
  id: number;
  attempt: number;
}

type Handler<K extends JobKind> = (payload: JobPayloads[K], context: JobContext) => Promise<void>;

export interface JobQueueOptions {
  now?: () => Date;
  /** How long a claimed job is reserved; a worker that dies mid-job loses it after this. */
  lockMs?: number;
  pollMs?: number;
  /** Where jobs are kept and claimed; the database table when not given (the embedded mode). */
  engine?: JobEngine;
}

type ErrorListener = (error: unknown, job: { id: number; kind: string }) => void;

export interface EnqueueOptions {
  runAt?: Date;
  dedupeKey?: string;
}

/** One claimed job, handed by an engine to the queue's handlers. */
export interface ClaimedJob {
  id: number;
  kind: string;
  payload: unknown;
  attempt: number;
}

/** Runs a claimed job's handler; throws when the attempt failed. */
export type JobRunner = (job: ClaimedJob) => Promise<void>;

/**
 * Storage and claiming of jobs: the database table (embedded) or BullMQ on Redis (scaled). The
 * queue keeps the handlers and the typed API; an engine only moves jobs through their states.
 */
export interface JobEngine {
  enqueue(kind: string, payload: unknown, options: EnqueueOptions): Promise<void>;
  /** Runs every job due now in this process; returns how many ran. */
  runDue(run: JobRunner): Promise<number>;
  /** Runs due jobs continuously until stopped. */
  start(run: JobRunner, onPollError: (error: unknown) => void): void;
  /** Stops taking jobs and waits for the ones in hand to finish. */
  stop(): Promise<void>;
  /** Jobs waiting to run (due now or later), for the queue-depth metric. */
  depth(): Promise<number>;
  /** Releases connections; after stop(). */
  close(): Promise<void>;
}

const MAX_BACKOFF_MS = 10 * 60_000;

/** The wait before attempt `attempts + 1` of a failed job: 2, 4, 8… seconds, at most ten minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 ** attempts * 1000, MAX_BACKOFF_MS);
}

/**
 * The durable job queue. A job survives a crash: whichever engine holds it, a job whose worker
 * died is handed out again. Handlers must be idempotent, because a job whose worker died after
 * the work but before the acknowledgement runs again.
 */
export class JobQueue {
  private readonly handlers = new Map<string, Handler<JobKind>>();
  private readonly engine: JobEngine;
  private errorListener: ErrorListener | undefined;
  private readonly run: JobRunner = async (job) => {
    const handler = this.handlers.get(job.kind);
    try {
      if (!handler) throw new Error(`No handler for job kind "${job.kind}"`);
      // The payload was written by enqueue() for this kind, so it has the registered type.
      await handler(job.payload as never, { id: job.id, attempt: job.attempt });
    } catch (error) {
      this.errorListener?.(error, { id: job.id, kind: job.kind });
      throw error;
    }
  };

  constructor(db: Kysely<DB>, options: JobQueueOptions = {}) {
    this.engine = options.engine ?? new DatabaseJobEngine(db, options);
  }

  /** Told about every failed attempt (the job itself is retried with backoff). */
  onError(listener: ErrorListener): void {
    this.errorListener = listener;
  }

  register<K extends JobKind>(kind: K, handler: Handler<K>): void {
    this.handlers.set(kind, handler as unknown as Handler<JobKind>);
  }

  /**
   * Adds a job. With a dedupe key, a second enqueue of pending work is a no-op, and finished work
   * under the same key is queued again (a re-scheduled article must publish again).
   */
  async enqueue<K extends JobKind>(
    kind: K,
    payload: JobPayloads[K],
    options: { runAt?: Date; dedupeKey?: string } = {},
  ): Promise<void> {
    await this.engine.enqueue(kind, payload, options);
  }

  /** Runs every job that is due now, one after another; returns how many ran. */
  runDue(): Promise<number> {
    return this.engine.runDue(this.run);
  }

  /** Takes due jobs until stopped. Due jobs left by a previous run (or a crash) run at once. */
  start(): void {
    this.engine.start(this.run, (error) => this.errorListener?.(error, { id: 0, kind: "(poll)" }));
  }

  /** Stops taking jobs and waits for the job in hand to finish. */
  async stop(): Promise<void> {
    await this.engine.stop();
  }

  /** Jobs waiting to run, now or later. */
  depth(): Promise<number> {
    return this.engine.depth();
  }

  /** Stops, then releases the engine's connections (Redis); the database is the caller's. */
  async close(): Promise<void> {
    await this.engine.stop();
    await this.engine.close();
  }
}

/**
 * Jobs in the database (the embedded mode's engine): a job is claimed with a lease, and a lease
 * that runs out makes it due again, so a job whose worker died is taken by the next poll.
 */
export class DatabaseJobEngine implements JobEngine {
  private readonly now: () => Date;
  private readonly lockMs: number;
  private readonly pollMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = true;

  constructor(
    private readonly db: Kysely<DB>,
    options: JobQueueOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.lockMs = options.lockMs ?? 60_000;
    this.pollMs = options.pollMs ?? 1000;
  }

  async enqueue(kind: string, payload: unknown, options: EnqueueOptions): Promise<void> {
    const now = this.now().toISOString();
    const runAt = (options.runAt ?? this.now()).toISOString();
    const row = {
      kind,
      payload: JSON.stringify(payload),
      run_at: runAt,
      status: "pending" as const,
      dedupe_key: options.dedupeKey ?? null,
      created_at: now,
      updated_at: now,
    };
    try {
      await this.db.insertInto("jobs").values(row).execute();
    } catch (error) {
      if (!options.dedupeKey || !isUniqueViolation(error)) throw error;
      await this.db
        .updateTable("jobs")
        .set({ status: "pending", run_at: runAt, payload: row.payload, attempts: 0, last_error: null, updated_at: now })
        .where("dedupe_key", "=", options.dedupeKey)
        .where("status", "in", ["done", "failed"])
        .execute();
    }
  }

  /** Claims one due job, or nothing. Safe with several workers: the claim re-checks its condition. */
  private async claim(): Promise<
    { id: number; kind: string; payload: string; attempts: number; max_attempts: number } | undefined
  > {
    const now = this.now().toISOString();
    const lockedUntil = new Date(this.now().getTime() + this.lockMs).toISOString();
    const due = await this.db
      .selectFrom("jobs")
      .select("id")
      .where((eb) =>
        eb.or([
          eb.and([eb("status", "=", "pending"), eb("run_at", "<=", now)]),
          eb.and([eb("status", "=", "running"), eb("locked_until", "<", now)]),
        ]),
      )
      .orderBy("run_at")
      .orderBy("id")
      .limit(1)
      .executeTakeFirst();
    if (!due) return undefined;
    return this.db
      .updateTable("jobs")
      .set({ status: "running", locked_until: lockedUntil, attempts: sql`attempts + 1`, updated_at: now })
      .where("id", "=", due.id)
      .where((eb) =>
        eb.or([eb("status", "=", "pending"), eb.and([eb("status", "=", "running"), eb("locked_until", "<", now)])]),
      )
      .returning(["id", "kind", "payload", "attempts", "max_attempts"])
      .executeTakeFirst();
  }

  async runDue(run: JobRunner): Promise<number> {
    let ran = 0;
    for (;;) {
      const job = await this.claim();
      if (!job) return ran;
      ran++;
      const finishedAt = () => this.now().toISOString();
      try {
        await run({ id: job.id, kind: job.kind, payload: JSON.parse(job.payload), attempt: job.attempts });
        await this.db
          .updateTable("jobs")
          .set({ status: "done", locked_until: null, last_error: null, updated_at: finishedAt() })
          .where("id", "=", job.id)
          .execute();
      } catch (error) {
        const failed = job.attempts >= job.max_attempts;
        const retryAt = new Date(this.now().getTime() + retryDelayMs(job.attempts));
        await this.db
          .updateTable("jobs")
          .set({
            status: failed ? "failed" : "pending",
            run_at: retryAt.toISOString(),
            locked_until: null,
            last_error: error instanceof Error ? error.message.slice(0, 2000) : String(error).slice(0, 2000),
            updated_at: finishedAt(),
          })
          .where("id", "=", job.id)
          .execute();
      }
    }
  }

  start(run: JobRunner, onPollError: (error: unknown) => void): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.runDue(run)
        .catch((error) => {
          onPollError(error);
          return 0;
        })
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.timer = setTimeout(tick, this.pollMs);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  async depth(): Promise<number> {
    const row = await this.db
      .selectFrom("jobs")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("status", "in", ["pending", "running"])
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  async close(): Promise<void> {}
}
