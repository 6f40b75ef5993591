import type { Kysely } from "kysely";
import type { MigrationContext } from "../migrator.js";

export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  const id = (builder: ReturnType<Kysely<unknown>["schema"]["createTable"]>) =>
    dialect === "postgres"
      ? builder.addColumn("id", "serial", (c) => c.primaryKey())
      : builder.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());

  await db.schema
    .createTable("editions")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("base_path", "text", (c) => c.notNull().unique())
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await id(db.schema.createTable("sections"))
    .addColumn("edition_code", "text", (c) => c.notNull().references("editions.code"))
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("sections_edition_slug_key", ["edition_code", "slug"])
    .execute();

  await id(db.schema.createTable("tags"))
    .addColumn("edition_code", "text", (c) => c.notNull().references("editions.code"))
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addUniqueConstraint("tags_edition_slug_key", ["edition_code", "slug"])
    .execute();

  await id(db.schema.createTable("people"))
    .addColumn("edition_code", "text", (c) => c.notNull().references("editions.code"))
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text")
    .addColumn("bio", "text")
    .addUniqueConstraint("people_edition_slug_key", ["edition_code", "slug"])
    .execute();

  await id(db.schema.createTable("media"))
    .addColumn("file_key", "text", (c) => c.notNull())
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("width", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("alt", "text", (c) => c.notNull())
    .addColumn("caption", "text")
    .addColumn("credit", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await id(db.schema.createTable("articles"))
    .addColumn("edition_code", "text", (c) => c.notNull().references("editions.code"))
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("dek", "text")
    .addColumn("section_id", "integer", (c) => c.references("sections.id"))
    .addColumn("lead_media_id", "integer", (c) => c.references("media.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("source_attribution", "text")
    .addColumn("published_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("translation_group", "text")
    .addColumn("is_breaking", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("is_featured", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("articles_edition_slug_key", ["edition_code", "slug"])
    .execute();
  // The feed query: newest published first within an edition, keyset on (published_at, id).
  await db.schema
    .createIndex("articles_feed_idx")
    .on("articles")
    .columns(["edition_code", "status", "published_at", "id"])
    .execute();
  await db.schema.createIndex("articles_section_idx").on("articles").columns(["section_id", "published_at"]).execute();
  await db.schema.createIndex("articles_translation_idx").on("articles").column("translation_group").execute();

  await db.schema
    .createTable("article_tags")
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("tag_id", "integer", (c) => c.notNull().references("tags.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("article_tags_pkey", ["article_id", "tag_id"])
    .execute();
  await db.schema.createIndex("article_tags_tag_idx").on("article_tags").column("tag_id").execute();

  await db.schema
    .createTable("article_authors")
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("article_authors_pkey", ["article_id", "person_id"])
    .execute();
  await db.schema.createIndex("article_authors_person_idx").on("article_authors").column("person_id").execute();

  await db.schema
    .createTable("settings")
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("settings_pkey", ["scope", "key"])
    .execute();
}
