import type { Kysely } from "kysely";
import type { ArticleRow, DB, PodcastShowRow } from "../platform/db/schema.js";

export class PodcastRepository {
  constructor(private readonly db: Kysely<DB>) {}

  show(edition: string): Promise<PodcastShowRow | undefined> {
    return this.db.selectFrom("podcast_shows").selectAll().where("edition_code", "=", edition).executeTakeFirst();
  }

  async editionsWithShows(): Promise<string[]> {
    const rows = await this.db.selectFrom("podcast_shows").select("edition_code").orderBy("edition_code").execute();
    return rows.map((row) => row.edition_code);
  }

  async save(row: PodcastShowRow): Promise<PodcastShowRow> {
    const { edition_code: _, ...changes } = row;
    return this.db
      .insertInto("podcast_shows")
      .values(row)
      .onConflict((oc) => oc.column("edition_code").doUpdateSet(changes))
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** The edition's published audio articles, newest first. */
  publishedEpisodes(edition: string, limit: number): Promise<ArticleRow[]> {
    return this.db
      .selectFrom("articles")
      .selectAll()
      .where("edition_code", "=", edition)
      .where("kind", "=", "audio")
      .where("status", "=", "published")
      .orderBy("published_at", "desc")
      .orderBy("id", "desc")
      .limit(limit)
      .execute();
  }
}
