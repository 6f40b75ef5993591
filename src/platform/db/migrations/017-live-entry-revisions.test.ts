import { afterEach, describe, expect, it } from "vitest";
import { createEdition, paragraphs } from "../../../../test/factories.js";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../../../test/harness.js";
import { migrateToLatest } from "../migrator.js";

describe.each(DIALECTS)("migration 017 (live entry revisions) on existing data, %s", (dialect) => {
  let database: TestDatabase;
  afterEach(async () => database.cleanup());

  it("starts each existing entry's history with its text as it stands, never edited", async () => {
    database = await createTestDatabase(dialect, {}, "013-map-stories");
    await createEdition(database.db, { code: "en" });
    const at = "2026-11-29T10:00:00.000Z";
    const article = await database.db
      .insertInto("articles")
      .values({
        edition_code: "en",
        slug: "live-day-1",
        status: "published",
        title: "Live: day 1",
        body: JSON.stringify(paragraphs("Intro.")),
        created_at: at,
        updated_at: at,
        is_breaking: 0,
        is_featured: 0,
        kind: "live",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const body = JSON.stringify(paragraphs("Sirens in Kharkiv."));
    const entry = await database.db
      .insertInto("live_entries")
      .values({
        article_id: article.id,
        headline: "Sirens",
        body,
        staff_id: null,
        person_id: null,
        author_name: "Desk",
        pinned: 0,
        created_at: at,
        updated_at: "2026-11-29T10:05:00.000Z",
      })
      .returning("id")
      .executeTakeFirstOrThrow();

    expect(await migrateToLatest(database.db, dialect)).toContain("017-live-entry-revisions");

    const revisions = await database.db.selectFrom("live_entry_revisions").selectAll().execute();
    expect(revisions).toMatchObject([
      { entry_id: entry.id, article_id: article.id, headline: "Sirens", body, author_name: "Desk", created_at: at },
    ]);
    const migrated = await database.db
      .selectFrom("live_entries")
      .select("edited_at")
      .where("id", "=", entry.id)
      .executeTakeFirstOrThrow();
    expect(migrated.edited_at).toBeNull();
    expect(await database.db.selectFrom("live_entry_places").selectAll().execute()).toEqual([]);
  });
});
