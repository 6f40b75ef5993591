import { randomBytes } from "node:crypto";
import pg from "pg";

/*
 * Migrating a fresh PostgreSQL schema through every migration takes a second or more, and most
 * integration tests want one. A test file migrates a schema once; when a test is done with it, its
 * rows are deleted and its sequences restarted, and the next test of the file gets it back as good
 * as new. A schema whose structure a test changed (a table created, a column added) is dropped
 * instead of reused, as is any schema the reset fails on. The schemas still idle when the file ends
 * are dropped by test/setup.ts.
 */

/** The PostgreSQL settings of test sessions: their commits need not wait for the disk. */
export const TEST_SESSION_SETTINGS = { synchronous_commit: "off" } as const;

/** Migration bookkeeping: kept, so a reused schema is still known to be migrated. */
const KEPT_TABLES = new Set(["kysely_migration", "kysely_migration_lock"]);

interface PooledSchema {
  name: string;
  fingerprint: string;
  reset: string;
}

const idle: PooledSchema[] = [];
const inUse = new Map<string, PooledSchema>();
let admin: Promise<pg.Client> | undefined;

function adminClient(url: string): Promise<pg.Client> {
  admin ??= (async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // An admin session that breaks (a test restarting the server) is replaced on the next call.
    client.on("error", () => {
      admin = undefined;
    });
    await client.query(`SET synchronous_commit = ${TEST_SESSION_SETTINGS.synchronous_commit}`);
    return client;
  })();
  return admin;
}

async function query<R extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  text: string,
  values?: unknown[],
): Promise<R[]> {
  const client = await adminClient(url);
  return (await client.query<R>(text, values)).rows;
}

export function newSchemaName(): string {
  return `t_${randomBytes(6).toString("hex")}`;
}

export async function createSchema(url: string, schema: string): Promise<void> {
  await query(url, `CREATE SCHEMA ${schema}`);
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  await query(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}

/** Everything a test could change about a schema's structure, hashed. */
async function fingerprint(url: string, schema: string): Promise<string> {
  const rows = await query<{ hash: string }>(
    url,
    `select md5(coalesce(string_agg(item, ',' order by item), '')) as hash from (
       select 'rel:' || relname || ':' || relkind::text as item from pg_class where relnamespace = $1::regnamespace
       union all
       select 'col:' || c.relname || '.' || a.attname || ':' || format_type(a.atttypid, a.atttypmod)
         || ':' || a.attnotnull || ':' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
         from pg_attribute a join pg_class c on c.oid = a.attrelid
         left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
         where c.relnamespace = $1::regnamespace and a.attnum > 0 and not a.attisdropped
       union all
       select 'con:' || conname || ':' || pg_get_constraintdef(oid) from pg_constraint where connamespace = $1::regnamespace
       union all
       select 'idx:' || indexrelid::regclass::text || ':' || pg_get_indexdef(indexrelid)
         from pg_index i join pg_class c on c.oid = i.indrelid where c.relnamespace = $1::regnamespace
       union all
       select 'trg:' || tgname from pg_trigger t join pg_class c on c.oid = t.tgrelid
         where c.relnamespace = $1::regnamespace and not t.tgisinternal
       union all
       select 'fn:' || oid::regprocedure::text from pg_proc where pronamespace = $1::regnamespace
       union all
       select 'type:' || typname from pg_type where typnamespace = $1::regnamespace
     ) items`,
    [schema],
  );
  return rows[0]?.hash ?? "";
}

/**
 * The statements that take a freshly migrated schema's data back to how migrating left it, or
 * undefined when migrating left rows (seed data) that a reset would lose.
 */
async function resetStatements(url: string, schema: string): Promise<string | undefined> {
  const tables = (
    await query<{ name: string }>(
      url,
      "select relname as name from pg_class where relnamespace = $1::regnamespace and relkind in ('r', 'p')",
      [schema],
    )
  )
    .map((row) => row.name)
    .filter((name) => !KEPT_TABLES.has(name));
  if (tables.length > 0) {
    const seeded = await query(
      url,
      tables.map((name) => `select 1 from ${schema}."${name}" having count(*) > 0`).join(" union all "),
    );
    if (seeded.length > 0) return undefined;
  }
  const sequences = await query<{ name: string }>(
    url,
    "select relname as name from pg_class where relnamespace = $1::regnamespace and relkind = 'S'",
    [schema],
  );
  // Replica mode skips triggers and foreign-key checks, so the tables empty in any order.
  return [
    "BEGIN",
    "SET LOCAL session_replication_role = replica",
    ...tables.map((name) => `DELETE FROM ${schema}."${name}"`),
    ...sequences.map((row) => `ALTER SEQUENCE ${schema}."${row.name}" RESTART`),
    "COMMIT",
  ].join(";\n");
}

/**
 * A migrated schema for a test: an idle one of this file's, or a new one that `migrate` migrates.
 * Give it back with `releaseSchema` once no connection uses it.
 */
export async function acquireMigratedSchema(url: string, migrate: (schema: string) => Promise<void>): Promise<string> {
  const reused = idle.pop();
  if (reused) {
    inUse.set(reused.name, reused);
    return reused.name;
  }
  const name = newSchemaName();
  await createSchema(url, name);
  await migrate(name);
  const [hash, reset] = await Promise.all([fingerprint(url, name), resetStatements(url, name)]);
  if (reset !== undefined) inUse.set(name, { name, fingerprint: hash, reset });
  return name;
}

/** Empties the schema for the next test, or drops it when it cannot be made as good as new. */
export async function releaseSchema(url: string, schema: string): Promise<void> {
  const pooled = inUse.get(schema);
  inUse.delete(schema);
  if (pooled) {
    try {
      if ((await fingerprint(url, schema)) === pooled.fingerprint) {
        await query(url, pooled.reset);
        idle.push(pooled);
        return;
      }
    } catch {
      // A reset that fails (no superuser to skip the foreign keys) costs only the reuse.
      await query(url, "ROLLBACK").catch(() => undefined);
    }
  }
  await dropSchema(url, schema);
}

/** Drops this file's idle schemas and closes the admin session (test/setup.ts, after each file). */
export async function dropIdleSchemas(url: string | undefined): Promise<void> {
  const current = admin;
  if (!url || !current) return;
  try {
    for (const schema of idle.splice(0)) await dropSchema(url, schema.name);
  } finally {
    admin = undefined;
    await (await current).end().catch(() => undefined);
  }
}
