import type { Kysely } from "kysely";
import { isUniqueViolation } from "../platform/db/database.js";
import type { ArticlePlaceState, DB, LiveEntryPlaceRow } from "../platform/db/schema.js";

/** A published live blog that names a place in one of its entries, as place pages list it. */
export interface PlaceLiveBlogRow {
  id: number;
  slug: string;
  title: string;
  published_at: string;
}

/**
 * The places live entries name (`live_entry_places`), kept like `article_places`: the geotagger's
 * own rows are replaced on every save of the entry, an editor's decisions stay.
 */
export class LivePlacesRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Every tag of a live blog's entries, newest entry first, then most mentioned. */
  placesOfArticle(articleId: number): Promise<LiveEntryPlaceRow[]> {
    return this.db
      .selectFrom("live_entry_places")
      .selectAll()
      .where("article_id", "=", articleId)
      .orderBy("entry_id", "desc")
      .orderBy("mentions", "desc")
      .orderBy("place_slug")
      .execute();
  }

  /** Replaces the geotagger's tags of one entry; returns the slugs whose tags appeared or went. */
  async replaceAutoTags(
    entry: { entryId: number; articleId: number },
    found: { slug: string; count: number }[],
    at: string,
  ): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom("live_entry_places")
        .selectAll()
        .where("entry_id", "=", entry.entryId)
        .execute();
      const bySlug = new Map(existing.map((row) => [row.place_slug, row]));
      const foundSlugs = new Set(found.map((f) => f.slug));
      const stale = existing.filter((row) => row.state === "auto" && !foundSlugs.has(row.place_slug));
      const changed = stale.map((row) => row.place_slug);
      if (stale.length > 0) {
        await trx
          .deleteFrom("live_entry_places")
          .where("entry_id", "=", entry.entryId)
          .where("state", "=", "auto")
          .where("place_slug", "in", changed)
          .execute();
      }
      for (const { slug, count } of found) {
        const row = bySlug.get(slug);
        if (!row) {
          await trx
            .insertInto("live_entry_places")
            .values({
              entry_id: entry.entryId,
              article_id: entry.articleId,
              place_slug: slug,
              state: "auto",
              mentions: count,
              updated_at: at,
            })
            .execute();
          changed.push(slug);
        } else if (row.mentions !== count) {
          await trx
            .updateTable("live_entry_places")
            .set({ mentions: count, updated_at: at })
            .where("entry_id", "=", entry.entryId)
            .where("place_slug", "=", slug)
            .execute();
        }
      }
      return changed;
    });
  }

  /** Drops the tags of an entry that no longer exists; returns their slugs. */
  async removeEntry(entryId: number): Promise<string[]> {
    const rows = await this.db
      .deleteFrom("live_entry_places")
      .where("entry_id", "=", entryId)
      .returning("place_slug")
      .execute();
    return rows.map((row) => row.place_slug);
  }

  async setTagState(
    entry: { entryId: number; articleId: number },
    slug: string,
    state: ArticlePlaceState,
    at: string,
  ): Promise<void> {
    const updated = await this.db
      .updateTable("live_entry_places")
      .set({ state, updated_at: at })
      .where("entry_id", "=", entry.entryId)
      .where("place_slug", "=", slug)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) > 0) return;
    try {
      await this.db
        .insertInto("live_entry_places")
        .values({
          entry_id: entry.entryId,
          article_id: entry.articleId,
          place_slug: slug,
          state,
          mentions: 0,
          updated_at: at,
        })
        .execute();
    } catch (error) {
      // Someone tagged it between the update and the insert: set the state on their row.
      if (!isUniqueViolation(error)) throw error;
      await this.setTagState(entry, slug, state, at);
    }
  }

  /** Published live blogs of an edition with an entry naming the place (not removed), newest first. */
  liveBlogsForPlace(edition: string, slug: string, limit: number): Promise<PlaceLiveBlogRow[]> {
    return this.db
      .selectFrom("live_entry_places")
      .innerJoin("map_stories", "map_stories.article_id", "live_entry_places.article_id")
      .select(["map_stories.article_id as id", "map_stories.slug", "map_stories.title", "map_stories.published_at"])
      .distinct()
      .where("live_entry_places.place_slug", "=", slug)
      .where("live_entry_places.state", "!=", "removed")
      .where("map_stories.edition_code", "=", edition)
      .where("map_stories.status", "=", "published")
      .orderBy("map_stories.published_at", "desc")
      .orderBy("map_stories.article_id", "desc")
      .limit(limit)
      .execute() as Promise<PlaceLiveBlogRow[]>;
  }
}
