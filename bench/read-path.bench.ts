/**
 * Read-path benchmark. Measures, in one run and against the same server:
 *   (a) a hello-world route (baseline), (b) the article page from the page cache,
 *   (c) the article page with the page cache disabled, (d) the home page from the cache.
 * Each case runs ROUNDS times; the medians are reported, with ratios to the baseline of the
 * same server process. Prints one JSON document.
 *
 * BENCH_DURATION (seconds per round, default 5), BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default 10).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { type BenchServer, median, startBenchServer, stopBenchServer } from "./support/bench-process.js";

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

const startServer = (dataDir: string, pageCache: boolean) =>
  startBenchServer(dataDir, { PAGE_CACHE: String(pageCache) });

async function measure(url: string): Promise<Sample> {
  // Sent as browsers and CDNs send it: pages go out compressed, as they do in production.
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
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

/** Rounds interleave the cases so drift on a noisy machine spreads over all of them. */
async function run(
  server: BenchServer,
  cases: Record<string, string>,
): Promise<Record<string, ReturnType<typeof summarise>>> {
  const base = `http://127.0.0.1:${server.port}`;
  for (const url of Object.values(cases)) await autocannon({ url: base + url, connections: 2, amount: 200 });
  const samples: Record<string, Sample[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, url] of Object.entries(cases)) samples[name]!.push(await measure(base + url));
  }
  return Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, summarise(s)]));
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-bench-"));
  try {
    const cached = await startServer(dataDir, true);
    const withCache = await run(cached, {
      baseline: "/__bench/hello",
      articleCached: cached.articlePath,
      homeCached: cached.homePath,
    });
    await stopBenchServer(cached);
    const uncached = await startServer(dataDir, false);
    const withoutCache = await run(uncached, { baseline: "/__bench/hello", articleUncached: uncached.articlePath });
    await stopBenchServer(uncached);

    const ratio = (value: number, baseline: number) => Math.round((value / baseline) * 100) / 100;
    const report = {
      benchmark: "read-path",
      machine: { cpus: os.cpus().length, node: process.version },
      settings: { durationSeconds: DURATION, rounds: ROUNDS, connections: CONNECTIONS },
      results: {
        baseline: withCache.baseline,
        articleCached: withCache.articleCached,
        homeCached: withCache.homeCached,
        baselineUncachedServer: withoutCache.baseline,
        articleUncached: withoutCache.articleUncached,
      },
      ratios: {
        articleCachedToBaseline: ratio(withCache.articleCached!.reqPerSec, withCache.baseline!.reqPerSec),
        homeCachedToBaseline: ratio(withCache.homeCached!.reqPerSec, withCache.baseline!.reqPerSec),
        articleUncachedToBaseline: ratio(withoutCache.articleUncached!.reqPerSec, withoutCache.baseline!.reqPerSec),
      },
      targets: { articleCachedToBaseline: 0.5, articleUncachedToBaseline: 0.15 },
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
