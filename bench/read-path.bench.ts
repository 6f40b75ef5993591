/**
 * Read-path benchmark: issue 18's table. Against one server with the page cache and one with
 * `PAGE_CACHE=false` (the same demo database), it measures a hello-world route on that server
 * (the baseline), the article page, the home page, the home RSS feed and page 2 of the home list.
 * Each case gets a warm-up, then ROUNDS timed runs interleaved with the other cases; medians are
 * reported with each case's ratio to the baseline of the same server process. Prints one JSON
 * document.
 *
 * BENCH_DURATION (seconds per run, default 10), BENCH_WARMUP (seconds, default 3), BENCH_ROUNDS
 * (default 2), BENCH_CONNECTIONS (default 50): the issue's wrk settings. BENCH_PIN=1 pins the
 * server to CPU 0 and the load generator to CPU 1 (Linux `taskset`), as the cached-page target asks.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { type BenchServer, median, startBenchServer, stopBenchServer } from "./support/bench-process.js";

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PIN = process.env.BENCH_PIN === "1";

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

const PAGES = ["article", "home", "rss", "page2"] as const;
type Page = (typeof PAGES)[number];

/** Issue 18's uncached targets on its 2-core box: 20× Ghost's article and RSS rates, 40× its home. */
const UNCACHED_TARGETS: Record<Page, number | null> = { article: 650, home: 520, rss: 440, page2: null };

/** Sets a process's CPUs, all its threads included. */
function pin(pid: number, cpu: number): void {
  execFileSync("taskset", ["-a", "-c", "-p", String(cpu), String(pid)], { stdio: "ignore" });
}

async function startServer(dataDir: string, pageCache: boolean): Promise<BenchServer> {
  const server = await startBenchServer(dataDir, { PAGE_CACHE: String(pageCache) });
  if (PIN && server.child.pid !== undefined) pin(server.child.pid, 0);
  return server;
}

async function load(url: string, duration: number): Promise<Sample> {
  // Sent as browsers and CDNs send it: pages go out compressed, as they do in production.
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    pipelining: 1,
    headers: { "accept-encoding": "gzip, deflate, br" },
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

function summarise(samples: Sample[]) {
  return {
    reqPerSec: Math.round(median(samples.map((s) => s.rps))),
    p50Ms: median(samples.map((s) => s.p50)),
    p99Ms: median(samples.map((s) => s.p99)),
    errors: samples.reduce((n, s) => n + s.errors + s.non2xx, 0),
    rounds: samples.map((s) => Math.round(s.rps)),
  };
}
type Summary = ReturnType<typeof summarise>;

function pathsOf(server: BenchServer): Record<"baseline" | Page, string> {
  return {
    baseline: "/__bench/hello",
    article: server.articlePath,
    home: server.homePath,
    rss: server.feedPath,
    page2: server.page2Path,
  };
}

/** Rounds interleave the cases so drift on a noisy machine spreads over all of them. */
async function run(server: BenchServer): Promise<Record<"baseline" | Page, Summary>> {
  const base = `http://127.0.0.1:${server.port}`;
  const cases = pathsOf(server);
  for (const url of Object.values(cases)) await load(base + url, WARMUP);
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, [] as Sample[]]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, url] of Object.entries(cases)) samples[name]!.push(await load(base + url, DURATION));
  }
  return Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, summarise(s)])) as Record<
    "baseline" | Page,
    Summary
  >;
}

async function main(): Promise<void> {
  if (PIN) pin(process.pid, 1);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-bench-"));
  try {
    const cachedServer = await startServer(dataDir, true);
    const cached = await run(cachedServer);
    await stopBenchServer(cachedServer);
    const uncachedServer = await startServer(dataDir, false);
    const uncached = await run(uncachedServer);
    const paths = pathsOf(uncachedServer);
    await stopBenchServer(uncachedServer);

    const ratio = (value: number, baseline: number) => Math.round((value / baseline) * 1000) / 1000;
    const table = PAGES.map((page) => ({
      page,
      path: paths[page],
      cached: { reqPerSec: cached[page].reqPerSec, p50Ms: cached[page].p50Ms, p99Ms: cached[page].p99Ms },
      uncached: { reqPerSec: uncached[page].reqPerSec, p50Ms: uncached[page].p50Ms, p99Ms: uncached[page].p99Ms },
      cachedToBaseline: ratio(cached[page].reqPerSec, cached.baseline.reqPerSec),
      uncachedToBaseline: ratio(uncached[page].reqPerSec, uncached.baseline.reqPerSec),
      uncachedTarget: UNCACHED_TARGETS[page],
      errors: cached[page].errors + uncached[page].errors,
    }));
    const report = {
      benchmark: "read-path",
      machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg().map((l) => l.toFixed(2)) },
      settings: {
        durationSeconds: DURATION,
        warmupSeconds: WARMUP,
        rounds: ROUNDS,
        connections: CONNECTIONS,
        pinned: PIN ? "server on CPU 0, load generator on CPU 1" : false,
      },
      baseline: { cachedServer: cached.baseline, uncachedServer: uncached.baseline },
      table,
      targets: {
        uncached:
          "req/s on issue 18's 2-core box (20× Ghost for article and RSS, 40× for home), p99 < 250 ms for the article",
        cachedP99Ms: 10,
      },
      results: { cached, uncached },
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
