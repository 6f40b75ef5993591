/**
 * Purge-storm benchmark: 50 connections read the article and the home page while every page is
 * purged once a second, as a busy newsroom's edits would. Runs twice in one process run against
 * the same database: with stale-while-revalidate (a purged page keeps answering while one request
 * renders it again) and with the old drop-on-purge behaviour (`PAGE_CACHE_STALE_SECONDS=0`, the
 * page cache's `staleSeconds: 0`), and prints one JSON document. Both servers run side by side
 * and the storms alternate between them, BENCH_ROUNDS times each (default 3), so drift on a busy
 * machine spreads over both; the medians are reported.
 *
 * BENCH_DURATION (seconds per storm, default 30), BENCH_CONNECTIONS (default 50),
 * BENCH_PURGE_EVERY_MS (default 1000), BENCH_STALE_SECONDS (the stale run's bound, default 5).
 * The server inherits this environment: `DATABASE_URL=postgres://…` runs it on PostgreSQL (an
 * empty database: the demo is seeded into it).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { type BenchServer, median, startBenchServer, stopBenchServer } from "./support/bench-process.js";

const DURATION = Number(process.env.BENCH_DURATION ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PURGE_EVERY_MS = Number(process.env.BENCH_PURGE_EVERY_MS ?? 1000);
const STALE_SECONDS = Number(process.env.BENCH_STALE_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

interface CacheStats {
  hits: number;
  misses: number;
  staleHits: number;
  renders: number;
}

async function cacheStats(base: string): Promise<CacheStats> {
  return (await (await fetch(`${base}/__bench/cache-stats`)).json()) as CacheStats;
}

async function storm(server: BenchServer) {
  const base = `http://127.0.0.1:${server.port}`;
  const requests = [{ path: server.articlePath }, { path: server.homePath }];
  // Warm both pages so the storm starts from a full cache, as a running site would.
  await autocannon({ url: base, requests, connections: 2, amount: 200 });
  const before = await cacheStats(base);
  let purges = 0;
  let purgeFailures = 0;
  const timer = setInterval(() => {
    fetch(`${base}/__bench/purge-all`, { method: "POST" })
      .then((response) => (response.ok ? purges++ : purgeFailures++))
      .catch(() => purgeFailures++);
  }, PURGE_EVERY_MS);
  const result = await autocannon({
    url: base,
    requests,
    connections: CONNECTIONS,
    duration: DURATION,
    headers: { "accept-encoding": "gzip, deflate, br" },
  });
  clearInterval(timer);
  const after = await cacheStats(base);
  return {
    requests: result.requests.total,
    reqPerSec: Math.round(result.requests.average),
    errors: result.errors + result.timeouts + result.non2xx,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    renders: after.renders - before.renders,
    staleAnswers: after.staleHits - before.staleHits,
    purges,
    purgeFailures,
  };
}

type Storm = Awaited<ReturnType<typeof storm>>;

function summarise(storms: Storm[]) {
  const of = (pick: (s: Storm) => number) => median(storms.map(pick));
  return {
    requests: of((s) => s.requests),
    reqPerSec: of((s) => s.reqPerSec),
    errors: storms.reduce((n, s) => n + s.errors + s.purgeFailures, 0),
    p50Ms: of((s) => s.p50Ms),
    p99Ms: of((s) => s.p99Ms),
    maxMs: Math.max(...storms.map((s) => s.maxMs)),
    renders: of((s) => s.renders),
    staleAnswers: of((s) => s.staleAnswers),
    purges: of((s) => s.purges),
    rounds: storms.map(({ reqPerSec, p99Ms }) => ({ reqPerSec, p99Ms })),
  };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-purge-bench-"));
  try {
    // One after the other: both would seed the empty database at once.
    const stale = await startBenchServer(dataDir, { PAGE_CACHE_STALE_SECONDS: String(STALE_SECONDS) });
    const drop = await startBenchServer(dataDir, { PAGE_CACHE_STALE_SECONDS: "0" });
    const storms: { stale: Storm[]; drop: Storm[] } = { stale: [], drop: [] };
    try {
      for (let round = 0; round < ROUNDS; round++) {
        storms.stale.push(await storm(stale));
        storms.drop.push(await storm(drop));
      }
    } finally {
      await Promise.all([stopBenchServer(stale), stopBenchServer(drop)]);
    }
    const report = {
      benchmark: "purge-storm",
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
      },
      settings: {
        database: process.env.DATABASE_URL?.startsWith("postgres") ? "postgres" : "sqlite",
        durationSeconds: DURATION,
        rounds: ROUNDS,
        connections: CONNECTIONS,
        purgeEveryMs: PURGE_EVERY_MS,
        staleSeconds: STALE_SECONDS,
      },
      results: { staleWhileRevalidate: summarise(storms.stale), dropOnPurge: summarise(storms.drop) },
      targets: { p99Ms: 500, errors: 0 },
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
