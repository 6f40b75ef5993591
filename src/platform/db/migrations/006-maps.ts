import type { Kysely } from "kysely";
import type { MigrationContext } from "../migrator.js";

/** Battle maps with dated GeoJSON layers, and the places articles name (the geotagger's tags). */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  const id = (builder: ReturnType<Kysely<unknown>["schema"]["createTable"]>) =>
    dialect === "postgres"
      ? builder.addColumn("id", "serial", (c) => c.primaryKey())
      : builder.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
  const real = dialect === "postgres" ? "double precision" : "real";

  await id(db.schema.createTable("maps"))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    /** JSON: { [edition]: { title, description } }. */
    .addColumn("texts", "text", (c) => c.notNull())
    .addColumn("center_lat", real, (c) => c.notNull())
    .addColumn("center_lon", real, (c) => c.notNull())
    .addColumn("zoom", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await id(db.schema.createTable("map_layers"))
    .addColumn("map_id", "integer", (c) => c.notNull().references("maps.id").onDelete("cascade"))
    /** The day the layer shows the situation on, YYYY-MM-DD. */
    .addColumn("valid_on", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("note", "text")
    /** A validated GeoJSON FeatureCollection, stored as sent after validation. */
    .addColumn("geojson", "text", (c) => c.notNull())
    .addColumn("feature_count", "integer", (c) => c.notNull())
    .addColumn("created_by", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("map_layers_map_day_idx")
    .on("map_layers")
    .columns(["map_id", "valid_on"])
    .unique()
    .execute();

  await db.schema
    .createTable("article_places")
    .addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade"))
    .addColumn("place_slug", "text", (c) => c.notNull())
    /** auto (the geotagger's), confirmed or added by an editor, removed by an editor. */
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("mentions", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("article_places_pk", ["article_id", "place_slug"])
    .execute();
  await db.schema.createIndex("article_places_place_idx").on("article_places").columns(["place_slug"]).execute();
}
