import type { Kysely } from "kysely";
import type { MigrationContext } from "../migrator.js";

interface BackfillDb {
  staff: { id: number; name: string; created_at: string; updated_at: string };
  editions: { code: string; locale: string };
  people: { id: number; edition_code: string; name: string; bio: string | null; staff_id: number | null };
  staff_profiles: {
    staff_id: number;
    name_uk: string | null;
    name_ru: string | null;
    name_en: string | null;
    bio_uk: string | null;
    bio_ru: string | null;
    bio_en: string | null;
    photo_media_id: number | null;
    links: string;
    created_at: string;
    updated_at: string;
  };
}

const LANGUAGES = ["uk", "ru", "en"] as const;

/**
 * Staff profiles: one byline identity per staff member across editions. A `people` row may now
 * belong to a staff member (`staff_id`); such rows are the member's byline in that edition and
 * take their name and bio from the profile.
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  await db.schema
    .createTable("staff_profiles")
    .addColumn("staff_id", "integer", (c) => c.primaryKey().references("staff.id").onDelete("cascade"))
    .addColumn("name_uk", "text")
    .addColumn("name_ru", "text")
    .addColumn("name_en", "text")
    .addColumn("bio_uk", "text")
    .addColumn("bio_ru", "text")
    .addColumn("bio_en", "text")
    .addColumn("photo_media_id", "integer", (c) => c.references("media.id").onDelete("set null"))
    // JSON array of {label, url}.
    .addColumn("links", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable("people")
    .addColumn("staff_id", "integer", (c) => c.references("staff.id").onDelete("set null"))
    .execute();
  // One byline per member and edition; NULLs (freelancers, agencies) are distinct in both dialects.
  await db.schema
    .createIndex("people_edition_staff_key")
    .on("people")
    .columns(["edition_code", "staff_id"])
    .unique()
    .execute();

  await backfill(db as Kysely<BackfillDb>);
}

/**
 * Every existing member gets a profile named as their account in every language. A people row
 * with the member's name (ignoring case and surrounding spaces) in an edition becomes their
 * byline there, keeping its slug (author URLs stay) and lending its bio to the edition's
 * language. Names shared by two members, or by two rows of one edition, link nothing: a guess
 * could put one person's stories under another's name.
 */
async function backfill(db: Kysely<BackfillDb>): Promise<void> {
  const staff = await db.selectFrom("staff").select(["id", "name", "created_at", "updated_at"]).execute();
  if (staff.length === 0) return;
  const editions = await db.selectFrom("editions").select(["code", "locale"]).execute();
  const people = await db.selectFrom("people").select(["id", "edition_code", "name", "bio", "staff_id"]).execute();
  const key = (name: string) => name.trim().toLowerCase();
  const membersByName = new Map<string, number>();
  for (const member of staff) membersByName.set(key(member.name), (membersByName.get(key(member.name)) ?? 0) + 1);

  for (const member of staff) {
    const name = member.name.trim();
    const bios: Record<(typeof LANGUAGES)[number], string | null> = { uk: null, ru: null, en: null };
    if (membersByName.get(key(name)) === 1) {
      for (const edition of editions) {
        const matches = people.filter(
          (p) => p.edition_code === edition.code && p.staff_id === null && key(p.name) === key(name),
        );
        const match = matches.length === 1 ? matches[0] : undefined;
        if (!match) continue;
        await db.updateTable("people").set({ staff_id: member.id }).where("id", "=", match.id).execute();
        const language = (edition.locale.split("-")[0] ?? "") as (typeof LANGUAGES)[number];
        if (LANGUAGES.includes(language) && bios[language] === null) bios[language] = match.bio;
      }
    }
    await db
      .insertInto("staff_profiles")
      .values({
        staff_id: member.id,
        name_uk: name,
        name_ru: name,
        name_en: name,
        bio_uk: bios.uk,
        bio_ru: bios.ru,
        bio_en: bios.en,
        photo_media_id: null,
        links: "[]",
        created_at: member.created_at,
        updated_at: member.updated_at,
      })
      .execute();
  }
}
