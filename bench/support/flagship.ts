import type { Database } from "../../src/platform/db/database.js";

/** The demo's newest featured English story: the article page the benchmarks load. */
export async function flagshipArticlePath(database: Database): Promise<string> {
  const flagship = await database.db
    .selectFrom("articles")
    .select("slug")
    .where("edition_code", "=", "en")
    .where("is_featured", "=", 1)
    .orderBy("published_at", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();
  return `/en/news/${flagship.slug}`;
}
