import type { Kysely } from "kysely";
import type { MigrationContext } from "../migrator.js";

/**
 * Editorial notes (issue #20): margin comments of the desk on a draft, in threads. A thread's
 * `id` is the `noteId` of the `note` mark that anchors it in the article's body, so the anchor
 * travels with the body through every revision; `quote` keeps the text it was anchored to, so a
 * thread whose range was deleted still says what it was about. Article and staff ids carry no
 * foreign keys, like the other newsroom side tables: deleting an article removes its threads in
 * the service, and a member who leaves keeps their comments with their name as it was.
 */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  await db.schema
    .createTable("editorial_note_threads")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("article_id", "integer", (c) => c.notNull())
    .addColumn("quote", "text", (c) => c.notNull())
    .addColumn("created_by", "integer")
    .addColumn("created_by_name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("resolved_at", "text")
    .addColumn("resolved_by", "integer")
    .addColumn("resolved_by_name", "text")
    .execute();
  await db.schema
    .createIndex("editorial_note_threads_article_idx")
    .on("editorial_note_threads")
    .column("article_id")
    .execute();
  const comments = db.schema.createTable("editorial_note_comments");
  await (dialect === "postgres"
    ? comments.addColumn("id", "serial", (c) => c.primaryKey())
    : comments.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
  )
    .addColumn("thread_id", "text", (c) => c.notNull().references("editorial_note_threads.id").onDelete("cascade"))
    .addColumn("author_id", "integer")
    .addColumn("author_name", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("editorial_note_comments_thread_idx")
    .on("editorial_note_comments")
    .column("thread_id")
    .execute();
}
