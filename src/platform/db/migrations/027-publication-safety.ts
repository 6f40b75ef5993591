import type { Kysely } from "kysely";
import type { MigrationContext } from "../migrator.js";

/**
 * Publication safety (issue #20): embargoes, the wartime publication check and its two-person rule.
 *
 * Articles gain `embargo_until` (UTC; nothing goes out before it) and `event_at` (when the event
 * the story reports happened, typed by the author; the check's delay counts from it). The check's
 * acknowledgements and second approvals are rows of their own, so each keeps who and when, and
 * the per-edition switches live in `publication_check_settings` (edition "*" is the outlet's).
 * Media remember whether the uploaded file carried a location or time (`exif_traces`).
 */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  const id = (builder: ReturnType<Kysely<unknown>["schema"]["createTable"]>) =>
    dialect === "postgres"
      ? builder.addColumn("id", "serial", (c) => c.primaryKey())
      : builder.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
  await db.schema.alterTable("articles").addColumn("embargo_until", "text").execute();
  await db.schema.alterTable("articles").addColumn("event_at", "text").execute();
  // What the upload's EXIF said about where and when (it is stripped at upload): a JSON list.
  await db.schema
    .alterTable("media")
    .addColumn("exif_traces", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  await id(db.schema.createTable("publication_check_acks"))
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("rule", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    // The findings' texts it dismissed: a finding the story gains later is not covered by it.
    .addColumn("texts", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("staff_id", "integer")
    .addColumn("token_id", "integer")
    .addColumn("actor_name", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("publication_check_acks_article")
    .on("publication_check_acks")
    .column("article_id")
    .execute();
  await id(db.schema.createTable("publication_approvals"))
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    // The findings ("rule:text") the approver saw: an approval covers those, not ones added after.
    .addColumn("findings", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("staff_id", "integer")
    .addColumn("token_id", "integer")
    .addColumn("actor_name", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("publication_approvals_article")
    .on("publication_approvals")
    .column("article_id")
    .execute();
  await db.schema
    .createTable("publication_check_settings")
    .addColumn("edition_code", "text", (c) => c.primaryKey())
    .addColumn("enabled", "integer", (c) => c.notNull())
    .addColumn("disabled_rules", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("delay_minutes", "integer", (c) => c.notNull().defaultTo(180))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}
