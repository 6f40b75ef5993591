import type { Kysely } from "kysely";
import { AppError } from "../errors.js";
import { isUniqueViolation } from "../platform/db/database.js";
import type {
  ArticlePlaceRow,
  ArticlePlaceState,
  DB,
  MapLayerRow,
  MapLayerStatus,
  MapLayerTextRow,
  MapRow,
  MapStoryRow,
} from "../platform/db/schema.js";

export type NewMap = Omit<MapRow, "id">;
export type NewLayer = Omit<MapLayerRow, "id">;
export type LayerSummaryRow = Omit<MapLayerRow, "geojson">;

/** Which layers a query sees: readers only published ones, the newsroom's preview drafts too. */
export interface LayerScope {
  drafts: boolean;
}

/** A published article that names a place, as place pages and the map's side list show it. */
export interface PlaceStoryRow {
  id: number;
  edition_code: string;
  slug: string;
  title: string;
  dek: string | null;
  published_at: string;
  place_slug: string;
}

/** What a place story is read as, from the maps capability's own copy of the story. */
const PLACE_STORY_COLUMNS = [
  "map_stories.article_id as id",
  "map_stories.edition_code",
  "map_stories.slug",
  "map_stories.title",
  "map_stories.dek",
  "map_stories.published_at",
  "article_places.place_slug",
] as const;

const LAYER_SUMMARY = [
  "id",
  "map_id",
  "valid_on",
  "title",
  "note",
  "feature_count",
  "created_by",
  "created_at",
  "updated_at",
  "status",
  "published_at",
  "language",
] as const;

