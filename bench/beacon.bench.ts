/**
 * Beacon benchmark (issue 21): the real app in a child process on loopback, autocannon POSTing
 * realistic beacons to /beacon (views from several editions, articles, referrers and devices, and
 * engagement beacons, as navigator.sendBeacon sends them: text/plain) for a bounded time, and a
 * hello-world route on the same server as the baseline. Afterwards it checks that every 204 was
 * counted: the views written to the database must equal the view beacons sent. Prints one JSON
 * document.
 *
 * BENCH_DURATION (seconds per run, default 10), BENCH_WARMUP (seconds, default 3),
 * BENCH_CONNECTIONS (default 20). Target: ≥ 5,000 beacons/s with p99 < 20 ms on the 2-core box.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { startBenchServer, stopBenchServer } from "./support/bench-process.js";

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const TARGET = { reqPerSec: 5000, p99Ms: 20 };

const BROWSER =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";

/** A mix like a news site's: mostly views (a fifth with no article), some engagement beacons. */
function beaconBodies(editions: string[]): string[] {
  const referrers = ["", "", "www.google.com", "t.co", "t.me", "news.example.net", "duckduckgo.com"];
  const bodies: string[] = [];
  for (let i = 0; i < 60; i++) {
    const e = editions[i % editions.length];
    const a = i % 5 === 0 ? undefined : String(1 + (i % 17));
    if (i % 6 === 5 && a) {
      bodies.push(JSON.stringify({ t: "engage", e, a, k: [25, 50, 75, 100][i % 4], s: 5 + i * 7 }));
    } else {
      bodies.push(
        JSON.stringify({
          t: "view",
          e,
          ...(a ? { a } : {}),
          r: referrers[i % referrers.length],
          u: i % 9 === 0 ? "newsletter" : "",
          m: i % 9 === 0 ? "email" : "",
          d: ["m", "m", "t", "d"][i % 4],
        }),
      );
    }
  }
  return bodies;
}

interface Result {
  reqPerSec: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  non2xx: number;
  errors: number;
}

async function load(options: autocannon.Options): Promise<Result> {
  const result = await autocannon({ connections: CONNECTIONS, pipelining: 1, ...options });
  return {
    reqPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-bench-beacon-"));
  // Flushes every 2 s as in production; the count check waits for the last one.
  const server = await startBenchServer(dataDir, { ANALYTICS_FLUSH_MS: "2000" });
  try {
    const base = `http://127.0.0.1:${server.port}`;
    const editions = (await (await fetch(`${base}/__bench/editions`)).json()) as string[];
    const bodies = beaconBodies(editions);
    const beacons = (duration: number) =>
      load({
        url: `${base}/beacon`,
        duration,
        headers: { "user-agent": BROWSER, "content-type": "text/plain;charset=UTF-8" },
        requests: bodies.map((body) => ({ method: "POST", path: "/beacon", body })),
      });
    await load({ url: `${base}/__bench/hello`, duration: WARMUP });
    await beacons(WARMUP);
    const counts = async () =>
      (await (await fetch(`${base}/__bench/beacon-views`, { method: "POST" })).json()) as {
        views: number;
        reads: number;
      };
    const before = await counts();
    const baseline = await load({ url: `${base}/__bench/hello`, duration: DURATION });
    const beacon = await beacons(DURATION);
    const after = await counts();
    // Every beacon answered is counted once (a view or an engagement). Requests still in flight when
    // autocannon stops are counted by the server but not by autocannon: at most one per connection.
    const counted = after.views - before.views + (after.reads - before.reads);
    const answered = beacon.requests - beacon.non2xx;
    const report = {
      benchmark: "beacon",
      machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg().map((l) => l.toFixed(2)) },
      settings: { durationSeconds: DURATION, warmupSeconds: WARMUP, connections: CONNECTIONS, flushMs: 2000 },
      baseline,
      beacon,
      beaconToBaseline: Math.round((beacon.reqPerSec / baseline.reqPerSec) * 1000) / 1000,
      counting: {
        beaconsAnswered: answered,
        countsWritten: counted,
        exact: counted >= answered && counted - answered <= CONNECTIONS,
      },
      target: TARGET,
      meetsTarget: beacon.reqPerSec >= TARGET.reqPerSec && beacon.p99Ms < TARGET.p99Ms && beacon.non2xx === 0,
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await stopBenchServer(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
