import { type ChildProcess, spawn } from "node:child_process";
import { PROJECT_ROOT } from "../src/app.js";
import { COMPILED_CLI, ensureCompiledServer } from "./compiled-server.js";

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The `gazette` command as a process of its own, from the compiled server (test/global-setup.ts
 * compiles it; `ensureCompiledServer` again here in case a source changed since, as in watch mode).
 * The environment is clean: the CLI must work from its own settings, not whatever this shell has.
 */
export async function startCli(args: string[], env: Record<string, string>): Promise<ChildProcess> {
  await ensureCompiledServer();
  return spawn(process.execPath, [COMPILED_CLI, ...args], {
    cwd: PROJECT_ROOT,
    env: { LOG_LEVEL: "silent", PUBLIC_URL: "https://news.example", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
}

/** Runs the command to its end, with `stdin` as its input (none by default). */
export async function runCli(args: string[], env: Record<string, string>, stdin?: string): Promise<CliRun> {
  const child = await startCli(args, env);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => (stdout += chunk));
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  child.stdin?.end(stdin ?? "");
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}
