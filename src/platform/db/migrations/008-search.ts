import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "../migrator.js";

/**
 * Full-text search, slug history and translation links.
 *
 * `search_documents` holds each article's stemmed text (stemmed in JS, the same for both
 * dialects). SQLite indexes it with an external-content FTS5 table kept in step by triggers;
 * PostgreSQL with a generated `tsvector` over the `'simple'` configuration (no second stemming)
 * and a GIN index. The admin's old title search column goes.
 */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  await db.schema
    .createTable("search_documents")
    .addColumn("article_id", "integer", (c) => c.primaryKey().references("articles.id").onDelete("cascade"))
    .addColumn("edition_code", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("article_version", "integer", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("title_stems", "text", (c) => c.notNull())
    .addColumn("dek_stems", "text", (c) => c.notNull())
    .addColumn("body_stems", "text", (c) => c.notNull())
    .addColumn("indexed_at", "text", (c) => c.notNull())
    .execute();

  if (dialect === "postgres") {
    await sql`
      ALTER TABLE search_documents ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_stems), 'A') ||
        setweight(to_tsvector('simple'::regconfig, dek_stems), 'B') ||
        setweight(to_tsvector('simple'::regconfig, body_stems), 'D')
      ) STORED`.execute(db);
    await sql`CREATE INDEX search_documents_document_idx ON search_documents USING gin (document)`.execute(db);
    await db.schema
      .createIndex("search_documents_scope_idx")
      .on("search_documents")
      .columns(["edition_code", "status", "article_id"])
      .execute();
  } else {
    // Tokens arrive folded and stemmed; remove_diacritics 0 keeps й and ї apart from и and і,
    // as PostgreSQL's 'simple' configuration does.
    await sql`
      CREATE VIRTUAL TABLE search_fts USING fts5(
        scope, title_stems, dek_stems, body_stems,
        content='search_documents', content_rowid='article_id',
        tokenize='unicode61 remove_diacritics 0'
      )`.execute(db);
    await sql`
      CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN
        INSERT INTO search_fts(rowid, scope, title_stems, dek_stems, body_stems)
        VALUES (new.article_id, new.scope, new.title_stems, new.dek_stems, new.body_stems);
      END`.execute(db);
    await sql`
      CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN
        INSERT INTO search_fts(search_fts, rowid, scope, title_stems, dek_stems, body_stems)
        VALUES ('delete', old.article_id, old.scope, old.title_stems, old.dek_stems, old.body_stems);
      END`.execute(db);
    await sql`
      CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN
        INSERT INTO search_fts(search_fts, rowid, scope, title_stems, dek_stems, body_stems)
        VALUES ('delete', old.article_id, old.scope, old.title_stems, old.dek_stems, old.body_stems);
        INSERT INTO search_fts(rowid, scope, title_stems, dek_stems, body_stems)
        VALUES (new.article_id, new.scope, new.title_stems, new.dek_stems, new.body_stems);
      END`.execute(db);
  }

  // Slugs an article was known by: their URLs answer with a 301 to the current one.
  await db.schema
    .createTable("slug_history")
    .addColumn("edition_code", "text", (c) => c.notNull())
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("slug_history_pkey", ["edition_code", "slug"])
    .execute();

  // The article a translation was made from (its group is `translation_group`).
  await db.schema.alterTable("articles").addColumn("translated_from", "integer").execute();

  await db.schema.alterTable("articles").dropColumn("title_folded").execute();
}
