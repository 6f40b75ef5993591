import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}", "web/**/*.test.{ts,tsx}"],
    environment: "node",
    // Native addons (better-sqlite3, sharp) stay out of worker threads.
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
