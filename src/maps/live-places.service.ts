import { AppError } from "../errors.js";
import { renderBodyText } from "../newsroom/body-text.renderer.js";
import type { LiveCoverageService } from "../newsroom/live-coverage.service.js";
import type { LivePlacesRepository } from "./live-places.repository.js";
import { type MapsService, mapKeys, type PlaceTag } from "./maps.service.js";

/** A place one live entry names. */
export interface LivePlaceTag extends PlaceTag {
  entryId: number;
}

/** A published live blog that mentions a place, for the place page. */
export interface PlaceLiveBlog {
  id: number;
  slug: string;
  title: string;
  publishedAt: string;
}

/** The entries the geotagger needs: the current text of one entry, or nothing once it is deleted. */
type EntrySource = Pick<LiveCoverageService, "findEntry">;

/**
 * The places live entries name. Each posted or edited entry is geotagged on its own (the
 * `live.entry.saved` listener), so a blog that moves from town to town is listed on each town's
 * page; editors confirm or remove a place per entry.
 */
export class LivePlacesService {
  private readonly listeners: ((keys: string[]) => void)[] = [];

  constructor(
    private readonly repository: LivePlacesRepository,
    private readonly maps: MapsService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  onChange(listener: (keys: string[]) => void): void {
    this.listeners.push(listener);
  }

  /** Purges the pages of the places that came or went; the article's own page shows no entry places. */
  private emit(slugs: Iterable<string>): void {
    const keys = [...new Set([...slugs].map(mapKeys.place))];
    if (keys.length === 0) return;
    for (const listener of this.listeners) listener(keys);
  }

  /**
   * Finds the places in an entry's current text. A late or repeated delivery reads the same text
   * and changes nothing; an entry deleted meanwhile loses its tags.
   */
  async geotagEntry(entries: EntrySource, articleId: number, entryId: number): Promise<LivePlaceTag[]> {
    const entry = await entries.findEntry(articleId, entryId);
    if (!entry) {
      this.emit(await this.repository.removeEntry(entryId));
      return [];
    }
    let body = "";
    try {
      body = renderBodyText(entry.body);
    } catch {
      // A body the renderer cannot read names no places; the headline still counts.
    }
    const text = [entry.headline ?? "", body].join("\n\n");
    const found = this.maps.findPlacesInText(text).map((m) => ({ slug: m.slug, count: m.count }));
    const changed = await this.repository.replaceAutoTags({ entryId, articleId }, found, this.now().toISOString());
    this.emit(changed);
    return (await this.tagsOfArticle(articleId)).filter((tag) => tag.entryId === entryId);
  }

  /** Every place the blog's entries name, newest entry first. */
  async tagsOfArticle(articleId: number): Promise<LivePlaceTag[]> {
    const tags: LivePlaceTag[] = [];
    for (const row of await this.repository.placesOfArticle(articleId)) {
      const tag = this.maps.placeTagOf(row);
      if (tag) tags.push({ entryId: row.entry_id, ...tag });
    }
    return tags;
  }

  /** An editor confirms, removes or adds (confirms a new) place of one entry. */
  async setTag(
    entries: EntrySource,
    articleId: number,
    entryId: number,
    slug: string,
    state: "confirmed" | "removed",
  ): Promise<LivePlaceTag[]> {
    if (!(await entries.findEntry(articleId, entryId))) {
      throw new AppError("not_found", `Live entry ${entryId} does not exist in article ${articleId}.`);
    }
    if (!this.maps.place(slug)) throw new AppError("not_found", `The gazetteer has no place "${slug}".`);
    await this.repository.setTagState({ entryId, articleId }, slug, state, this.now().toISOString());
    this.emit([slug]);
    return this.tagsOfArticle(articleId);
  }

  /** Published live blogs of the edition with an entry about the place, newest first. */
  async liveBlogsAbout(edition: string, slug: string, limit: number): Promise<PlaceLiveBlog[]> {
    const rows = await this.repository.liveBlogsForPlace(edition, slug, limit);
    return rows.map((row) => ({ id: row.id, slug: row.slug, title: row.title, publishedAt: row.published_at }));
  }
}
