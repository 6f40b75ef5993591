import type { Kysely } from "kysely";
import type { MigrationContext } from "../migrator.js";

/**
 * Newsroom-wide staff settings and the review workflow.
 *
 * `staff_settings` holds one JSON document per key (today only `security`, with the owner's
 * two-factor requirement); a missing row means the defaults, so an existing newsroom keeps
 * working as before. Articles gain the note an editor leaves when returning a story to its
 * author: the text, who wrote it and when. It stays on the story until the next submission.
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  await db.schema
    .createTable("staff_settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "integer")
    .execute();
  await db.schema.alterTable("articles").addColumn("return_note", "text").execute();
  await db.schema.alterTable("articles").addColumn("return_note_by", "text").execute();
  await db.schema.alterTable("articles").addColumn("return_note_at", "text").execute();
}
