/** Gazette processes for the scale bench: real `gazette start --role …` children on their own ports. */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type Role = "web" | "worker" | "all";

export class GazetteProcess {
  private child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    readonly role: Role,
    readonly port: number,
    env: Record<string, string>,
    logDir: string,
  ) {
    const log = fs.openSync(path.join(logDir, `${name}.log`), "a");
    this.child = spawn(process.execPath, ["--import", "tsx", "src/cli/gazette.ts", "start", "--role", role], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", ...env, PORT: String(port), HOST: "127.0.0.1" },
      stdio: ["ignore", log, log],
    });
    this.exited = new Promise((resolve) => this.child.once("exit", (code) => resolve(code)));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  url(pathname: string): string {
    return `http://127.0.0.1:${this.port}${pathname}`;
  }

  /** Waits until /readyz answers 200 (migrated, connected, listening). */
  async ready(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null)
        throw new Error(`${this.name} exited with ${this.child.exitCode} while starting`);
      const status = await fetch(this.url("/readyz"), { signal: AbortSignal.timeout(1000) })
        .then((r) => r.status)
        .catch(() => 0);
      if (status === 200) return;
      await sleep(200);
    }
    throw new Error(`${this.name} was not ready within ${timeoutMs} ms`);
  }

  kill(signal: NodeJS.Signals): void {
    if (this.child.exitCode === null) this.child.kill(signal);
  }

  async stop(): Promise<void> {
    this.kill("SIGTERM");
    const timer = setTimeout(() => this.kill("SIGKILL"), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** `gazette <args>` to completion, e.g. `token create`; returns stdout. */
export function runCli(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "src/cli/gazette.ts", ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? "", ...env } },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${args.join(" ")}: ${stderr || error.message}`)) : resolve(stdout),
    );
  });
}

export interface HubRequest {
  path: string;
  topic: string | null;
  receivedAt: number;
  /** "answered" (2xx sent), "aborted" (the caller went away first) or "open". */
  outcome: "answered" | "aborted" | "open";
}

/**
 * Stands in for a WebSub hub and a CDN's purge API. While `holdMs` is set, pings are held that
 * long before the answer, so a job can be caught in the middle.
 */
export class FakeHub {
  readonly requests: HubRequest[] = [];
  /** How long WebSub pings are held before the answer. */
  holdMs = 0;
  /** How long CDN purge calls are held before the answer. */
  holdPurgesMs = 0;
  private server: http.Server;

  private constructor(readonly port: number) {
    this.server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const topic = new URLSearchParams(body).get("hub.url");
        const entry: HubRequest = { path: request.url ?? "/", topic, receivedAt: Date.now(), outcome: "open" };
        this.requests.push(entry);
        const hold = request.url === "/purge" ? this.holdPurgesMs : this.holdMs;
        response.on("close", () => {
          if (entry.outcome === "open") entry.outcome = response.writableFinished ? "answered" : "aborted";
        });
        setTimeout(() => {
          if (response.destroyed) return;
          response.writeHead(request.url === "/purge" ? 200 : 204).end();
        }, hold);
      });
    });
  }

  static async start(port: number): Promise<FakeHub> {
    const hub = new FakeHub(port);
    await new Promise<void>((resolve) => hub.server.listen(port, "127.0.0.1", resolve));
    return hub;
  }

  pings(): HubRequest[] {
    return this.requests.filter((r) => r.path !== "/purge");
  }

  purges(): HubRequest[] {
    return this.requests.filter((r) => r.path === "/purge");
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

export interface LoadStats {
  requests: number;
  byStatus: Record<string, number>;
  /** Status 0: no answer (refused, reset, timed out). */
  failures: number;
  maxMs: number;
  p99Ms: number;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** A steady background load: `workers` loops of GETs over the URLs, until stopped. */
export function backgroundLoad(urls: string[], workers: number, headers: Record<string, string> = {}) {
  let running = true;
  const latencies: number[] = [];
  const byStatus: Record<string, number> = {};
  const loops = Array.from({ length: workers }, async (_, w) => {
    let i = w;
    while (running) {
      const url = urls[i++ % urls.length] as string;
      const started = performance.now();
      const status = await fetch(url, { headers, signal: AbortSignal.timeout(5000) })
        .then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        })
        .catch(() => 0);
      latencies.push(performance.now() - started);
      byStatus[status] = (byStatus[status] ?? 0) + 1;
    }
  });
  return {
    async stop(): Promise<LoadStats> {
      running = false;
      await Promise.all(loops);
      return {
        requests: latencies.length,
        byStatus,
        failures: byStatus[0] ?? 0,
        maxMs: Math.round(Math.max(0, ...latencies)),
        p99Ms: Math.round(percentile(latencies, 99)),
      };
    },
  };
}
