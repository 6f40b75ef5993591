import fs from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, type LogEvent, PostgresDialect, type PostgresPool, SqliteDialect } from "kysely";
import pg from "pg";
import type { DatabaseConfig } from "../../config.js";
import { AppError } from "../../errors.js";
import type { DB } from "./schema.js";

export type Dialect = "sqlite" | "postgres";

export interface Database {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  close(): Promise<void>;
}

// PostgreSQL returns COUNT(*) and BIGINT as strings; every bigint we store fits a JS number.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

export interface OpenOptions {
  /** PostgreSQL schema to work in (tests use a private one each). */
  searchPath?: string;
  /** Further PostgreSQL session settings (tests turn off synchronous commit: their data is disposable). */
  settings?: Readonly<Record<string, string>>;
  /** Called after every query; tests use it to prove that a cache hit runs no SQL. */
  onQuery?: (event: LogEvent) => void;
  /** Told when an idle PostgreSQL connection breaks (a server restart); the pool replaces it. */
  onConnectionError?: (error: unknown) => void;
}

export function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Database {
  const log = options.onQuery;
  if (config.dialect === "sqlite") {
    if (config.file !== ":memory:") fs.mkdirSync(path.dirname(config.file), { recursive: true });
    const sqlite = new SqliteDatabase(config.file);
    // WAL lets readers proceed during a write; NORMAL sync is durable across process crashes.
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    const db = new Kysely<DB>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
      ...(log ? { log } : {}),
    });
    return { db, dialect: "sqlite", close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: 10,
    // A request waits at most this long for a connection, then is answered 503 (see below).
    connectionTimeoutMillis: 3000,
    // A server that stops answering mid-query (a partition, not a refusal) ends the query here.
    query_timeout: 30_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    ...sessionOptions(options),
  });
  // Without a listener, an idle connection closed by a server restart would crash the process.
  pool.on("error", (error) => options.onConnectionError?.(error));
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: guardConnections(pool) }),
    ...(log ? { log } : {}),
  });
  return { db, dialect: "postgres", close: () => db.destroy() };
}

function sessionOptions(options: OpenOptions): { options?: string } {
  const settings = { ...options.settings, ...(options.searchPath ? { search_path: options.searchPath } : {}) };
  const flags = Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`);
  return flags.length > 0 ? { options: flags.join(" ") } : {};
}

// Node's socket errors and PostgreSQL's connection classes (08), operator intervention (57P:
// shutdown, starting up) and too many connections (53300).
const CONNECTION_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

/** True when the error means the database could not be reached, rather than a bad query. */
export function isConnectionFailure(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  if (error instanceof AppError) return error.code === "database_unavailable";
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && CONNECTION_ERROR_CODES.has(code);
}

function databaseUnavailable(cause: unknown): AppError {
  const error = new AppError("database_unavailable", "The database is not reachable right now; try again in a moment.");
  Object.defineProperty(error, "cause", { value: cause });
  return error;
}

/**
 * Turns "cannot reach PostgreSQL" into one error, `database_unavailable` (503), at the source:
 * a failed connect, a refused or reset connection, or a query on a connection that broke. The
 * pool keeps trying new connections, so requests succeed again once the server is back.
 */
function guardConnections(pool: pg.Pool): PostgresPool {
  return {
    async connect() {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw databaseUnavailable(error);
      }
      let broken = false;
      const onError = () => {
        broken = true;
      };
      // A checked-out connection that breaks between queries emits this; unheard, it would crash.
      client.on("error", onError);
      const translate = (error: unknown) => {
        // pg's own "connection terminated" and read-timeout errors carry no code.
        const codeless = error instanceof Error && !("code" in error);
        if (broken || codeless || isConnectionFailure(error)) {
          broken = true;
          throw databaseUnavailable(error);
        }
        throw error;
      };
      return {
        query: ((...args: Parameters<pg.PoolClient["query"]>) => {
          const result = (client.query as (...a: unknown[]) => unknown)(...args);
          return result instanceof Promise ? result.catch(translate) : result;
        }) as never,
        release() {
          client.off("error", onError);
          // A broken connection is destroyed instead of going back to the pool.
          client.release(broken || undefined);
        },
      };
    },
    end: () => pool.end(),
  };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; on a page render that is a third of the SQL time. The same
 * few query shapes repeat, so prepared statements are kept by SQL text. Safe because Kysely runs
 * each statement to completion synchronously (`all`/`run`), so a cached one is never busy.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDatabase.Database {
  const statements = new Map<string, SqliteDatabase.Statement>();
  const prepare = (source: string): SqliteDatabase.Statement => {
    let statement = statements.get(source);
    if (!statement) {
      statement = sqlite.prepare(source);
      statements.set(source, statement);
      if (statements.size > STATEMENT_CACHE_SIZE) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
    }
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === "prepare") return prepare;
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** True when the error is a unique-constraint violation, on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const code = (error as { code?: unknown }).code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/** True when the error is a foreign-key violation (a row still in use), on either dialect. */
export function isForeignKeyViolation(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const code = (error as { code?: unknown }).code;
  return code === "23503" || code === "SQLITE_CONSTRAINT_FOREIGNKEY";
}
