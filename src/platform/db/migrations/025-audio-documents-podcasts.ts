import type { Kysely } from "kysely";
import type { MigrationContext } from "../migrator.js";

/**
 * Audio clips and PDF documents in the media library, and one podcast show per edition (issue 19).
 *
 * Media rows gain the facts a reader card and a podcast feed need without opening the file: its
 * size in bytes (an RSS enclosure's `length`), an audio clip's duration and a document's page count.
 * Images keep these null. The show is a table, not a document in `settings`: the feed and the
 * sitemap read it on every request, and its artwork is a foreign key into `media`.
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  await db.schema.alterTable("media").addColumn("byte_size", "integer").execute();
  await db.schema.alterTable("media").addColumn("duration_ms", "integer").execute();
  await db.schema.alterTable("media").addColumn("page_count", "integer").execute();
  await db.schema
    .createTable("podcast_shows")
    .addColumn("edition_code", "text", (c) => c.primaryKey().references("editions.code"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("author", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("explicit", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("artwork_media_id", "integer", (c) => c.references("media.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}
