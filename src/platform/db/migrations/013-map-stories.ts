import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "../migrator.js";

/**
 * The maps capability's own copy of what its pages show of a story (edition, slug, title, dek,
 * status, publication time), kept by the `article.saved` listener, so map and place pages no
 * longer read the newsroom's `articles` table. Filled from the articles that exist now.
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  await db.schema
    .createTable("map_stories")
    .addColumn("article_id", "integer", (c) => c.primaryKey().references("articles.id").onDelete("cascade"))
    .addColumn("edition_code", "text", (c) => c.notNull())
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("dek", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("map_stories_edition_published_idx")
    .on("map_stories")
    .columns(["edition_code", "status", "published_at"])
    .execute();
  await sql`insert into map_stories (article_id, edition_code, slug, title, dek, status, published_at, version)
    select id, edition_code, slug, title, dek, status, published_at, version from articles`.execute(db);
}
