import { ensureCompiledServer } from "./compiled-server.js";

// Once per run, before any test file: the CLI suites spawn the compiled server (test/cli.ts).
export default async function setup(): Promise<void> {
  await ensureCompiledServer();
}
