import type { Database } from "../../platform/db/database.js";

/**
 * The demo outlet's newsletters, matching the promo cards of the demo settings (`ru-digest`,
 * `en-daily`) plus a Ukrainian evening digest. Only lists: readers subscribe through the site.
 */
const DEMO_LISTS = [
  {
    slug: "ru-digest",
    edition_code: "ru",
    language: "ru",
    name: "Главное за день",
    description: "Короткая подборка главных новостей о войне и вокруг неё — чтобы ничего важного не пропустить.",
    cadence: "С понедельника по пятницу",
    from_name: "Газета — Главное за день",
    kind: "digest" as const,
    cron: "0 8 * * 1-5",
    time_zone: "Europe/Kyiv",
    digest_size: 7,
  },
  {
    slug: "en-daily",
    edition_code: "en",
    language: "en",
    name: "The Morning Briefing",
    description: "The top headlines from Ukraine and what they mean, in five minutes, before your day starts.",
    cadence: "Daily at 9am EST",
    from_name: "The Morning Briefing",
    kind: "digest" as const,
    cron: "0 9 * * *",
    time_zone: "America/New_York",
    digest_size: 6,
  },
  {
    slug: "uk-vechir",
    edition_code: "uk",
    language: "uk",
    name: "Вечірній підсумок",
    description: "Що сталося за день на фронті, в тилу і у світі — одним листом увечері.",
    cadence: "Щодня о 19:00",
    from_name: "Вечірній підсумок",
    kind: "digest" as const,
    cron: "0 19 * * *",
    time_zone: "Europe/Kyiv",
    digest_size: 8,
  },
];

/** Adds the demo lists to a freshly seeded demo database (a no-op when any list exists). */
export async function seedDemoNewsletters(database: Database, now: Date): Promise<number> {
  const { db } = database;
  const existing = await db.selectFrom("newsletter_lists").select("id").limit(1).execute();
  if (existing.length > 0) return 0;
  const at = now.toISOString();
  await db
    .insertInto("newsletter_lists")
    .values(
      DEMO_LISTS.map((list) => ({
        ...list,
        from_address: "newsletters@gazette.example",
        active: 1,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
  return DEMO_LISTS.length;
}
