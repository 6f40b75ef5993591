import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { Type } from "typebox";

/** What the page-cache metrics read; the cache keeps its own counters. */
export interface PageCacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly staleHits: number;
  readonly size: number;
}

/**
 * The process's Prometheus metrics, each registry private so tests can build many apps.
 * Capabilities count their own events through the named metrics (e.g. `mailSent.inc()`).
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests: Counter<"method" | "route" | "status">;
  readonly httpDuration: Histogram<"method" | "route">;
  /** One per email handed to the mail transport. */
  readonly mailSent: Counter<string>;

  constructor(options: { processMetrics?: boolean; role?: string } = {}) {
    if (options.role) this.registry.setDefaultLabels({ role: options.role });
    const registers = [this.registry];
    this.httpRequests = new Counter({
      name: "gazette_http_requests_total",
      help: "HTTP requests answered, by route pattern and status",
      labelNames: ["method", "route", "status"],
      registers,
    });
    this.httpDuration = new Histogram({
      name: "gazette_http_request_duration_seconds",
      help: "Time to answer an HTTP request, by route pattern",
      labelNames: ["method", "route"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.mailSent = new Counter({
      name: "gazette_mail_sent_total",
      help: "Emails handed to the mail transport",
      registers,
    });
    if (options.processMetrics) this.collectProcessMetrics();
  }

  /** Node's own metrics (memory, event-loop lag, GC); a running server turns them on, tests do not. */
  collectProcessMetrics(): void {
    collectDefaultMetrics({ register: this.registry, prefix: "gazette_" });
  }

  /** Page-cache hits, misses, size and hit ratio, read at each scrape. */
  observePageCache(cache: PageCacheStats): void {
    const registers = [this.registry];
    new Gauge({
      name: "gazette_page_cache_hits",
      help: "Page-cache hits since the process started",
      registers,
      collect() {
        this.set(cache.hits);
      },
    });
    new Gauge({
      name: "gazette_page_cache_misses",
      help: "Page-cache misses since the process started",
      registers,
      collect() {
        this.set(cache.misses);
      },
    });
    new Gauge({
      name: "gazette_page_cache_stale_hits",
      help: "Requests answered with a purged page while its replacement rendered, since the process started",
      registers,
      collect() {
        this.set(cache.staleHits);
      },
    });
    new Gauge({
      name: "gazette_page_cache_hit_ratio",
      help: "Share of page requests answered from the cache since the process started",
      registers,
      collect() {
        const total = cache.hits + cache.misses;
        this.set(total === 0 ? 0 : cache.hits / total);
      },
    });
    new Gauge({
      name: "gazette_page_cache_entries",
      help: "Pages in this process's cache",
      registers,
      collect() {
        this.set(cache.size);
      },
    });
  }

  /** Audience beacons: counters held in memory until the next flush, and counts dropped because the buffer was full. */
  observeBeacons(beacons: { readonly pending: number; readonly dropped: number }): void {
    const registers = [this.registry];
    new Gauge({
      name: "gazette_beacon_counters_pending",
      help: "Distinct audience counters held in this process until the next flush",
      registers,
      collect() {
        this.set(beacons.pending);
      },
    });
    new Gauge({
      name: "gazette_beacons_dropped",
      help: "Beacons not counted since the process started because the unflushed buffer was full",
      registers,
      collect() {
        this.set(beacons.dropped);
      },
    });
  }

  /** Jobs waiting to run (now or later), asked of the queue at each scrape. */
  observeQueue(depth: () => Promise<number>): void {
    new Gauge({
      name: "gazette_job_queue_depth",
      help: "Jobs waiting to run, now or later (-1 when the queue cannot be read)",
      registers: [this.registry],
      async collect() {
        this.set(await depth().catch(() => -1));
      },
    });
  }
}

/** Counts and times every request by its route pattern (never the raw URL: that would be unbounded). */
export function instrumentRequests(app: FastifyInstance, metrics: Metrics): void {
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "(unmatched)";
    const method = request.method;
    metrics.httpRequests.inc({ method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method, route }, reply.elapsedTime / 1000);
  });
}

/** Compares digests, so neither the token's length nor its first differing byte shows in the timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * `/metrics` for Prometheus, behind `Authorization: Bearer <METRICS_TOKEN>`. Per-route counts and
 * latencies describe the newsroom's traffic, so without a token the route does not exist (404).
 */
export function registerMetricsRoutes(app: FastifyInstance, metrics: Metrics, token: string | null): void {
  if (token === null) return;
  app.get(
    "/metrics",
    {
      schema: {
        response: { 200: Type.String(), 401: Type.Object({ code: Type.String(), message: Type.String() }) },
      },
    },
    async (request, reply) => {
      const given = /^Bearer +(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
      if (given === undefined || !sameSecret(given, token)) {
        // Answered here rather than thrown: the worker's small app has no error handler of ours.
        return reply
          .code(401)
          .header("www-authenticate", 'Bearer realm="metrics"')
          .header("cache-control", "no-store")
          .send({ code: "unauthorized", message: "Send the metrics token as Authorization: Bearer <METRICS_TOKEN>." });
      }
      const body = await metrics.registry.metrics();
      return reply.header("cache-control", "no-store").type(metrics.registry.contentType).send(body);
    },
  );
}
