/**
 * Private PostgreSQL and Redis servers for the scale bench, in a temporary directory on their
 * own ports. The machine's shared servers are never touched: the fault cases restart these.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await sleep(50);
  }
  throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
}

function postgresBin(name: string): string {
  const versions = fs.readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const file = path.join("/usr/lib/postgresql", version, "bin", name);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`PostgreSQL's ${name} is not installed under /usr/lib/postgresql`);
}

/** Runs a PostgreSQL tool as the postgres user when we are root (initdb refuses root). */
function asPostgres(file: string, args: string[]): string {
  const command = process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--", file, ...args] : [file, ...args];
  return execFileSync(command[0] as string, command.slice(1), { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export class PrivatePostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/gazette`;
  }

  static async start(): Promise<PrivatePostgres> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-scale-pg-"));
    fs.chmodSync(root, 0o777);
    const dir = path.join(root, "data");
    const port = await freePort();
    asPostgres(postgresBin("initdb"), ["-D", dir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
    const pg = new PrivatePostgres(dir, port);
    pg.startServer();
    asPostgres(postgresBin("createdb"), ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "gazette"]);
    return pg;
  }

  startServer(): void {
    const options = `-p ${this.port} -k ${path.dirname(this.dir)} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
    asPostgres(postgresBin("pg_ctl"), [
      "-D",
      this.dir,
      "-o",
      options,
      "-l",
      path.join(path.dirname(this.dir), "log"),
      "-w",
      "start",
    ]);
  }

  /** A fast shutdown: sessions are cut, as in a real restart or failover. */
  stopServer(): void {
    asPostgres(postgresBin("pg_ctl"), ["-D", this.dir, "-m", "fast", "-w", "stop"]);
  }

  async destroy(): Promise<void> {
    try {
      this.stopServer();
    } catch {
      // Already stopped.
    }
    fs.rmSync(path.dirname(this.dir), { recursive: true, force: true });
  }
}

export class PrivateRedis {
  private process: ChildProcess | undefined;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<PrivateRedis> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-scale-redis-"));
    const redis = new PrivateRedis(dir, await freePort());
    await redis.startServer();
    return redis;
  }

  /** With an append-only file, as the deployment guide asks, so queued jobs outlive a restart. */
  async startServer(): Promise<void> {
    this.process = spawn(
      "redis-server",
      [
        "--port",
        String(this.port),
        "--bind",
        "127.0.0.1",
        "--dir",
        this.dir,
        "--save",
        "",
        "--appendonly",
        "yes",
        "--appendfsync",
        "always",
      ],
      { stdio: "ignore" },
    );
    await waitForPort(this.port, 5000);
  }

  /** SHUTDOWN as a restart does: the append-only file is complete, every client is cut. */
  async stopServer(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }

  async destroy(): Promise<void> {
    await this.stopServer();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
