import { sql } from "kysely";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from "../../../test/harness.js";
import { migrateToLatest } from "./migrator.js";
import { MIGRATION_LOCK_CLASS, SchemaIntrospector } from "./schema-scope.js";

// Kysely's own migration lock: one advisory lock for the whole server.
const KYSELY_SERVER_LOCK = "3853314791062309107";

const currentSchema = async (database: TestDatabase) =>
  (await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)).rows[0]?.schema ?? "";

/** Another session on the server, as a parallel suite would have. */
async function otherSession(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  return client;
}

describe.skipIf(!TEST_DATABASE_URL)("migrations in one schema of a shared PostgreSQL server", () => {
  const opened: TestDatabase[] = [];
  const open = async (through?: string) => {
    const database = await createTestDatabase("postgres", { freshSchema: true }, through);
    opened.push(database);
    return database;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((database) => database.cleanup()));
  });

  it("introspects only its own schema, with the answers Kysely gives for that schema", async () => {
    const mine = await open();
    const theirs = await open();
    await sql`create table only_theirs (id serial primary key)`.execute(theirs.db);
    const schema = await currentSchema(mine);

    const scoped = await new SchemaIntrospector(mine.db, schema).getTables({ withInternalKyselyTables: true });
    const kysely = (await mine.db.introspection.getTables({ withInternalKyselyTables: true })).filter(
      (table) => table.schema === schema,
    );
    expect(scoped.map((table) => table.name)).toContain("articles");
    expect(scoped.map((table) => table.name)).not.toContain("only_theirs");
    expect(scoped).toEqual(kysely);
    const withoutBookkeeping = await new SchemaIntrospector(mine.db, schema).getTables();
    expect(withoutBookkeeping.map((table) => table.name)).not.toContain("kysely_migration");
  });

  it("does not wait while another suite holds the server-wide migration lock", async () => {
    const session = await otherSession();
    try {
      await session.query(`select pg_advisory_lock(${KYSELY_SERVER_LOCK})`);
      const database = await open();
      expect((await database.db.selectFrom("articles").select("id").execute()).length).toBe(0);
    } finally {
      await session.end();
    }
  });

  it("still waits for a migration of the same schema to finish", async () => {
    const database = await open("001-content");
    const schema = await currentSchema(database);
    const session = await otherSession();
    try {
      await session.query("select pg_advisory_lock($1, hashtext($2))", [MIGRATION_LOCK_CLASS, schema]);
      let finished = false;
      const migrating = migrateToLatest(database.db, "postgres").finally(() => {
        finished = true;
      });
      // Until the migration asks for the lock and is made to wait.
      for (;;) {
        const { rows } = await session.query(
          `select count(*)::int as waiting from pg_locks
           where locktype = 'advisory' and not granted and classid = $1 and objid = hashtext($2)::oid`,
          [MIGRATION_LOCK_CLASS, schema],
        );
        if (rows[0].waiting > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(finished).toBe(false);
      await session.query("select pg_advisory_unlock($1, hashtext($2))", [MIGRATION_LOCK_CLASS, schema]);
      expect((await migrating).length).toBeGreaterThan(0);
    } finally {
      await session.end();
    }
  });
});
