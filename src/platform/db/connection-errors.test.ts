import Fastify from "fastify";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { isAppError } from "../../errors.js";
import { createErrorHandler } from "../http/error-handler.js";
import { openDatabase } from "./database.js";

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
