import type { Kysely } from "kysely";
import type { MigrationContext } from "../migrator.js";

/**
 * The imports capability: archives brought in from WordPress, Ghost or a feed.
 *
 * - `import_runs`: one row per import started from the admin API (or the CLI), with its options,
 *   progress and final report; the durable job reads its options from here.
 * - `import_items`: which article each source item became, with the hash of what was imported and
 *   the article version it left, so a re-run can tell unchanged, changed, and edited-since apart.
 * - `import_people`: the byline each source person became, matched again by key or email.
 * - `redirects`: the old site's paths, each answering 301 to the article it became.
 */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  const id = (builder: ReturnType<Kysely<unknown>["schema"]["createTable"]>) =>
    dialect === "postgres"
      ? builder.addColumn("id", "serial", (c) => c.primaryKey())
      : builder.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());

  await id(db.schema.createTable("import_runs"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("edition_code", "text", (c) => c.notNull())
    .addColumn("options", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("progress", "text", (c) => c.notNull())
    .addColumn("report", "text")
    .addColumn("error", "text")
    .addColumn("file_path", "text")
    .addColumn("created_by", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .execute();

  await id(db.schema.createTable("import_items"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_id", "text", (c) => c.notNull())
    .addColumn("edition_code", "text", (c) => c.notNull())
    .addColumn("article_id", "integer", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("imported_version", "integer", (c) => c.notNull())
    .addColumn("run_id", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("import_items_source_uq", ["source", "source_id", "edition_code"])
    .execute();
  await db.schema.createIndex("import_items_article_idx").on("import_items").column("article_id").execute();

  await id(db.schema.createTable("import_people"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("edition_code", "text", (c) => c.notNull())
    .addColumn("person_key", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("person_id", "integer", (c) => c.notNull())
    .addUniqueConstraint("import_people_key_uq", ["source", "edition_code", "person_key"])
    .execute();

  await id(db.schema.createTable("redirects"))
    .addColumn("old_path", "text", (c) => c.notNull().unique())
    .addColumn("article_id", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("redirects_article_idx").on("redirects").column("article_id").execute();
}
