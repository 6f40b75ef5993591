import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "../migrator.js";

/**
 * Map layers become drafts until an editor publishes them (`status`, `published_at`); the layers
 * that exist now were already on the site, so they stay published from the day they were added.
 * A layer's own texts (title, note, event descriptions in the geojson) are in its original
 * `language`; the layers of today were written in English (the demo's), an editor can change
 * that. `map_layer_texts` holds the translations, one row per layer and language, with the event
 * descriptions as JSON keyed by 1-based feature number.
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  await db.schema
    .alterTable("map_layers")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("published"))
    .execute();
  await db.schema.alterTable("map_layers").addColumn("published_at", "text").execute();
  await db.schema
    .alterTable("map_layers")
    .addColumn("language", "text", (c) => c.notNull().defaultTo("en"))
    .execute();
  await sql`update map_layers set published_at = created_at`.execute(db);

  await db.schema
    .createTable("map_layer_texts")
    .addColumn("layer_id", "integer", (c) => c.notNull().references("map_layers.id").onDelete("cascade"))
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("note", "text")
    /** JSON: { [feature number, from 1]: description } for the layer's events. */
    .addColumn("events", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("map_layer_texts_pk", ["layer_id", "language"])
    .execute();
}
