import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../../test/harness.js";
import { JobQueue } from "./job-queue.js";

declare module "./job-queue.js" {
  interface JobPayloads {
    "test.record": { n: number };
  }
}

describe.each(DIALECTS)("durable job queue on %s", (dialect) => {
  let database: TestDatabase;
  let clock: Date;
  let queue: JobQueue;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    clock = new Date("2026-01-01T00:00:00Z");
    queue = new JobQueue(database.db, { now: () => clock });
  });
  afterEach(async () => {
    await queue.stop();
    await database.cleanup();
  });

  it("runs a due job once with its typed payload", async () => {
    const seen: number[] = [];
    queue.register("test.record", async ({ n }) => void seen.push(n));
    await queue.enqueue("test.record", { n: 7 });
    expect(await queue.runDue()).toBe(1);
    expect(await queue.runDue()).toBe(0);
    expect(seen).toEqual([7]);
  });

  it("retries a failing job later with backoff, then marks it failed", async () => {
    let attempts = 0;
    const errors: unknown[] = [];
    queue.onError((error) => errors.push(error));
    queue.register("test.record", async () => {
      attempts++;
      throw new Error("relay down");
    });
    await queue.enqueue("test.record", { n: 1 });
    await queue.runDue();
    expect(attempts).toBe(1);
    expect(await queue.runDue()).toBe(0);
    for (let i = 0; i < 12; i++) {
      clock = new Date(clock.getTime() + 11 * 60_000);
      await queue.runDue();
    }
    expect(attempts).toBe(10);
    const row = await database.db.selectFrom("jobs").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "failed", last_error: "relay down" });
    expect(errors).toHaveLength(10);
  });

  it("makes one job of two enqueues with the same key, and queues finished work again", async () => {
    const seen: number[] = [];
    queue.register("test.record", async ({ n }) => void seen.push(n));
    await queue.enqueue("test.record", { n: 1 }, { dedupeKey: "k" });
    await queue.enqueue("test.record", { n: 2 }, { dedupeKey: "k" });
    await queue.runDue();
    expect(seen).toEqual([1]);
    await queue.enqueue("test.record", { n: 3 }, { dedupeKey: "k" });
    await queue.runDue();
    expect(seen).toEqual([1, 3]);
  });

  it("polls on its own once started, and stops cleanly", async () => {
    const seen: number[] = [];
    queue.register("test.record", async ({ n }) => void seen.push(n));
    await queue.enqueue("test.record", { n: 5 });
    queue.start();
    for (let i = 0; i < 50 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await queue.stop();
    expect(seen).toEqual([5]);
  });
});
