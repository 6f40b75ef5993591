import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import { buildApp, createServices, type Services } from "../src/app.js";
import { type Config, loadConfig } from "../src/config.js";
import type { OpenImportReader } from "../src/imports/import-runs.service.js";
import { type Database, type Dialect, type OpenOptions, openDatabase } from "../src/platform/db/database.js";
import { migrateThrough, migrateToLatest } from "../src/platform/db/migrator.js";
import { closeRedis, connectRedis, type RedisPurpose, untilReady } from "../src/platform/redis/redis.js";
import {
  acquireMigratedSchema,
  createSchema,
  dropSchema,
  newSchemaName,
  releaseSchema,
  TEST_SESSION_SETTINGS,
} from "./pg-schema-pool.js";

import { TEST_DATABASE_URL, TEST_REDIS_URL } from "./test-env.js";

export { TEST_DATABASE_URL, TEST_REDIS_URL };

export const DIALECTS: Dialect[] = TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];

/**
 * A private corner of the Redis server: a random key prefix (the server is shared with other
 * runs), and a cleanup that deletes every key under it and closes the connections opened here.
 */
export interface TestRedis {
  url: string;
  prefix: string;
  connect(purpose: RedisPurpose, name?: string): Redis;
  /** A connection that is up, for `commands` connections, which refuse commands before that. */
  connectReady(purpose: RedisPurpose, name?: string): Promise<Redis>;
  cleanup(): Promise<void>;
}

export function createTestRedis(): TestRedis {
  if (!TEST_REDIS_URL) throw new Error("TEST_REDIS_URL is not set");
  const url = TEST_REDIS_URL;
  const prefix = `gt${randomBytes(5).toString("hex")}`;
  const opened: Redis[] = [];
  return {
    url,
    prefix,
    connect(purpose, name = "test") {
      const redis = connectRedis(url, purpose, name);
      opened.push(redis);
      return redis;
    },
    async connectReady(purpose, name = "test") {
      const redis = this.connect(purpose, name);
      await untilReady(redis);
      return redis;
    },
    async cleanup() {
      const admin = connectRedis(url, "queue", "test-cleanup");
      let cursor = "0";
      do {
        const [next, keys] = await admin.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
        cursor = next;
        if (keys.length > 0) await admin.del(...keys);
      } while (cursor !== "0");
      await Promise.all([...opened, admin].map((redis) => closeRedis(redis)));
    },
  };
}

export interface TestDatabase extends Database {
  cleanup(): Promise<void>;
}

export interface TestDatabaseOptions extends OpenOptions {
  /**
   * A schema migrated for this test alone, for tests of migrating itself; others get a schema the
   * file migrated once and emptied after the previous test (see pg-schema-pool.ts).
   */
  freshSchema?: boolean;
}

/** A migrated database with no rows: in-memory SQLite, or a private schema on the PostgreSQL server. */
export async function createTestDatabase(
  dialect: Dialect,
  options: TestDatabaseOptions = {},
  /** Stop after this migration, to test a later one on existing data. */
  through?: string,
): Promise<TestDatabase> {
  const { freshSchema, ...openOptions } = options;
  const migrate = (db: Database["db"]) =>
    through ? migrateThrough(db, dialect, through) : migrateToLatest(db, dialect);
  if (dialect === "sqlite") {
    const database = openDatabase({ dialect: "sqlite", file: ":memory:" }, openOptions);
    await migrate(database.db);
    return { ...database, cleanup: () => database.close() };
  }
  const url = TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  const open = (schema: string) =>
    openDatabase(
      { dialect: "postgres", url },
      { ...openOptions, searchPath: schema, settings: { ...TEST_SESSION_SETTINGS, ...openOptions.settings } },
    );
  if (freshSchema || through) {
    const schema = newSchemaName();
    await createSchema(url, schema);
    const database = open(schema);
    await migrate(database.db);
    return {
      ...database,
      cleanup: async () => {
        await database.close();
        await dropSchema(url, schema);
      },
    };
  }
  const schema = await acquireMigratedSchema(url, async (name) => {
    const migrating = open(name);
    try {
      await migrate(migrating.db);
    } finally {
      await migrating.close();
    }
  });
  const database = open(schema);
  return {
    ...database,
    cleanup: async () => {
      await database.close();
      await releaseSchema(url, schema);
    },
  };
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-test-"));
  return loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    PUBLIC_URL: "https://news.example",
    // The cheapest argon2id the settings allow: tests sign in hundreds of times, and check what a
    // hash does, not what it costs.
    PASSWORD_HASH_MEMORY_KIB: "1024",
    PASSWORD_HASH_PASSES: "1",
    ...overrides,
  });
}

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  database: TestDatabase;
  config: Config;
  close(): Promise<void>;
}

/** Services and an HTTP app over a fresh database; `prepare` runs before the services load editions. */
export async function createTestApp(
  dialect: Dialect,
  options: {
    env?: Record<string, string>;
    prepare?: (database: Database, config: Config) => Promise<void>;
    now?: () => Date;
    onQuery?: OpenOptions["onQuery"];
    /** The import readers the admin API's jobs use (the real ones by default). */
    openImportReader?: OpenImportReader;
  } = {},
): Promise<TestApp> {
  const config = testConfig(options.env);
  const database = await createTestDatabase(dialect, { onQuery: options.onQuery });
  await options.prepare?.(database, config);
  const services = await createServices(
    config,
    database,
    options.now,
    options.openImportReader ? { openImportReader: options.openImportReader } : {},
  );
  const app = await buildApp(config, services, {
    logger: false,
    assets: {
      css: "/assets/site.css",
      js: "/assets/site.js",
      beacon: "/assets/beacon.js",
      dir: path.join(config.dataDir, "no-assets"),
      built: false,
    },
  });
  await app.ready();
  return {
    app,
    services,
    database,
    config,
    close: async () => {
      await app.close();
      await database.cleanup();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}
