import type { Kysely } from "kysely";
import type { MigrationContext } from "../migrator.js";

/**
 * Crisis mode (issue #16): one row per edition that has ever been switched.
 *
 * A table of its own rather than a document in `settings`: ending the mode at `until` must be a
 * conditional update (`… WHERE enabled = 1 AND until = ?`), so an end job that runs twice, or late
 * after an editor switched the mode on again with a new end, changes nothing. `settings` rows are
 * written whole and could not express that.
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  await db.schema
    .createTable("crisis_modes")
    .addColumn("edition_code", "text", (c) => c.primaryKey())
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("until", "text")
    .addColumn("changed_at", "text", (c) => c.notNull())
    .addColumn("changed_by", "text")
    .execute();
}
