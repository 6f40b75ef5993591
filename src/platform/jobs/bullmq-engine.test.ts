import { Worker } from "bullmq";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  createTestRedis,
  TEST_REDIS_URL,
  type TestDatabase,
  type TestRedis,
} from "../../../test/harness.js";
import { BullJobEngine, QUEUE_NAME } from "./bullmq-engine.js";
import { JobQueue } from "./job-queue.js";

declare module "./job-queue.js" {
  interface JobPayloads {
    "test.bull": { n: number };
  }
}

async function waitFor(condition: () => boolean, tries = 200): Promise<void> {
  for (let i = 0; i < tries && !condition(); i++) await new Promise((r) => setTimeout(r, 25));
}

describe.skipIf(!TEST_REDIS_URL)("job queue on BullMQ", () => {
  let redis: TestRedis;
  let database: TestDatabase;
  const queues: JobQueue[] = [];
  const makeQueue = (lockMs = 30_000) => {
    const queue = new JobQueue(database.db, {
      engine: new BullJobEngine({ connect: (name) => redis.connect("queue", name), prefix: redis.prefix, lockMs }),
    });
    queues.push(queue);
    return queue;
  };
  beforeEach(async () => {
    redis = createTestRedis();
    database = await createTestDatabase("sqlite");
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.close()));
    await redis.cleanup();
    await database.cleanup();
  });

  it("runs a due job once with its typed payload, and nothing is left", async () => {
    const queue = makeQueue();
    const seen: number[] = [];
    queue.register("test.bull", async ({ n }) => void seen.push(n));
    await queue.enqueue("test.bull", { n: 7 });
    expect(await queue.depth()).toBe(1);
    expect(await queue.runDue()).toBe(1);
    expect(await queue.runDue()).toBe(0);
    expect(seen).toEqual([7]);
    expect(await queue.depth()).toBe(0);
  });

  it("keeps a job with a later run time until it is due", async () => {
    const queue = makeQueue();
    const seen: number[] = [];
    queue.register("test.bull", async ({ n }) => void seen.push(n));
    await queue.enqueue("test.bull", { n: 1 }, { runAt: new Date(Date.now() + 400) });
    expect(await queue.runDue()).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(await queue.runDue()).toBe(1);
    expect(seen).toEqual([1]);
  });

  it("makes one job of two enqueues with the same key, and queues finished work again", async () => {
    const queue = makeQueue();
    const seen: number[] = [];
    queue.register("test.bull", async ({ n }) => void seen.push(n));
    await queue.enqueue("test.bull", { n: 1 }, { dedupeKey: "publish:1:2026-01-01T00:00:00.000Z" });
    await queue.enqueue("test.bull", { n: 2 }, { dedupeKey: "publish:1:2026-01-01T00:00:00.000Z" });
    await queue.runDue();
    expect(seen).toEqual([1]);
    await queue.enqueue("test.bull", { n: 3 }, { dedupeKey: "publish:1:2026-01-01T00:00:00.000Z" });
    await queue.runDue();
    expect(seen).toEqual([1, 3]);
  });

  it("reports a failed attempt and retries it later instead of dropping it", async () => {
    const queue = makeQueue();
    const errors: string[] = [];
    queue.onError((error) => errors.push((error as Error).message));
    queue.register("test.bull", async () => {
      throw new Error("relay down");
    });
    await queue.enqueue("test.bull", { n: 1 });
    expect(await queue.runDue()).toBe(1);
    expect(errors).toEqual(["relay down"]);
    // Waiting out the backoff (2 s): the job is still queued, not lost.
    expect(await queue.runDue()).toBe(0);
    expect(await queue.depth()).toBe(1);
  });

  it("runs a delayed job on exactly one of several started workers", async () => {
    const seen: number[] = [];
    const workers = [makeQueue(), makeQueue(), makeQueue()];
    for (const worker of workers) {
      worker.register("test.bull", async ({ n }) => void seen.push(n));
    }
    await workers[0]?.enqueue("test.bull", { n: 9 }, { runAt: new Date(Date.now() + 300), dedupeKey: "once" });
    for (const worker of workers) worker.start();
    await waitFor(() => seen.length > 0);
    await new Promise((r) => setTimeout(r, 500));
    expect(seen).toEqual([9]);
  });

  it("hands the job of a worker that died mid-job to another worker, which completes it once", async () => {
    const survivor = makeQueue(2000);
    const finished: number[] = [];
    survivor.register("test.bull", async ({ n }) => void finished.push(n));
    await survivor.enqueue("test.bull", { n: 4 });
    // A worker takes the job and dies: its lock is never renewed and the job stays "active".
    const doomed = new Worker(QUEUE_NAME, null, {
      connection: redis.connect("queue", "doomed"),
      prefix: redis.prefix,
      lockDuration: 1000,
      autorun: false,
    });
    expect(await doomed.getNextJob("dead-worker-token", { block: false })).toBeDefined();
    await doomed.close();
    survivor.start();
    await waitFor(() => finished.length > 0, 400);
    await new Promise((r) => setTimeout(r, 300));
    expect(finished).toEqual([4]);
    expect(await survivor.depth()).toBe(0);
  });
});
