import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from "kysely";
import type { Dialect } from "./database.js";
import * as m001 from "./migrations/001-content.js";
import * as m002 from "./migrations/002-staff.js";
import * as m003 from "./migrations/003-editorial.js";
import * as m004 from "./migrations/004-live-coverage.js";
import * as m005 from "./migrations/005-newsletters.js";
import * as m006 from "./migrations/006-maps.js";
import * as m007 from "./migrations/007-revenue.js";
import * as m008 from "./migrations/008-search.js";
import * as m009 from "./migrations/009-security.js";
import * as m010 from "./migrations/010-pending-revisions.js";
import * as m011 from "./migrations/011-staff-profiles.js";
import * as m012 from "./migrations/012-article-options.js";
import * as m013 from "./migrations/013-map-stories.js";
import * as m014 from "./migrations/014-translation-markers.js";
import * as m015 from "./migrations/015-review-and-2fa-policy.js";
import * as m016 from "./migrations/016-map-layer-drafts.js";
import * as m017 from "./migrations/017-live-entry-revisions.js";
import * as m018 from "./migrations/018-imports.js";
import * as m019 from "./migrations/019-webhooks.js";
import * as m020 from "./migrations/020-api-keys.js";
import * as m021 from "./migrations/021-telegram.js";
import * as m022 from "./migrations/022-web-push.js";
import * as m023 from "./migrations/023-mirrors.js";
import * as m024 from "./migrations/024-crisis-mode.js";
import * as m025 from "./migrations/025-audio-documents-podcasts.js";
import * as m027 from "./migrations/027-publication-safety.js";
import * as m028 from "./migrations/028-story-budget.js";
import * as m029 from "./migrations/029-audit-log.js";
import * as m030 from "./migrations/030-editorial-notes.js";
import * as m031 from "./migrations/031-analytics.js";
import type { DB } from "./schema.js";
import { scopeToSchema } from "./schema-scope.js";

export interface MigrationContext {
  dialect: Dialect;
}

interface MigrationModule {
  up(db: Kysely<unknown>, context: MigrationContext): Promise<void>;
}

// Listed explicitly so a bundled or relocated build cannot miss one.
const MIGRATIONS: Record<string, MigrationModule> = {
  "001-content": m001,
  "002-staff": m002,
  "003-editorial": m003,
  "004-live-coverage": m004,
  "005-newsletters": m005,
  "006-maps": m006,
  "007-revenue": m007,
  "008-search": m008,
  "009-security": m009,
  "010-pending-revisions": m010,
  "011-staff-profiles": m011,
  "012-article-options": m012,
  "013-map-stories": m013,
  "014-translation-markers": m014,
  "015-review-and-2fa-policy": m015,
  "016-map-layer-drafts": m016,
  "017-live-entry-revisions": m017,
  "018-imports": m018,
  "019-webhooks": m019,
  "020-api-keys": m020,
  "021-telegram": m021,
  "022-web-push": m022,
  "023-mirrors": m023,
  "024-crisis-mode": m024,
  "025-audio-documents-podcasts": m025,
  "027-publication-safety": m027,
  "028-story-budget": m028,
  "029-audit-log": m029,
  "030-editorial-notes": m030,
  "031-analytics": m031,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly context: MigrationContext) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, module] of Object.entries(MIGRATIONS)) {
      out[name] = { up: (db) => module.up(db, this.context) };
    }
    return out;
  }
}

/** Applies pending migrations; returns the names applied. Throws with the failing name. */
export async function migrateToLatest(db: Kysely<DB>, dialect: Dialect): Promise<string[]> {
  return migrate(db, dialect, (migrator) => migrator.migrateToLatest());
}

/** Applies pending migrations up to and including `name`: tests of a migration on existing data. */
export async function migrateThrough(db: Kysely<DB>, dialect: Dialect, name: string): Promise<string[]> {
  return migrate(db, dialect, (migrator) => migrator.migrateTo(name));
}

async function migrate(
  db: Kysely<DB>,
  dialect: Dialect,
  run: (migrator: Migrator) => ReturnType<Migrator["migrateToLatest"]>,
): Promise<string[]> {
  // Unless told the schema, Kysely takes its bookkeeping tables in any schema of the server for
  // ours; two schemas migrating side by side (parallel test suites) then break each other. Its
  // introspection and migration lock are narrowed to the schema too (see schema-scope.ts).
  const schema =
    dialect === "postgres"
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db: schema ? scopeToSchema(db, schema) : db,
    provider: new StaticProvider({ dialect }),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await run(migrator);
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    const name = failed ? ` "${failed.migrationName}"` : "";
    throw new Error(`Migration${name} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
