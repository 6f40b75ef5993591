import type { Kysely } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../../../test/harness.js";
import { migrateToLatest } from "../migrator.js";

describe.each(DIALECTS)("migration 016 (map layer drafts) on existing data, %s", (dialect) => {
  let database: TestDatabase;
  afterEach(async () => database.cleanup());

  it("keeps the layers that were on the site published from the day they were added, in English", async () => {
    database = await createTestDatabase(dialect, {}, "013-map-stories");
    // Written without the new columns: they do not exist before the migration.
    const db = database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const at = "2023-05-20T10:00:00.000Z";
    const map = await db
      .insertInto("maps")
      .values({
        slug: "bakhmut",
        texts: "{}",
        center_lat: 48.59,
        center_lon: 38,
        zoom: 10,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("map_layers")
      .values({
        map_id: map.id,
        valid_on: "2023-05-20",
        title: "May",
        note: null,
        geojson: '{"type":"FeatureCollection","features":[]}',
        feature_count: 0,
        created_by: null,
        created_at: at,
        updated_at: at,
      })
      .execute();

    expect(await migrateToLatest(database.db, dialect)).toContain("016-map-layer-drafts");

    const layers = await database.db.selectFrom("map_layers").select(["status", "published_at", "language"]).execute();
    expect(layers).toEqual([{ status: "published", published_at: at, language: "en" }]);
    expect(await database.db.selectFrom("map_layer_texts").selectAll().execute()).toEqual([]);
  });
});
