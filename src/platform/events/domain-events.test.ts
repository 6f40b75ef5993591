import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../../test/harness.js";
import { JobQueue } from "../jobs/job-queue.js";
import { DomainEventBus } from "./domain-events.js";

declare module "./domain-events.js" {
  interface DomainEvents {
    "test.happened": { n: number };
    "test.other": { n: number };
  }
}

describe.each(DIALECTS)("domain event bus on %s", (dialect) => {
  let database: TestDatabase;
  let clock: Date;
  let jobs: JobQueue;
  let bus: DomainEventBus;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    clock = new Date("2026-01-01T00:00:00Z");
    jobs = new JobQueue(database.db, { now: () => clock });
    bus = new DomainEventBus(jobs, () => clock);
  });
  afterEach(async () => {
    await jobs.stop();
    await database.cleanup();
  });

  it("runs in-process listeners at once, in order, with the event's id and time", async () => {
    const seen: string[] = [];
    bus.on("test.happened", "first", (event) => void seen.push(`first ${event.n} ${event.occurredAt}`));
    bus.on("test.happened", "second", (event) => void seen.push(`second ${event.n}`));
    bus.on("test.other", "other", () => void seen.push("other"));
    const event = await bus.publish("test.happened", { n: 1 });
    expect(seen).toEqual(["first 1 2026-01-01T00:00:00.000Z", "second 1"]);
    expect(event.eventId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("reports a failing in-process listener without failing the publisher or the next listener", async () => {
    const reported: { listener: string; type: string }[] = [];
    bus.onError((_error, context) => reported.push({ listener: context.listener, type: context.type }));
    const seen: number[] = [];
    bus.on("test.happened", "broken", () => {
      throw new Error("cache gone");
    });
    bus.on("test.happened", "fine", (event) => void seen.push(event.n));
    await expect(bus.publish("test.happened", { n: 2 })).resolves.toMatchObject({ n: 2 });
    expect(seen).toEqual([2]);
    expect(reported).toEqual([{ listener: "broken", type: "test.happened" }]);
  });

  it("delivers to durable listeners through the job queue, each once", async () => {
    const seen: string[] = [];
    bus.onDurable("test.happened", "index", async (event) => void seen.push(`index ${event.n}`));
    bus.onDurable("test.happened", "tag", async (event) => void seen.push(`tag ${event.n}`));
    await bus.publish("test.happened", { n: 3 });
    // Nothing runs before the queue does: the deliveries are durable jobs, written before publish returned.
    expect(seen).toEqual([]);
    expect(await jobs.depth()).toBe(2);
    await bus.drain();
    expect(seen.sort()).toEqual(["index 3", "tag 3"]);
    expect(await jobs.runDue()).toBe(0);
  });

  it("queues no delivery for an event its listener declines, and one for those it takes", async () => {
    const seen: number[] = [];
    bus.onDurable("test.happened", "even-only", async (event) => void seen.push(event.n), {
      when: async (event) => event.n % 2 === 0,
    });
    await bus.publish("test.happened", { n: 5 });
    expect(await jobs.depth()).toBe(0);
    await bus.publish("test.happened", { n: 6 });
    expect(await jobs.depth()).toBe(1);
    await bus.drain();
    expect(seen).toEqual([6]);
  });

  it("skips a queued delivery that its listener declines by the time it runs", async () => {
    let open = true;
    const seen: number[] = [];
    bus.onDurable("test.happened", "while-open", async (event) => void seen.push(event.n), { when: () => open });
    await bus.publish("test.happened", { n: 8 });
    expect(await jobs.depth()).toBe(1);
    open = false;
    await bus.drain();
    expect(seen).toEqual([]);
    expect(await jobs.depth()).toBe(0);
  });

  it("still queues the delivery when the listener's predicate fails, and reports it", async () => {
    const reported: string[] = [];
    bus.onError((_error, context) => reported.push(`${context.listener} ${context.type}`));
    const seen: number[] = [];
    let failing = true;
    bus.onDurable("test.happened", "picky", async (event) => void seen.push(event.n), {
      when: () => {
        if (failing) throw new Error("settings table locked");
        return true;
      },
    });
    await bus.publish("test.happened", { n: 7 });
    failing = false;
    await bus.drain();
    expect(seen).toEqual([7]);
    expect(reported).toEqual(["test.happened:picky test.happened"]);
  });

  it("retries a failed durable delivery later until it succeeds", async () => {
    let attempts = 0;
    const seen: number[] = [];
    bus.onDurable("test.happened", "flaky", async (event) => {
      attempts++;
      if (attempts === 1) throw new Error("gazetteer not loaded");
      seen.push(event.n);
    });
    await bus.publish("test.happened", { n: 4 });
    await bus.drain();
    expect(seen).toEqual([]);
    clock = new Date(clock.getTime() + 60_000);
    await bus.drain();
    expect(seen).toEqual([4]);
    expect(attempts).toBe(2);
  });

  it("keeps a delivery whose process stopped before running it, for the next process", async () => {
    bus.onDurable("test.happened", "index", async () => {});
    await bus.publish("test.happened", { n: 5 });
    // A new process over the same database: its bus has the same listener and takes the delivery.
    const seen: number[] = [];
    const nextJobs = new JobQueue(database.db, { now: () => clock });
    const nextBus = new DomainEventBus(nextJobs, () => clock);
    nextBus.onDurable("test.happened", "index", async (event) => void seen.push(event.n));
    await nextBus.drain();
    expect(seen).toEqual([5]);
  });

  it("lists the listeners of an event type and refuses a durable name twice", () => {
    bus.on("test.happened", "page-cache", () => {});
    bus.onDurable("test.happened", "index", async () => {});
    expect(bus.listenersOf("test.happened")).toEqual({ inProcess: ["page-cache"], durable: ["test.happened:index"] });
    expect(() => bus.onDurable("test.happened", "index", async () => {})).toThrow(/twice/);
  });
});
