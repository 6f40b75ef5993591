import { createHash, randomUUID } from "node:crypto";
import { type Job, Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { ClaimedJob, EnqueueOptions, JobEngine, JobRunner } from "./job-queue.js";
import { retryDelayMs } from "./job-queue.js";

export interface BullJobEngineOptions {
  /** Opens a connection with `maxRetriesPerRequest: null`; the engine closes what it opened. */
  connect: (name: string) => Redis;
  /** Key prefix in Redis, so several sites (or test runs) can share one server. */
  prefix: string;
  /** How long a worker holds a job; a killed worker's job is handed out again after about this. */
  lockMs: number;
  /** Jobs one worker process runs at once. */
  concurrency?: number;
}

export const QUEUE_NAME = "jobs";
const MAX_ATTEMPTS = 10;
// A job killing its worker each time must end up failed rather than loop forever.
const MAX_STALLS = 5;
const BACKOFF_TYPE = "gazette";

/** BullMQ forbids ":" in custom ids and reads an all-digit id as its own counter. */
function dedupeJobId(key: string): string {
  return `k-${createHash("sha256").update(key).digest("base64url").slice(0, 32)}`;
}

/** BullMQ's counter ids are digits; custom ids get a stable number for the handler's context. */
function numericId(id: string | undefined): number {
  if (id && /^\d+$/.test(id)) return Number(id);
  return createHash("sha256")
    .update(id ?? "")
    .digest()
    .readUInt32BE(0);
}

function claimed(job: Job): ClaimedJob {
  return { id: numericId(job.id), kind: job.name, payload: job.data, attempt: job.attemptsMade + 1 };
}

/**
 * Jobs on BullMQ (the scaled mode's engine). A delayed job is promoted and taken by exactly one
 * worker; a worker that dies mid-job stops renewing its lock, and another worker's stall check
 * hands the job out again after `lockMs`.
 */
export class BullJobEngine implements JobEngine {
  private readonly queue: Queue;
  private readonly connections: Redis[] = [];
  private worker: Worker | undefined;
  private manual: Worker | undefined;

  constructor(private readonly options: BullJobEngineOptions) {
    this.queue = new Queue(QUEUE_NAME, { connection: this.open("queue"), prefix: options.prefix });
    this.queue.on("error", () => {});
  }

  private open(name: string): Redis {
    const connection = this.options.connect(name);
    this.connections.push(connection);
    return connection;
  }

  private workerOptions(name: string) {
    return {
      connection: this.open(name),
      prefix: this.options.prefix,
      lockDuration: this.options.lockMs,
      stalledInterval: Math.max(1000, Math.round(this.options.lockMs / 2)),
      maxStalledCount: MAX_STALLS,
      settings: { backoffStrategy: (attemptsMade: number) => retryDelayMs(attemptsMade) },
    };
  }

  async enqueue(kind: string, payload: unknown, options: EnqueueOptions): Promise<void> {
    const delay = options.runAt ? Math.max(0, options.runAt.getTime() - Date.now()) : 0;
    const jobOptions = {
      delay,
      attempts: MAX_ATTEMPTS,
      backoff: { type: BACKOFF_TYPE },
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    };
    if (!options.dedupeKey) {
      await this.queue.add(kind, payload, jobOptions);
      return;
    }
    const jobId = dedupeJobId(options.dedupeKey);
    const existing = await this.queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      // Pending or running work under the key: nothing to add. Finished work is queued again.
      if (state !== "completed" && state !== "failed" && state !== "unknown") return;
      await existing.remove().catch(() => undefined);
    }
    await this.queue.add(kind, payload, { ...jobOptions, jobId });
  }

  async runDue(run: JobRunner): Promise<number> {
    this.manual ??= new Worker(QUEUE_NAME, null, { ...this.workerOptions("jobs-manual"), autorun: false });
    const token = randomUUID();
    let ran = 0;
    for (;;) {
      const job = (await this.manual.getNextJob(token, { block: false })) as Job | undefined;
      if (!job) return ran;
      ran++;
      try {
        await run(claimed(job));
        await job.moveToCompleted("done", token, false);
      } catch (error) {
        await job.moveToFailed(error instanceof Error ? error : new Error(String(error)), token, false);
      }
    }
  }

  start(run: JobRunner, onPollError: (error: unknown) => void): void {
    if (this.worker) return;
    this.worker = new Worker(QUEUE_NAME, async (job) => run(claimed(job)), {
      ...this.workerOptions("jobs-worker"),
      concurrency: this.options.concurrency ?? 4,
    });
    // Failed attempts were reported by the runner; these are Redis and stall-check troubles.
    this.worker.on("error", onPollError);
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    // Waits for the jobs in hand; the ones not started stay in Redis for the next worker.
    await worker?.close();
  }

  async depth(): Promise<number> {
    const counts = await this.queue.getJobCounts("wait", "delayed", "active", "prioritized");
    return Object.values(counts).reduce((sum, count) => sum + count, 0);
  }

  async close(): Promise<void> {
    await this.manual?.close();
    await this.queue.close();
    await Promise.all(
      this.connections.map(async (connection) => {
        if (connection.status === "ready") await connection.quit().catch(() => connection.disconnect());
        else connection.disconnect();
      }),
    );
  }
}
