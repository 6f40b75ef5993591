import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "../migrator.js";

/** Editorial workflow: versions for optimistic concurrency, revisions, SEO fields, and durable jobs. */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  const id = (builder: ReturnType<Kysely<unknown>["schema"]["createTable"]>) =>
    dialect === "postgres"
      ? builder.addColumn("id", "serial", (c) => c.primaryKey())
      : builder.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());

  for (const [column, type] of [
    ["version", "integer"],
    ["seo_title", "text"],
    ["seo_description", "text"],
    ["lead_caption", "text"],
    ["lead_credit", "text"],
    ["lead_alt", "text"],
    ["created_by", "integer"],
    ["created_by_token", "integer"],
    ["submitted_at", "text"],
    ["title_folded", "text"],
  ] as const) {
    await db.schema
      .alterTable("articles")
      .addColumn(column, type, (c) => (column === "version" ? c.notNull().defaultTo(1) : c))
      .execute();
  }
  // Titles written before this migration get their folded form from the application on next save;
  // fill them now so admin search finds them (ASCII folding here; the app folds Unicode).
  await db
    .updateTable("articles" as never)
    .set({ title_folded: sql`lower(title)` } as never)
    .execute();
  await db.schema.createIndex("articles_updated_idx").on("articles").columns(["updated_at", "id"]).execute();

  await id(db.schema.createTable("article_revisions"))
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("snapshot", "text", (c) => c.notNull())
    .addColumn("staff_id", "integer")
    .addColumn("author_name", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("article_revisions_version_key", ["article_id", "version"])
    .execute();

  await id(db.schema.createTable("jobs"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("run_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull().defaultTo(10))
    .addColumn("locked_until", "text")
    .addColumn("last_error", "text")
    // Two enqueues of the same work (a double click, a retried request) make one job.
    .addColumn("dedupe_key", "text", (c) => c.unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("jobs_due_idx").on("jobs").columns(["status", "run_at"]).execute();
}
