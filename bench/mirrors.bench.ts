/**
 * What serving a mirror costs. The page cache keeps one copy of a page, rendered for the site's
 * own host; a mirror's copy is made from it once per page and host (links pointed at the mirror),
 * then served from memory like the original. Measures, on the demo's flagship article:
 *   - the one-time rewrite of the page for a mirror (µs, median of many runs);
 *   - cached requests on the site's host and on a mirror, in-process (Fastify `inject`, with
 *     `accept-encoding: br` as browsers send it), interleaved rounds, medians.
 * Prints one JSON document. BENCH_REQUESTS (per round, default 3000), BENCH_ROUNDS (default 5).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildApp, createServices } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { seedDemoContent } from "../src/newsroom/demo/demo.seed.js";
import { openDatabase } from "../src/platform/db/database.js";
import { migrateToLatest } from "../src/platform/db/migrator.js";
import { rewriteOrigin } from "../src/platform/http/host-rewrite.js";
import { LocalStorage } from "../src/platform/storage/local-storage.js";
import { flagshipArticlePath } from "./support/flagship.js";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PRIMARY = "news.example";
const MIRROR = "mirror1.example";

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-bench-mirrors-"));
const config = loadConfig({
  DATA_DIR: dataDir,
  LOG_LEVEL: "silent",
  PUBLIC_URL: `https://${PRIMARY}`,
  MIRROR_HOSTS: `${MIRROR}=all`,
});
const database = openDatabase(config.database);
try {
  await migrateToLatest(database.db, database.dialect);
  await seedDemoContent(database, new LocalStorage(config.mediaDir), new Date());
  const services = await createServices(config, database);
  const app = await buildApp(config, services, { logger: false });
  const url = await flagshipArticlePath(database);
  const get = (host: string) => app.inject({ url, headers: { host, "accept-encoding": "gzip, deflate, br" } });

  const html = (await app.inject({ url, headers: { host: PRIMARY } })).body;
  const rewriteMicros: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const start = performance.now();
    rewriteOrigin(html, "text/html; charset=utf-8", `https://${PRIMARY}`, `https://${MIRROR}`);
    rewriteMicros.push((performance.now() - start) * 1000);
  }

  for (const host of [PRIMARY, MIRROR]) for (let i = 0; i < 300; i++) await get(host);
  const rounds: Record<string, number[]> = { [PRIMARY]: [], [MIRROR]: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const host of [PRIMARY, MIRROR]) {
      const start = performance.now();
      for (let i = 0; i < REQUESTS; i++) await get(host);
      rounds[host]?.push(REQUESTS / ((performance.now() - start) / 1000));
    }
  }
  const primaryRps = median(rounds[PRIMARY] ?? []);
  const mirrorRps = median(rounds[MIRROR] ?? []);
  console.log(
    JSON.stringify(
      {
        benchmark: "mirrors",
        machine: { cpus: os.cpus().length, node: process.version },
        settings: { requestsPerRound: REQUESTS, rounds: ROUNDS },
        page: { path: url, bytes: Buffer.byteLength(html) },
        rewriteOncePerPageAndHost: {
          medianMicros: Math.round(median(rewriteMicros)),
          p99Micros: Math.round([...rewriteMicros].sort((a, b) => a - b)[Math.floor(rewriteMicros.length * 0.99)] ?? 0),
        },
        cachedArticleInProcess: {
          primaryReqPerSec: Math.round(primaryRps),
          mirrorReqPerSec: Math.round(mirrorRps),
          mirrorToPrimary: Math.round((mirrorRps / primaryRps) * 100) / 100,
          rounds: Object.fromEntries(Object.entries(rounds).map(([host, values]) => [host, values.map(Math.round)])),
        },
      },
      null,
      2,
    ),
  );
  await app.close();
} finally {
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
