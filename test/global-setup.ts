import { ensureCompiledServer } from "./compiled-server.js";

// Once per run, before any test file: the CLI and e2e suites spawn the compiled server.
export default async function setup(): Promise<void> {
  await ensureCompiledServer();
}
