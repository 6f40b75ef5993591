import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { COMPILED_MAIN, ensureCompiledServer } from "../../test/compiled-server.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

const HOST = "127.0.0.1";
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

/** A real Gazette server in a child process, on its own port, with fresh demo content. */
export interface TestServer {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  origin: string;
  /** The last lines the server printed, for failure messages. */
  output(): string;
  /** The server's data directory (its SQLite file is `gazette.db` there). */
  dataDir: string;
  /** The one-time owner-setup link the server prints on its first start (`Owner setup: <url>`). */
  ownerSetupUrl(): string | undefined;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`The server exited with ${child.exitCode} before it was ready:\n${output()}`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await delay(150);
  }
  throw new Error(`The server did not answer /healthz within ${START_TIMEOUT_MS} ms:\n${output()}`);
}

/**
 * Starts the compiled server (`node dist/server/main.js`, compiled by the global setup) with an empty DATA_DIR (so it seeds the demo content), waits for
 * GET /healthz, and returns a handle whose `stop()` sends SIGTERM and removes the directory.
 * `env` adds settings for one suite (e.g. Stripe keys pointed at a fake API).
 */
export async function startServer(options: { env?: Record<string, string> } = {}): Promise<TestServer> {
  const manifest = path.join(ROOT, "dist", "client", ".vite", "manifest.json");
  if (!fs.existsSync(manifest)) throw new Error("Browser assets are not built: run `npm run build` first.");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-e2e-data-"));
  const port = await freePort();
  const url = `http://${HOST}:${port}`;
  await ensureCompiledServer();
  const child = spawn(process.execPath, [COMPILED_MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST,
      DATA_DIR: dataDir,
      PUBLIC_URL: url,
      LOG_LEVEL: "warn",
      NODE_ENV: "test",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  let ownerSetupUrl: string | undefined;
  const collect = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
    ownerSetupUrl ??= /^Owner setup: (\S+)$/m.exec(log)?.[1];
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  let stopping = false;
  const stop = async () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      await exited(child);
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(url, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  child.on("exit", (code, signal) => {
    if (!stopping) console.error(`The test server exited unexpectedly (${signal ?? code}):\n${log}`);
  });
  return { url, origin: url, output: () => log, dataDir, ownerSetupUrl: () => ownerSetupUrl, stop };
}
