import {
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  type DialectAdapter,
  type Kysely,
  type SchemaMetadata,
  sql,
  type TableMetadata,
} from "kysely";

/*
 * Several databases can live side by side as schemas of one PostgreSQL server (each parallel test
 * suite has its own). Kysely's migrator assumes it owns the server: its introspection reads the
 * tables of every schema, while other suites create and drop theirs, and its migration lock is one
 * advisory lock for the whole server, so every suite's migrations wait for every other's. Migrations
 * only touch their own schema, so both are narrowed to it here.
 */

/** The Kysely instance as the migrator should see it: introspection and migration lock of `schema` only. */
export function scopeToSchema<DB>(db: Kysely<DB>, schema: string): Kysely<DB> {
  const introspection = new SchemaIntrospector(db, schema);
  const executor = db.getExecutor();
  const adapter = schemaLockAdapter(executor.adapter, schema);
  const scopedExecutor = new Proxy(executor, {
    get: (target, property) => (property === "adapter" ? adapter : bound(target, property)),
  });
  return new Proxy(db, {
    get(target, property) {
      if (property === "introspection") return introspection;
      if (property === "getExecutor") return () => scopedExecutor;
      return bound(target, property);
    },
  });
}

// Kysely keeps its state in private fields, so its methods must run on the real instance.
function bound(target: object, property: string | symbol): unknown {
  const value = Reflect.get(target, property, target);
  return typeof value === "function" ? value.bind(target) : value;
}

// Arbitrary: keeps these locks apart from any other advisory lock the application might take.
export const MIGRATION_LOCK_CLASS = 0x6761_7a65;

/** Kysely's adapter, with a session advisory lock per schema instead of one for the server. */
function schemaLockAdapter(adapter: DialectAdapter, schema: string): DialectAdapter {
  const scoped: DialectAdapter = Object.create(adapter);
  scoped.acquireMigrationLock = async (db) => {
    await sql`select pg_advisory_lock(${sql.lit(MIGRATION_LOCK_CLASS)}, hashtext(${schema}))`.execute(db);
  };
  scoped.releaseMigrationLock = async (db) => {
    await sql`select pg_advisory_unlock(${sql.lit(MIGRATION_LOCK_CLASS)}, hashtext(${schema}))`.execute(db);
  };
  return scoped;
}

interface ColumnRow {
  table: string;
  table_type: string;
  column: string;
  not_null: boolean;
  has_default: boolean;
  type: string;
  type_schema: string;
  column_description: string | null;
  auto_incrementing: string | null;
}

/** PostgreSQL introspection limited to one schema; the same answers as Kysely's for that schema. */
export class SchemaIntrospector<DB> implements DatabaseIntrospector {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly schema: string,
  ) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`
      select nspname as name from pg_catalog.pg_namespace where nspname = ${this.schema}`.execute(this.db);
    return rows;
  }

  async getTables(options: DatabaseMetadataOptions = { withInternalKyselyTables: false }): Promise<TableMetadata[]> {
    // Kysely's own query, filtered to the schema.
    const { rows } = await sql<ColumnRow>`
      select c.relname as table, c.relkind as table_type, a.attname as column,
        a.attnotnull as not_null, a.atthasdef as has_default, typ.typname as type,
        dtns.nspname as type_schema, col_description(a.attrelid, a.attnum) as column_description,
        pg_get_serial_sequence(quote_ident(ns.nspname) || '.' || quote_ident(c.relname), a.attname)
          as auto_incrementing
      from pg_catalog.pg_attribute a
        join pg_catalog.pg_class c on a.attrelid = c.oid
        join pg_catalog.pg_namespace ns on c.relnamespace = ns.oid
        join pg_catalog.pg_type typ on a.atttypid = typ.oid
        join pg_catalog.pg_namespace dtns on typ.typnamespace = dtns.oid
      where ns.nspname = ${this.schema} and c.relkind in ('r', 'v', 'p')
        and a.attnum >= 0 and not a.attisdropped
      order by c.relname, a.attnum`.execute(this.db);
    const tables = new Map<string, TableMetadata & { columns: TableMetadata["columns"][number][] }>();
    const internal = [DEFAULT_MIGRATION_TABLE, DEFAULT_MIGRATION_LOCK_TABLE];
    for (const row of rows) {
      if (!options.withInternalKyselyTables && internal.includes(row.table)) continue;
      let table = tables.get(row.table);
      if (!table) {
        table = { name: row.table, schema: this.schema, isView: row.table_type === "v", columns: [] };
        tables.set(row.table, table);
      }
      table.columns.push({
        name: row.column,
        dataType: row.type,
        dataTypeSchema: row.type_schema,
        isNullable: !row.not_null,
        isAutoIncrementing: row.auto_incrementing !== null,
        hasDefaultValue: row.has_default,
        ...(row.column_description === null ? {} : { comment: row.column_description }),
      });
    }
    return [...tables.values()];
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}
