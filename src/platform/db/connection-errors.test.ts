import Fastify from "fastify";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTestDatabase, TEST_DATABASE_URL } from "../../../test/harness.js";
import { isAppError } from "../../errors.js";
import { createErrorHandler } from "../http/error-handler.js";
import { openDatabase } from "./database.js";
import type { DB } from "./schema.js";

// Nothing listens on port 1: connecting is refused at once, as when PostgreSQL is down.
const UNREACHABLE = "postgres://postgres@127.0.0.1:1/gazette";

describe("PostgreSQL out of reach", () => {
  it("fails a query at once with database_unavailable instead of a raw socket error", async () => {
    const database = openDatabase({ dialect: "postgres", url: UNREACHABLE });
    try {
      const error = await sql`select 1`.execute(database.db).catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe("database_unavailable");
    } finally {
      await database.close();
    }
  });

  it("answers a request that needs the database with a 503 the client can retry", async () => {
    const database = openDatabase({ dialect: "postgres", url: UNREACHABLE });
    const app = Fastify({ logger: false });
    app.setErrorHandler(createErrorHandler());
    app.get("/admin/api/things", async () => (await sql<{ n: number }>`select 1 as n`.execute(database.db)).rows);
    try {
      const response = await app.inject({ url: "/admin/api/things" });
      expect(response.statusCode).toBe(503);
      expect(response.json().code).toBe("database_unavailable");
      expect(response.headers["retry-after"]).toBe("5");
    } finally {
      await app.close();
      await database.close();
    }
  });
});

describe.skipIf(!TEST_DATABASE_URL)("PostgreSQL cutting connections (a restart)", () => {
  async function terminate(pid: number): Promise<void> {
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query("SELECT pg_terminate_backend($1)", [pid]);
    } finally {
      await admin.end();
    }
  }
  const backendPid = async (database: { db: Kysely<DB> }) =>
    (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db)).rows[0]?.pid as number;

  it("survives an idle connection being cut and answers the next query on a new one", async () => {
    const brokenConnections: unknown[] = [];
    const database = await createTestDatabase("postgres", { onConnectionError: (e) => brokenConnections.push(e) });
    try {
      const first = await backendPid(database);
      await terminate(first);
      for (let i = 0; i < 100 && brokenConnections.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(brokenConnections).toHaveLength(1);
      expect(await backendPid(database)).not.toBe(first);
    } finally {
      await database.cleanup();
    }
  });

  it("answers database_unavailable for a query cut in the middle, then recovers by itself", async () => {
    const database = await createTestDatabase("postgres");
    try {
      const pid = await backendPid(database);
      const slow = sql`select pg_sleep(5)`.execute(database.db).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 200));
      await terminate(pid);
      const error = await slow;
      expect(isAppError(error) && error.code).toBe("database_unavailable");
      expect(await backendPid(database)).not.toBe(pid);
    } finally {
      await database.cleanup();
    }
  });
});
