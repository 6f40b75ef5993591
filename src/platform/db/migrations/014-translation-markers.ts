import type { Kysely } from "kysely";
import type { MigrationContext } from "../migrator.js";

/**
 * `untranslated`: a JSON list of the fields of a translation still in the source's language (see
 * `newsroom/translation-todo.shared.ts`); each leaves the list when it is edited.
 * `slug_follows_title`: 1 while a draft's slug is still made from its headline; 0 once the slug
 * was edited by hand or the story was published or scheduled. Existing articles keep their slugs.
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  await db.schema
    .alterTable("articles")
    .addColumn("untranslated", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  await db.schema
    .alterTable("articles")
    .addColumn("slug_follows_title", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}
