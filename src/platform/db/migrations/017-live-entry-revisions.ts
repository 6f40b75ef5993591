import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "../migrator.js";

/**
 * Edits of live entries keep their own small history, and the maps capability keeps the places each
 * entry names.
 *
 * - `live_entries.edited_at`: when the text last changed after it was posted; readers see "edited"
 *   with that time. `updated_at` moves on pinning too, so it cannot say this.
 * - `live_entry_revisions` (newsroom): one row per saved text of an entry, the first as posted.
 *   Entries posted before this migration start with their current text as the first revision.
 * - `live_entry_places` (maps): places the geotagger found in an entry, or an editor confirmed or
 *   removed, like `article_places` for the article itself.
 */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  const id = (builder: ReturnType<Kysely<unknown>["schema"]["createTable"]>) =>
    dialect === "postgres"
      ? builder.addColumn("id", "serial", (c) => c.primaryKey())
      : builder.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());

  await db.schema.alterTable("live_entries").addColumn("edited_at", "text").execute();

  await id(db.schema.createTable("live_entry_revisions"))
    .addColumn("entry_id", "integer", (c) => c.notNull().references("live_entries.id").onDelete("cascade"))
    .addColumn("article_id", "integer", (c) => c.notNull())
    .addColumn("headline", "text")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("staff_id", "integer")
    .addColumn("author_name", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("live_entry_revisions_entry_idx")
    .on("live_entry_revisions")
    .columns(["entry_id", "id"])
    .execute();
  await sql`insert into live_entry_revisions (entry_id, article_id, headline, body, staff_id, author_name, created_at)
    select id, article_id, headline, body, staff_id, author_name, created_at from live_entries order by id`.execute(db);

  await db.schema
    .createTable("live_entry_places")
    .addColumn("entry_id", "integer", (c) => c.notNull().references("live_entries.id").onDelete("cascade"))
    .addColumn("article_id", "integer", (c) => c.notNull())
    .addColumn("place_slug", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("mentions", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("live_entry_places_pk", ["entry_id", "place_slug"])
    .execute();
  await db.schema
    .createIndex("live_entry_places_place_idx")
    .on("live_entry_places")
    .columns(["place_slug", "article_id"])
    .execute();
  await db.schema
    .createIndex("live_entry_places_article_idx")
    .on("live_entry_places")
    .columns(["article_id", "entry_id"])
    .execute();
}
