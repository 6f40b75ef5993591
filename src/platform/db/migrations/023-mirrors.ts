import type { Kysely } from "kysely";
import type { MigrationContext } from "../migrator.js";

/**
 * Mirror hosts added in the newsroom app (the distribution capability); MIRROR_HOSTS and
 * ONION_HOST stay settings.
 *
 * - `mirror_hosts`: one host and what it serves, an edition code or "all".
 * - `mirror_list_state`: one row, the time the published mirror list last changed and a digest of
 *   the settings it was made from. Every process builds /mirrors.json from the same rows, so the
 *   bytes (and the signature beside them) agree whichever process a reader or a CDN reaches.
 */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  const table = db.schema.createTable("mirror_hosts");
  await (dialect === "postgres"
    ? table.addColumn("id", "serial", (c) => c.primaryKey())
    : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
  )
    .addColumn("host", "text", (c) => c.notNull().unique())
    .addColumn("edition", "text", (c) => c.notNull())
    .addColumn("created_by", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("mirror_list_state")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("changed_at", "text", (c) => c.notNull())
    .addColumn("settings_digest", "text", (c) => c.notNull())
    .execute();
}
