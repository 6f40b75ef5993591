import { randomUUID } from "node:crypto";
import type { JobQueue } from "../jobs/job-queue.js";

/**
 * Every domain event type and its payload. Capabilities add theirs by declaration merging:
 *   declare module "../platform/events/domain-events.js" { interface DomainEvents { "x.done": {...} } }
 * The events of the newsroom are listed in `src/newsroom/newsroom.events.ts`; who listens to
 * them is wired in one place, `subscribeToDomainEvents` in `src/app.ts`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging
export interface DomainEvents {}
export type DomainEventType = keyof DomainEvents & string;

/** What every event carries besides its own fields. */
export interface EventEnvelope {
  /** Unique per event: the dedupe key of its durable deliveries. */
  eventId: string;
  /** When it happened (ISO-8601 UTC). */
  occurredAt: string;
}

export type DomainEvent<T extends DomainEventType> = DomainEvents[T] & EventEnvelope;

declare module "../jobs/job-queue.js" {
  interface JobPayloads {
    /** One durable listener's delivery of one event; retried with backoff until it succeeds. */
    "events.deliver": { listener: string; type: string; event: unknown };
  }
}

type Listener<T extends DomainEventType> = (event: DomainEvent<T>) => void | Promise<void>;
type ErrorReporter = (error: unknown, context: { listener: string; type: string; eventId: string }) => void;

interface DurableListener {
  type: string;
  handle: (event: never) => Promise<void>;
  when?: (event: never) => boolean | Promise<boolean>;
}

/** Options of a durable listener. */
export interface DurableOptions<T extends DomainEventType> {
  /**
   * Whether this event concerns the listener at all. Asked when the event is published, so an
   * event it declines is not even queued (an archive import's quiet events, a channel nobody set
   * up), and again before a queued delivery runs (a delivery queued by an older build, or a
   * channel switched off meanwhile). A predicate that fails at publish counts as yes (a spare
   * delivery costs less than a lost one); at delivery its error fails the delivery, which retries.
   */
  when?: (event: DomainEvent<T>) => boolean | Promise<boolean>;
}

/** How many rounds `drain` runs the queue before it gives up on jobs that keep queueing others. */
const DRAIN_ROUNDS = 20;

/**
 * The domain event bus. A service publishes an event once, after its change is committed; the bus
 * hands it to two kinds of listener:
 *  - in-process listeners (`on`), for work that is only a cache purge: run at once, in order; an
 *    error is reported and never reaches the publisher;
 *  - durable listeners (`onDurable`), for work that matters (indexing, geotagging, pings): each
 *    delivery is a job in the durable queue, written before `publish` returns, so it survives a
 *    crash and is retried with backoff until it succeeds. Handlers must be idempotent: a delivery
 *    whose worker died after the work runs again.
 */
export class DomainEventBus {
  private readonly inProcess = new Map<string, { name: string; listener: Listener<DomainEventType> }[]>();
  private readonly durable = new Map<string, DurableListener>();
  private report: ErrorReporter = (error, context) =>
    console.error(`gazette: the ${context.listener} listener of ${context.type} failed:`, error);

  constructor(
    private readonly jobs: JobQueue,
    private readonly now: () => Date = () => new Date(),
  ) {
    jobs.register("events.deliver", async ({ listener, event }) => {
      const target = this.durable.get(listener);
      // A delivery queued by an older build for a listener that no longer exists has nothing to do.
      if (!target) return;
      if (target.when && !(await target.when(event as never))) return;
      await target.handle(event as never);
    });
  }

  /** Where listener errors go (the app's logger). */
  onError(reporter: ErrorReporter): void {
    this.report = reporter;
  }

  /** An in-process listener: for work whose loss costs nothing (a page-cache purge). */
  on<T extends DomainEventType>(type: T, name: string, listener: Listener<T>): void {
    const list = this.inProcess.get(type) ?? [];
    list.push({ name, listener: listener as unknown as Listener<DomainEventType> });
    this.inProcess.set(type, list);
  }

  /**
   * A durable listener, delivered through the job queue. `name` is stable across releases: queued
   * deliveries find their handler by it.
   */
  onDurable<T extends DomainEventType>(
    type: T,
    name: string,
    handle: (event: DomainEvent<T>) => Promise<void>,
    options: DurableOptions<T> = {},
  ): void {
    const key = durableKey(type, name);
    if (this.durable.has(key)) throw new Error(`The durable listener ${key} is registered twice.`);
    this.durable.set(key, {
      type,
      handle: handle as (event: never) => Promise<void>,
      ...(options.when ? { when: options.when as (event: never) => boolean | Promise<boolean> } : {}),
    });
  }

  /** The listeners of a type, for the docs and the tests: in-process first, then durable. */
  listenersOf(type: DomainEventType): { inProcess: string[]; durable: string[] } {
    return {
      inProcess: (this.inProcess.get(type) ?? []).map((l) => l.name),
      durable: [...this.durable.entries()].filter(([, l]) => l.type === type).map(([key]) => key),
    };
  }

  /**
   * Publishes an event after its change is committed. Durable deliveries are in the queue when this
   * resolves; in-process listeners have run. Listener failures are reported, never thrown.
   */
  async publish<T extends DomainEventType>(type: T, payload: DomainEvents[T]): Promise<DomainEvent<T>> {
    const event = { ...payload, eventId: randomUUID(), occurredAt: this.now().toISOString() } as DomainEvent<T>;
    for (const { name, listener } of this.inProcess.get(type) ?? []) {
      try {
        await listener(event);
      } catch (error) {
        this.report(error, { listener: name, type, eventId: event.eventId });
      }
    }
    for (const [key, listener] of this.durable) {
      if (listener.type !== type) continue;
      if (listener.when && !(await this.concerns(listener.when, event, key, type))) continue;
      await this.jobs.enqueue(
        "events.deliver",
        { listener: key, type, event },
        { dedupeKey: `${key}:${event.eventId}` },
      );
    }
    return event;
  }

  private async concerns(
    when: (event: never) => boolean | Promise<boolean>,
    event: EventEnvelope,
    listener: string,
    type: string,
  ): Promise<boolean> {
    try {
      return await when(event as never);
    } catch (error) {
      this.report(error, { listener, type, eventId: event.eventId });
      return true;
    }
  }

  /**
   * Runs the queue until nothing is due: every durable delivery published so far has been
   * handled (or has failed and waits for its retry). For tests and the CLI, which do not poll.
   */
  async drain(): Promise<void> {
    for (let round = 0; round < DRAIN_ROUNDS; round++) {
      if ((await this.jobs.runDue()) === 0) return;
    }
  }
}

function durableKey(type: string, name: string): string {
  return `${type}:${name}`;
}
