import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT, SERVER_CLI, SERVER_MAIN, serverIsCurrent } from "../scripts/build-stamp.mjs";

/*
 * Tests that run the CLI or the server as a separate process (the CLI suites, every e2e suite) run
 * the compiled server in dist/server, as `npm start` does: starting it takes node a fraction of
 * what compiling the TypeScript through tsx on every start takes.
 */

export const COMPILED_CLI = path.join(ROOT, SERVER_CLI);
/** `node dist/server/main.js` starts the server, as `tsx src/main.ts` does. */
export const COMPILED_MAIN = path.join(ROOT, SERVER_MAIN);

const LOCK = path.join(ROOT, "dist", ".server-build.lock");
// A lock older than any build is left over from a killed run.
const STALE_LOCK_MS = 120_000;

/**
 * Compiles dist/server unless it was compiled from the sources as they are. Two test runs at once
 * (a second vitest, the e2e suite) take turns through a lock file, so neither sees a half-written
 * build.
 */
export async function ensureCompiledServer(): Promise<void> {
  if (serverIsCurrent()) return;
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      fs.writeFileSync(LOCK, String(process.pid), { flag: "wx" });
      break;
    } catch {
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) fs.rmSync(LOCK, { force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    if (!serverIsCurrent()) {
      execFileSync(process.execPath, [path.join(ROOT, "scripts", "build-server.mjs")], { stdio: "pipe" });
    }
  } finally {
    fs.rmSync(LOCK, { force: true });
  }
}
