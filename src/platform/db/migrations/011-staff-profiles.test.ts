import type { Kysely } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createEdition } from "../../../../test/factories.js";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../../../test/harness.js";
import { migrateToLatest } from "../migrator.js";

describe.each(DIALECTS)("migration 011 (staff profiles) on existing data, %s", (dialect) => {
  let database: TestDatabase;
  afterEach(async () => database.cleanup());

  async function staff(name: string, email: string): Promise<number> {
    const at = "2026-01-05T10:00:00.000Z";
    const row = await database.db
      .insertInto("staff")
      .values({
        email,
        name,
        role: "author",
        password_hash: null,
        status: "active",
        totp_enabled: 0,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function person(edition: string, slug: string, name: string, bio: string | null = null): Promise<number> {
    // Written without staff_id: the column does not exist before the migration.
    const row = await (database.db as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .insertInto("people")
      .values({ edition_code: edition, slug, name, role: null, bio })
      .returning("id")
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  it("gives every member a profile and links the people rows that bear their name", async () => {
    database = await createTestDatabase(dialect, {}, "008-search");
    await createEdition(database.db, { code: "uk" });
    await createEdition(database.db, { code: "en" });
    const olena = await staff("Olena Kovalenko", "olena@news.example");
    const taras = await staff("Taras", "taras@news.example");
    const ukOlena = await person("uk", "olena-k", "olena kovalenko ", "Воєнна кореспондентка.");
    const enOlena = await person("en", "olena-kovalenko", "Olena Kovalenko", "War correspondent.");
    const freelancer = await person("en", "fay", "Fay Freelance");
    // Two rows of one edition with the same name: which one is the member cannot be told.
    await person("uk", "taras-1", "Taras");
    await person("uk", "taras-2", "Taras");

    expect(await migrateToLatest(database.db, dialect)).toContain("011-staff-profiles");

    const profiles = await database.db.selectFrom("staff_profiles").selectAll().orderBy("staff_id").execute();
    expect(profiles).toMatchObject([
      {
        staff_id: olena,
        name_uk: "Olena Kovalenko",
        name_ru: "Olena Kovalenko",
        name_en: "Olena Kovalenko",
        bio_uk: "Воєнна кореспондентка.",
        bio_ru: null,
        bio_en: "War correspondent.",
        links: "[]",
      },
      { staff_id: taras, bio_uk: null },
    ]);
    const people = await database.db.selectFrom("people").select(["id", "slug", "staff_id"]).orderBy("id").execute();
    expect(people).toEqual([
      { id: ukOlena, slug: "olena-k", staff_id: olena },
      { id: enOlena, slug: "olena-kovalenko", staff_id: olena },
      { id: freelancer, slug: "fay", staff_id: null },
      expect.objectContaining({ slug: "taras-1", staff_id: null }),
      expect.objectContaining({ slug: "taras-2", staff_id: null }),
    ]);
  });

  it("runs on a newsroom with no staff yet", async () => {
    database = await createTestDatabase(dialect, {}, "008-search");
    expect(await migrateToLatest(database.db, dialect)).toContain("011-staff-profiles");
    expect(await database.db.selectFrom("staff_profiles").selectAll().execute()).toEqual([]);
  });
});
