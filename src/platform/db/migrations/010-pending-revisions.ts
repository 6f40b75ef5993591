import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "../migrator.js";

/**
 * Pending revisions: edits to a published or scheduled article wait in `article_pending` until
 * an editor makes them live, so the public page never shows a half-written sentence.
 *
 * `articles.version` keeps counting every save (pending ones too), so one number still detects
 * two tabs editing at once; `articles.live_version` names the version the article row (what the
 * site shows) holds. Revisions gain what the history screen says of them: a label (created,
 * autosave, published, updated, restored…), whether they were pending, and which version a
 * restore brought back.
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  await db.schema
    .alterTable("articles")
    .addColumn("live_version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db
    .updateTable("articles" as never)
    .set({ live_version: sql`version` } as never)
    .execute();

  await db.schema
    .createTable("article_pending")
    .addColumn("article_id", "integer", (c) => c.primaryKey().references("articles.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("snapshot", "text", (c) => c.notNull())
    .addColumn("staff_id", "integer")
    .addColumn("author_name", "text")
    .addColumn("restored_from", "integer")
    .addColumn("saved_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable("article_revisions")
    .addColumn("label", "text", (c) => c.notNull().defaultTo("saved"))
    .execute();
  await db.schema
    .alterTable("article_revisions")
    .addColumn("pending", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("article_revisions").addColumn("restored_from", "integer").execute();
  await db.schema.alterTable("article_revisions").addColumn("token_id", "integer").execute();
}
