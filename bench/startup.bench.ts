/**
 * Start-up benchmark: time from spawning the server to its first 200 on /healthz, on an existing
 * database, for the compiled start (`npm start`: node on dist/server, nothing to rebuild) and the
 * tsx start (TypeScript compiled on the fly, as before). Each runs BENCH_ROUNDS times (default 5),
 * alternating; prints the medians as JSON. The database is created and seeded by a first,
 * untimed start; the browser assets and the compiled server are built first if out of date.
 *
 * BENCH_BASELINE=<dir> adds a third start, `node scripts/start.mjs` in another checkout (an
 * earlier commit, built there beforehand), timed in the same rounds on the same database, so a
 * change is measured against what it replaces under the same load.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { clientIsCurrent, serverIsCurrent } from "../scripts/build-stamp.mjs";
import { freePort, median } from "./support/bench-process.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const baselineDir = process.env.BENCH_BASELINE ? path.resolve(process.env.BENCH_BASELINE) : undefined;

type Start = { cwd: string; args: string[] };
const STARTS: Record<string, Start> = {
  compiled: { cwd: root, args: ["scripts/start.mjs"] },
  tsx: { cwd: root, args: ["--import", "tsx", "src/main.ts"] },
  ...(baselineDir ? { baseline: { cwd: baselineDir, args: ["scripts/start.mjs"] } } : {}),
};

async function untilHealthy(port: number, child: ChildProcess): Promise<void> {
  let exited = false;
  child.once("exit", () => (exited = true));
  for (;;) {
    if (exited) throw new Error("the server exited before answering /healthz");
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function timeStart(kind: string, dataDir: string): Promise<number> {
  const port = await freePort();
  const { cwd, args } = STARTS[kind] as Start;
  const started = performance.now();
  const child = spawn("node", args, {
    cwd,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await untilHealthy(port, child);
    return Math.round(performance.now() - started);
  } finally {
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  }
}

async function main(): Promise<void> {
  if (!clientIsCurrent()) spawnSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
  if (!serverIsCurrent()) spawnSync("node", ["scripts/build-server.mjs"], { cwd: root, stdio: "inherit" });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-startup-bench-"));
  try {
    const firstStartMs = await timeStart("compiled", dataDir);
    const kinds = Object.keys(STARTS);
    const samples: Record<string, number[]> = Object.fromEntries(kinds.map((kind) => [kind, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of kinds) samples[kind]?.push(await timeStart(kind, dataDir));
    }
    const summary = (values: number[]) => ({ medianMs: median(values), samplesMs: values });
    console.log(
      JSON.stringify(
        {
          benchmark: "startup",
          machine: {
            cpus: os.cpus().length,
            node: process.version,
            loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
          },
          settings: { rounds: ROUNDS, baseline: baselineDir ?? null },
          results: {
            firstStartSeedingMs: firstStartMs,
            ...Object.fromEntries(kinds.map((kind) => [kind, summary(samples[kind] ?? [])])),
          },
          targets: { compiledMedianMs: 3000 },
        },
        null,
        2,
      ),
    );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
