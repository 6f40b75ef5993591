import { afterAll } from "vitest";
import { dropIdleSchemas } from "./pg-schema-pool.js";
import { TEST_DATABASE_URL } from "./test-env.js";

// Runs in every test file: the PostgreSQL schemas a file kept for reuse go with it.
afterAll(() => dropIdleSchemas(TEST_DATABASE_URL));
