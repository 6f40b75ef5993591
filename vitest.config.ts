import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}", "web/**/*.test.{ts,tsx}"],
    environment: "node",
    // Native addons (better-sqlite3, sharp) stay out of worker threads.
    pool: "forks",
    // Vitest's default is one worker fewer than the cores: on the 2-core CI box that is one, and
    // the suite ran one file at a time. PostgreSQL schemas and Redis key prefixes are random per
    // file, so two files at once never share state.
    maxWorkers: 2,
    // Drops the PostgreSQL schemas a file kept for reuse (test/pg-schema-pool.ts).
    setupFiles: ["test/setup.ts"],
    // Compiles dist/server once for the suites that spawn the CLI (test/cli.ts).
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
