/** Starts and stops `bench-server.ts` in a child process, for the benchmarks that load it over HTTP. */
import { type ChildProcess, fork } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

export interface BenchServer {
  child: ChildProcess;
  port: number;
  articlePath: string;
  homePath: string;
  /** The home page's RSS feed. */
  feedPath: string;
  /** Page 2 of the home list ("Show more news"). */
  page2Path: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Starts the demo site on a free port with the given settings added to this process's environment. */
export async function startBenchServer(dataDir: string, env: Record<string, string>): Promise<BenchServer> {
  const port = await freePort();
  const child = fork(path.join(here, "bench-server.ts"), {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  type Ready = Omit<BenchServer, "child" | "port">;
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("bench server did not start in 120 s")), 120_000);
    child.once("message", (message) => {
      clearTimeout(timer);
      resolve(message as Ready);
    });
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { child, port, ...ready };
}

export async function stopBenchServer(server: BenchServer): Promise<void> {
  await new Promise<void>((resolve) => {
    server.child.once("exit", () => resolve());
    server.child.kill("SIGTERM");
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
