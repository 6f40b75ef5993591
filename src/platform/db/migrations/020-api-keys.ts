import type { Kysely } from "kysely";
import type { MigrationContext } from "../migrator.js";

/**
 * Keys of the public Content API (`/api/v1/`), one per partner. Only the SHA-256 of a key is kept;
 * `prefix` is its first characters, enough for people to tell keys apart in a list. A revoked key
 * keeps its row (and its usage) for the record.
 */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  const table = db.schema.createTable("api_keys");
  await (dialect === "postgres"
    ? table.addColumn("id", "serial", (c) => c.primaryKey())
    : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
  )
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("key_hash", "text", (c) => c.notNull().unique())
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("last_used_at", "text")
    .addColumn("request_count", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}
