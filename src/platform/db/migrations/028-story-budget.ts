import type { Kysely } from "kysely";
import type { MigrationContext } from "../migrator.js";

/**
 * The story budget (issue #20): planned items per day and edition.
 *
 * `article_id` is the draft an item turned into; it is not a foreign key, because planning reads
 * articles through the newsroom's service and events, never its tables, and an article deleted
 * later must not block or cascade into the plan. `reminded_for` holds the due time whose
 * "due within an hour" mail was claimed: the reminder job sets it with a conditional update, so a
 * job run twice (a crash, a duplicate) mails once.
 */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  const table = db.schema.createTable("planning_items");
  await (dialect === "postgres"
    ? table.addColumn("id", "serial", (c) => c.primaryKey())
    : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
  )
    .addColumn("edition_code", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("slug_line", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("section_id", "integer")
    .addColumn("assignee_id", "integer")
    .addColumn("due_at", "text")
    .addColumn("target_words", "integer")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("article_id", "integer")
    .addColumn("reminded_for", "text")
    .addColumn("created_by", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("planning_items_day_idx").on("planning_items").columns(["day", "edition_code"]).execute();
  await db.schema.createIndex("planning_items_assignee_idx").on("planning_items").column("assignee_id").execute();
  await db.schema.createIndex("planning_items_article_idx").on("planning_items").column("article_id").execute();
}
