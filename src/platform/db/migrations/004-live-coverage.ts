import type { Kysely } from "kysely";
import type { MigrationContext } from "../migrator.js";

/** Live coverage: live blogs (article kind, entries) and corrections/updates appended to articles. */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  const id = (builder: ReturnType<Kysely<unknown>["schema"]["createTable"]>) =>
    dialect === "postgres"
      ? builder.addColumn("id", "serial", (c) => c.primaryKey())
      : builder.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());

  await db.schema
    .alterTable("articles")
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("standard"))
    .execute();
  await db.schema.alterTable("articles").addColumn("live_ended_at", "text").execute();

  await id(db.schema.createTable("live_entries"))
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("headline", "text")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("staff_id", "integer")
    .addColumn("person_id", "integer")
    .addColumn("author_name", "text")
    .addColumn("pinned", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("live_entries_article_idx").on("live_entries").columns(["article_id", "id"]).execute();

  await id(db.schema.createTable("article_notes"))
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("staff_id", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("article_notes_article_idx").on("article_notes").columns(["article_id", "id"]).execute();
  await db.schema.createIndex("article_notes_created_idx").on("article_notes").columns(["created_at", "id"]).execute();
}