/** Maps, their dated layers, and the places articles name. All SQL of the maps capability. */
export class MapsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  listMaps(): Promise<MapRow[]> {
    return this.db.selectFrom("maps").selectAll().orderBy("slug").execute();
  }

  findMap(id: number): Promise<MapRow | undefined> {
    return this.db.selectFrom("maps").selectAll().where("id", "=", id).executeTakeFirst();
  }

  findMapBySlug(slug: string): Promise<MapRow | undefined> {
    return this.db.selectFrom("maps").selectAll().where("slug", "=", slug).executeTakeFirst();
  }

  async insertMap(values: NewMap): Promise<MapRow> {
    try {
      return await this.db.insertInto("maps").values(values).returningAll().executeTakeFirstOrThrow();
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("conflict", `A map with the address "${values.slug}" exists.`);
      throw error;
    }
  }

  async updateMap(id: number, values: Partial<NewMap>): Promise<MapRow | undefined> {
    try {
      return await this.db.updateTable("maps").set(values).where("id", "=", id).returningAll().executeTakeFirst();
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("conflict", `A map with the address "${values.slug}" exists.`);
      throw error;
    }
  }

  /** Every layer of the map, drafts included, newest day first (the newsroom's list). */
  listLayers(mapId: number, scope: LayerScope = { drafts: true }): Promise<LayerSummaryRow[]> {
    let query = this.db.selectFrom("map_layers").select(LAYER_SUMMARY).where("map_id", "=", mapId);
    if (!scope.drafts) query = query.where("status", "=", "published");
    return query.orderBy("valid_on", "desc").execute();
  }

  findLayer(mapId: number, layerId: number): Promise<MapLayerRow | undefined> {
    return this.db
      .selectFrom("map_layers")
      .selectAll()
      .where("map_id", "=", mapId)
      .where("id", "=", layerId)
      .executeTakeFirst();
  }

  /** The newest layer on or before the day (the newest of all without a day). */
  layerOn(mapId: number, day: string | null, scope: LayerScope): Promise<MapLayerRow | undefined> {
    let query = this.db.selectFrom("map_layers").selectAll().where("map_id", "=", mapId);
    if (day) query = query.where("valid_on", "<=", day);
    if (!scope.drafts) query = query.where("status", "=", "published");
    return query.orderBy("valid_on", "desc").limit(1).executeTakeFirst();
  }

  /** Every layer with its features, oldest first: what the browser map steps through. */
  allLayers(mapId: number, scope: LayerScope): Promise<MapLayerRow[]> {
    let query = this.db.selectFrom("map_layers").selectAll().where("map_id", "=", mapId);
    if (!scope.drafts) query = query.where("status", "=", "published");
    return query.orderBy("valid_on").execute();
  }

  async setLayerStatus(
    mapId: number,
    layerId: number,
    status: MapLayerStatus,
    at: string,
  ): Promise<MapLayerRow | undefined> {
    return this.db
      .updateTable("map_layers")
      .set({ status, published_at: status === "published" ? at : null, updated_at: at })
      .where("map_id", "=", mapId)
      .where("id", "=", layerId)
      .returningAll()
      .executeTakeFirst();
  }

  textsOfLayers(layerIds: readonly number[]): Promise<MapLayerTextRow[]> {
    if (layerIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom("map_layer_texts")
      .selectAll()
      .where("layer_id", "in", [...layerIds])
      .orderBy("language")
      .execute();
  }

  /** Writes the layer's texts in one language, replacing what was there. */
  async putLayerText(row: MapLayerTextRow): Promise<void> {
    const { layer_id, language, ...rest } = row;
    const updated = await this.db
      .updateTable("map_layer_texts")
      .set(rest)
      .where("layer_id", "=", layer_id)
      .where("language", "=", language)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) > 0) return;
    try {
      await this.db.insertInto("map_layer_texts").values(row).execute();
    } catch (error) {
      // Someone wrote the same language between the update and the insert: ours is the newer.
      if (!isUniqueViolation(error)) throw error;
      await this.putLayerText(row);
    }
  }

  async deleteLayerText(layerId: number, language: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("map_layer_texts")
      .where("layer_id", "=", layerId)
      .where("language", "=", language)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async insertLayer(values: NewLayer): Promise<MapLayerRow> {
    try {
      return await this.db.insertInto("map_layers").values(values).returningAll().executeTakeFirstOrThrow();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError("conflict", `The map already has a layer for ${values.valid_on}; edit or delete that one.`);
      }
      throw error;
    }
  }

  async updateLayer(
    mapId: number,
    layerId: number,
    values: Partial<Pick<MapLayerRow, "valid_on" | "title" | "note" | "language" | "updated_at">>,
  ): Promise<MapLayerRow | undefined> {
    try {
      return await this.db
        .updateTable("map_layers")
        .set(values)
        .where("map_id", "=", mapId)
        .where("id", "=", layerId)
        .returningAll()
        .executeTakeFirst();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError("conflict", `The map already has a layer for ${values.valid_on}.`);
      }
      throw error;
    }
  }

  async deleteLayer(mapId: number, layerId: number): Promise<boolean> {
    const result = await this.db
      .deleteFrom("map_layers")
      .where("map_id", "=", mapId)
      .where("id", "=", layerId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  placesOfArticle(articleId: number): Promise<ArticlePlaceRow[]> {
    return this.db
      .selectFrom("article_places")
      .selectAll()
      .where("article_id", "=", articleId)
      .orderBy("mentions", "desc")
      .orderBy("place_slug")
      .execute();
  }

  /**
   * Replaces the geotagger's own tags of an article; an editor's decisions (confirmed, removed)
   * stay, so re-tagging after an edit never undoes them. Returns the slugs whose tags changed.
   */
  async replaceAutoTags(articleId: number, found: { slug: string; count: number }[], at: string): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom("article_places").selectAll().where("article_id", "=", articleId).execute();
      const bySlug = new Map(existing.map((row) => [row.place_slug, row]));
      const foundSlugs = new Set(found.map((f) => f.slug));
      const changed: string[] = [];
      const stale = existing.filter((row) => row.state === "auto" && !foundSlugs.has(row.place_slug));
      if (stale.length > 0) {
        await trx
          .deleteFrom("article_places")
          .where("article_id", "=", articleId)
          .where("state", "=", "auto")
          .where(
            "place_slug",
            "in",
            stale.map((row) => row.place_slug),
          )
          .execute();
        changed.push(...stale.map((row) => row.place_slug));
      }
      for (const { slug, count } of found) {
        const row = bySlug.get(slug);
        if (!row) {
          await trx
            .insertInto("article_places")
            .values({ article_id: articleId, place_slug: slug, state: "auto", mentions: count, updated_at: at })
            .execute();
          changed.push(slug);
        } else if (row.mentions !== count) {
          await trx
            .updateTable("article_places")
            .set({ mentions: count, updated_at: at })
            .where("article_id", "=", articleId)
            .where("place_slug", "=", slug)
            .execute();
        }
      }
      return changed;
    });
  }

  async setTagState(articleId: number, slug: string, state: ArticlePlaceState, at: string): Promise<void> {
    const updated = await this.db
      .updateTable("article_places")
      .set({ state, updated_at: at })
      .where("article_id", "=", articleId)
      .where("place_slug", "=", slug)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) > 0) return;
    try {
      await this.db
        .insertInto("article_places")
        .values({ article_id: articleId, place_slug: slug, state, mentions: 0, updated_at: at })
        .execute();
    } catch (error) {
      // Someone tagged it between the update and the insert: set the state on their row.
      if (!isUniqueViolation(error)) throw error;
      await this.setTagState(articleId, slug, state, at);
    }
  }

  /**
   * Keeps the copy of a story's public fields; answers whether it changed and whether the copy
   * it replaced was published. A delivery carrying an older version than the one stored changes
   * nothing, so late or repeated deliveries are harmless.
   */
  async upsertStory(story: MapStoryRow): Promise<{ changed: boolean; wasPublished: boolean }> {
    const current = await this.db
      .selectFrom("map_stories")
      .selectAll()
      .where("article_id", "=", story.article_id)
      .executeTakeFirst();
    const wasPublished = current?.status === "published";
    if (current && (current.version > story.version || sameStory(current, story))) {
      return { changed: false, wasPublished };
    }
    if (current) {
      await this.db.updateTable("map_stories").set(story).where("article_id", "=", story.article_id).execute();
      return { changed: true, wasPublished };
    }
    try {
      await this.db.insertInto("map_stories").values(story).execute();
    } catch (error) {
      // Another delivery inserted it first: compare with theirs.
      if (!isUniqueViolation(error)) throw error;
      return this.upsertStory(story);
    }
    return { changed: true, wasPublished: false };
  }

  /** Published stories of an edition tagged with any of the places (not removed), newest first. */
  storiesForPlaces(edition: string, slugs: readonly string[], limit: number, since?: string): Promise<PlaceStoryRow[]> {
    if (slugs.length === 0) return Promise.resolve([]);
    let query = this.db
      .selectFrom("article_places")
      .innerJoin("map_stories", "map_stories.article_id", "article_places.article_id")
      .select(PLACE_STORY_COLUMNS)
      .where("article_places.place_slug", "in", [...slugs])
      .where("article_places.state", "!=", "removed")
      .where("map_stories.edition_code", "=", edition)
      .where("map_stories.status", "=", "published");
    if (since) query = query.where("map_stories.published_at", ">=", since);
    return query
      .orderBy("map_stories.published_at", "desc")
      .orderBy("map_stories.article_id", "desc")
      .limit(limit)
      .execute() as Promise<PlaceStoryRow[]>;
  }

  /** Published stories of an edition that name a place, newest first (pins on the map). */
  async recentTaggedStories(edition: string, since: string, limit: number): Promise<PlaceStoryRow[]> {
    return this.db
      .selectFrom("article_places")
      .innerJoin("map_stories", "map_stories.article_id", "article_places.article_id")
      .select(PLACE_STORY_COLUMNS)
      .where("article_places.state", "!=", "removed")
      .where("map_stories.edition_code", "=", edition)
      .where("map_stories.status", "=", "published")
      .where("map_stories.published_at", ">=", since)
      .orderBy("map_stories.published_at", "desc")
      .orderBy("map_stories.article_id", "desc")
      .limit(limit)
      .execute() as Promise<PlaceStoryRow[]>;
  }
}

function sameStory(a: MapStoryRow, b: MapStoryRow): boolean {
  return (
    a.version === b.version &&
    a.edition_code === b.edition_code &&
    a.slug === b.slug &&
    a.title === b.title &&
    a.dek === b.dek &&
    a.status === b.status &&
    a.published_at === b.published_at
  );
}
