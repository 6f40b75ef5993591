import { AppError } from "../errors.js";
import type { ArticleQueries } from "../newsroom/article-queries.service.js";
import type { BodyDocument } from "../newsroom/body.types.js";
import { renderBodyText } from "../newsroom/body-text.renderer.js";
import { isValidSlug } from "../newsroom/slug.js";
import type { ArticlePlaceState, MapLayerRow, MapLayerStatus, MapLayerTextRow, MapRow } from "../platform/db/schema.js";
import type { GazetteerPlace } from "./gazetteer.types.js";
import {
  describeProblems,
  type EventFeature,
  type LayerCollection,
  type LayerFeature,
  validateLayer,
} from "./geojson.validator.js";
import { Geotagger } from "./geotagger.js";
import type { LayerScope, LayerSummaryRow, MapsRepository, PlaceStoryRow } from "./maps.repository.js";

export type MapTexts = Record<string, { title: string; description: string }>;

export interface MapDto {
  id: number;
  slug: string;
  texts: MapTexts;
  center: { lat: number; lon: number };
  zoom: number;
  createdAt: string;
  updatedAt: string;
}

/** A layer's title, note and event descriptions in a language other than its own. */
export interface LayerTranslation {
  title: string;
  note: string | null;
  /** Event descriptions by feature number (from 1, as upload problems count). */
  events: Record<string, string>;
  updatedAt: string;
}

export interface LayerSummary {
  id: number;
  mapId: number;
  validOn: string;
  /** Title and note in the layer's own language. */
  title: string;
  note: string | null;
  featureCount: number;
  createdAt: string;
  updatedAt: string;
  status: MapLayerStatus;
  publishedAt: string | null;
  language: string;
  translations: Record<string, LayerTranslation>;
}

export interface LayerDto extends LayerSummary {
  geojson: LayerCollection;
}

export interface MapInput {
  slug: string;
  texts: MapTexts;
  center: { lat: number; lon: number };
  zoom: number;
}

export interface LayerInput {
  validOn: string;
  title: string;
  note?: string | null;
  /** The language the title, note and event descriptions are written in; English when not said. */
  language?: string;
  geojson: unknown;
}

export interface LayerTextInput {
  title: string;
  note?: string | null;
  events?: Record<string, string>;
}

/**
 * A layer as a reader of one language sees it: texts in that language where translated, the
 * original's elsewhere, and which parts fell back so the page can say so.
 */
export interface LocalizedLayer extends LayerDto {
  /** The language the fallen-back parts are in (the layer's own). */
  originalLanguage: string;
  fallback: { title: boolean; note: boolean; events: number[] };
}

export interface PlaceTag {
  slug: string;
  state: ArticlePlaceState;
  mentions: number;
  kind: GazetteerPlace["kind"];
  names: GazetteerPlace["names"];
}

export interface PlaceStory {
  id: number;
  edition: string;
  slug: string;
  title: string;
  dek: string | null;
  publishedAt: string;
  place: GazetteerPlace;
}

/** Surrogate keys of the pages maps draw on. */
export const mapKeys = {
  map: (slug: string) => `map:${slug}`,
  place: (slug: string) => `place:${slug}`,
  /** The map pages' side list and pins: any tag change in the edition. */
  stories: (edition: string) => `map-stories:${edition}`,
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isValidDay(day: string): boolean {
  if (!DAY.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

function toMap(row: MapRow): MapDto {
  return {
    id: row.id,
    slug: row.slug,
    texts: JSON.parse(row.texts) as MapTexts,
    center: { lat: row.center_lat, lon: row.center_lon },
    zoom: row.zoom,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toTranslation(row: MapLayerTextRow): LayerTranslation {
  return {
    title: row.title,
    note: row.note,
    events: JSON.parse(row.events) as Record<string, string>,
    updatedAt: row.updated_at,
  };
}

function toLayerSummary(row: LayerSummaryRow, texts: readonly MapLayerTextRow[] = []): LayerSummary {
  return {
    id: row.id,
    mapId: row.map_id,
    validOn: row.valid_on,
    title: row.title,
    note: row.note,
    featureCount: row.feature_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    status: row.status,
    publishedAt: row.published_at,
    language: row.language,
    translations: Object.fromEntries(
      texts.filter((text) => text.layer_id === row.id).map((text) => [text.language, toTranslation(text)]),
    ),
  };
}

function toLayer(row: MapLayerRow, texts: readonly MapLayerTextRow[] = []): LayerDto {
  return { ...toLayerSummary(row, texts), geojson: JSON.parse(row.geojson) as LayerCollection };
}

const LANGUAGE = /^[a-z]{2,3}$/;

/**
 * The layer in the reader's language. Each part (title, note, each event's description) is the
 * translation's when it has one, else the original's, marked as fallen back unless the reader's
 * language is the layer's own.
 */
export function localizeLayer(layer: LayerDto, language: string): LocalizedLayer {
  const own = language === layer.language;
  const translation = own ? undefined : layer.translations[language];
  const fellBack: number[] = [];
  const features = layer.geojson.features.map((feature, index): LayerFeature => {
    if (feature.properties.kind !== "event" || own) return feature;
    const translated = translation?.events[String(index + 1)];
    if (!translated) {
      fellBack.push(index + 1);
      return feature;
    }
    // The kind said so; TypeScript narrows the properties only, not the feature around them.
    const event = feature as EventFeature;
    return { ...event, properties: { ...event.properties, description: translated } };
  });
  const note = translation?.note ?? layer.note;
  return {
    ...layer,
    title: translation?.title ?? layer.title,
    note,
    geojson: { ...layer.geojson, features },
    originalLanguage: layer.language,
    fallback: {
      title: !own && !translation,
      note: !own && note !== null && !translation?.note,
      events: fellBack,
    },
  };
}

function checkMapInput(input: Partial<MapInput>): void {
  const problems: string[] = [];
  if (input.slug !== undefined && !isValidSlug(input.slug)) {
    problems.push("the address must be lower-case letters, digits and hyphens");
  }
  if (input.texts !== undefined) {
    const editions = Object.keys(input.texts);
    if (editions.length === 0) problems.push("give the map a title in at least one edition");
    for (const [edition, text] of Object.entries(input.texts)) {
      if (!text.title.trim()) problems.push(`the ${edition} title is empty`);
    }
  }
  if (input.center && (Math.abs(input.center.lat) > 90 || Math.abs(input.center.lon) > 180)) {
    problems.push("the centre is not a real place (latitude −90…90, longitude −180…180)");
  }
  if (problems.length > 0) throw new AppError("validation_failed", `The map was not saved: ${problems.join("; ")}.`);
}

/**
 * Battle maps and their dated layers, the gazetteer, and the places articles name. Changes are
 * announced as surrogate keys so cached map, place and article pages drop at once.
 */
export class MapsService {
  private readonly listeners: ((keys: string[]) => void)[] = [];
  private builtTagger: Geotagger | undefined;
  private readonly bySlug: Map<string, GazetteerPlace>;

  constructor(
    private readonly repository: MapsRepository,
    private readonly places: readonly GazetteerPlace[],
    private readonly now: () => Date = () => new Date(),
  ) {
    this.bySlug = new Map(places.map((p) => [p.slug, p]));
  }

  /** Built on first use: indexing the gazetteer's names takes a fifth of a second that start-up need not wait for. */
  private get tagger(): Geotagger {
    this.builtTagger ??= new Geotagger(this.places);
    return this.builtTagger;
  }

  onChange(listener: (keys: string[]) => void): void {
    this.listeners.push(listener);
  }

  private emit(keys: Iterable<string>): void {
    const list = [...new Set(keys)];
    if (list.length === 0) return;
    for (const listener of this.listeners) listener(list);
  }

  // ---- maps and layers ----

  async listMaps(): Promise<MapDto[]> {
    return (await this.repository.listMaps()).map(toMap);
  }

  async getMap(id: number): Promise<MapDto> {
    const row = await this.repository.findMap(id);
    if (!row) throw new AppError("not_found", `There is no map ${id}.`);
    return toMap(row);
  }

  async findMapBySlug(slug: string): Promise<MapDto | undefined> {
    const row = await this.repository.findMapBySlug(slug);
    return row ? toMap(row) : undefined;
  }

  async createMap(input: MapInput): Promise<MapDto> {
    checkMapInput(input);
    const at = this.now().toISOString();
    const row = await this.repository.insertMap({
      slug: input.slug,
      texts: JSON.stringify(input.texts),
      center_lat: input.center.lat,
      center_lon: input.center.lon,
      zoom: input.zoom,
      created_at: at,
      updated_at: at,
    });
    this.emit([mapKeys.map(row.slug)]);
    return toMap(row);
  }

  async updateMap(id: number, input: Partial<MapInput>): Promise<MapDto> {
    checkMapInput(input);
    const before = await this.getMap(id);
    const row = await this.repository.updateMap(id, {
      ...(input.slug !== undefined ? { slug: input.slug } : {}),
      ...(input.texts !== undefined ? { texts: JSON.stringify(input.texts) } : {}),
      ...(input.center !== undefined ? { center_lat: input.center.lat, center_lon: input.center.lon } : {}),
      ...(input.zoom !== undefined ? { zoom: input.zoom } : {}),
      updated_at: this.now().toISOString(),
    });
    if (!row) throw new AppError("not_found", `There is no map ${id}.`);
    this.emit([mapKeys.map(before.slug), mapKeys.map(row.slug)]);
    return toMap(row);
  }

  /** Every layer of the map, drafts included, with its translations: the newsroom's list. */
  async listLayers(mapId: number): Promise<LayerSummary[]> {
    await this.getMap(mapId);
    const rows = await this.repository.listLayers(mapId);
    const texts = await this.repository.textsOfLayers(rows.map((row) => row.id));
    return rows.map((row) => toLayerSummary(row, texts));
  }

  async getLayer(mapId: number, layerId: number): Promise<LayerDto> {
    const row = await this.repository.findLayer(mapId, layerId);
    if (!row) throw new AppError("not_found", `Map ${mapId} has no layer ${layerId}.`);
    return toLayer(row, await this.repository.textsOfLayers([row.id]));
  }

  /**
   * The newest layer on or before the day (the newest of all without a day), or undefined before
   * the first one. Readers see published layers only; the newsroom's preview passes drafts too.
   */
  async layerOn(
    mapId: number,
    day: string | null,
    scope: LayerScope = { drafts: false },
  ): Promise<LayerDto | undefined> {
    const row = await this.repository.layerOn(mapId, day, scope);
    return row ? toLayer(row, await this.repository.textsOfLayers([row.id])) : undefined;
  }

  /** Every layer a reader may see (drafts too for the preview), oldest first, with its texts. */
  async allLayers(mapId: number, scope: LayerScope = { drafts: false }): Promise<LayerDto[]> {
    const rows = await this.repository.allLayers(mapId, scope);
    const texts = await this.repository.textsOfLayers(rows.map((row) => row.id));
    return rows.map((row) => toLayer(row, texts));
  }

  /**
   * Validates the whole file first: a layer is stored complete or not at all. A new layer is a
   * draft, on no reader page until it is published.
   */
  async addLayer(mapId: number, input: LayerInput, createdBy: number | null): Promise<LayerSummary> {
    await this.getMap(mapId);
    if (!isValidDay(input.validOn)) {
      throw new AppError("validation_failed", `"${input.validOn}" is not a day written as YYYY-MM-DD.`);
    }
    if (!input.title.trim()) throw new AppError("validation_failed", "Give the layer a title.");
    const language = input.language ?? "en";
    if (!LANGUAGE.test(language)) {
      throw new AppError("validation_failed", `"${language}" is not a language code such as uk, ru or en.`);
    }
    const result = validateLayer(input.geojson);
    if (!result.ok)
      throw new AppError("validation_failed", describeProblems(result.problems), { problems: result.problems });
    const at = this.now().toISOString();
    const row = await this.repository.insertLayer({
      map_id: mapId,
      valid_on: input.validOn,
      title: input.title.trim(),
      note: input.note?.trim() || null,
      geojson: JSON.stringify(result.value),
      feature_count: result.value.features.length,
      created_by: createdBy,
      created_at: at,
      updated_at: at,
      status: "draft",
      published_at: null,
      language,
    });
    return toLayerSummary(row);
  }

  /** Announces a change of a layer to the pages that show it: none while it is a draft. */
  private emitLayer(map: MapDto, layer: { status: MapLayerStatus }): void {
    if (layer.status === "published") this.emit([mapKeys.map(map.slug)]);
  }

  async updateLayer(
    mapId: number,
    layerId: number,
    input: { validOn?: string; title?: string; note?: string | null; language?: string },
  ): Promise<LayerSummary> {
    const map = await this.getMap(mapId);
    if (input.validOn !== undefined && !isValidDay(input.validOn)) {
      throw new AppError("validation_failed", `"${input.validOn}" is not a day written as YYYY-MM-DD.`);
    }
    if (input.title !== undefined && !input.title.trim())
      throw new AppError("validation_failed", "Give the layer a title.");
    if (input.language !== undefined) {
      if (!LANGUAGE.test(input.language)) {
        throw new AppError("validation_failed", `"${input.language}" is not a language code such as uk, ru or en.`);
      }
      const current = await this.getLayer(mapId, layerId);
      if (input.language !== current.language && current.translations[input.language]) {
        throw new AppError(
          "conflict",
          `The layer has a translation in "${input.language}"; delete it before making that the original language.`,
        );
      }
    }
    const row = await this.repository.updateLayer(mapId, layerId, {
      ...(input.validOn !== undefined ? { valid_on: input.validOn } : {}),
      ...(input.title !== undefined ? { title: input.title.trim() } : {}),
      ...(input.note !== undefined ? { note: input.note?.trim() || null } : {}),
      ...(input.language !== undefined ? { language: input.language } : {}),
      updated_at: this.now().toISOString(),
    });
    if (!row) throw new AppError("not_found", `Map ${mapId} has no layer ${layerId}.`);
    this.emitLayer(map, row);
    return toLayerSummary(row, await this.repository.textsOfLayers([row.id]));
  }

  /** Puts the layer on the map, its preview, card and date slider; publishing twice changes nothing. */
  async publishLayer(mapId: number, layerId: number): Promise<LayerSummary> {
    return this.setLayerStatus(mapId, layerId, "published");
  }

  /** Takes the layer off every reader page; it stays in the newsroom as a draft. */
  async unpublishLayer(mapId: number, layerId: number): Promise<LayerSummary> {
    return this.setLayerStatus(mapId, layerId, "draft");
  }

  private async setLayerStatus(mapId: number, layerId: number, status: MapLayerStatus): Promise<LayerSummary> {
    const map = await this.getMap(mapId);
    const layer = await this.getLayer(mapId, layerId);
    if (layer.status === status) return stripGeojson(layer);
    const row = await this.repository.setLayerStatus(mapId, layerId, status, this.now().toISOString());
    if (!row) throw new AppError("not_found", `Map ${mapId} has no layer ${layerId}.`);
    this.emit([mapKeys.map(map.slug)]);
    return toLayerSummary(row, await this.repository.textsOfLayers([row.id]));
  }

  /** Writes the layer's title, note and event descriptions in one more language. */
  async putLayerText(mapId: number, layerId: number, language: string, input: LayerTextInput): Promise<LayerSummary> {
    const map = await this.getMap(mapId);
    const layer = await this.getLayer(mapId, layerId);
    if (!LANGUAGE.test(language)) {
      throw new AppError("validation_failed", `"${language}" is not a language code such as uk, ru or en.`);
    }
    if (language === layer.language) {
      throw new AppError(
        "validation_failed",
        `"${language}" is the layer's own language: change its title and note on the layer itself.`,
      );
    }
    const problems: string[] = [];
    if (!input.title.trim()) problems.push("the title is empty");
    const events: Record<string, string> = {};
    for (const [key, text] of Object.entries(input.events ?? {})) {
      const feature = layer.geojson.features[Number(key) - 1];
      if (!/^[1-9]\d*$/.test(key) || feature?.properties.kind !== "event") {
        problems.push(`feature ${key} is not an event of this layer`);
      } else if (text.trim()) {
        events[key] = text.trim();
      }
    }
    if (problems.length > 0) {
      throw new AppError("validation_failed", `The translation was not saved: ${problems.join("; ")}.`);
    }
    await this.repository.putLayerText({
      layer_id: layerId,
      language,
      title: input.title.trim(),
      note: input.note?.trim() || null,
      events: JSON.stringify(events),
      updated_at: this.now().toISOString(),
    });
    this.emitLayer(map, layer);
    return stripGeojson(await this.getLayer(mapId, layerId));
  }

  async deleteLayerText(mapId: number, layerId: number, language: string): Promise<LayerSummary> {
    const map = await this.getMap(mapId);
    const layer = await this.getLayer(mapId, layerId);
    if (!(await this.repository.deleteLayerText(layerId, language))) {
      throw new AppError("not_found", `The layer has no translation in "${language}".`);
    }
    this.emitLayer(map, layer);
    return stripGeojson(await this.getLayer(mapId, layerId));
  }

  async deleteLayer(mapId: number, layerId: number): Promise<void> {
    const map = await this.getMap(mapId);
    const layer = await this.getLayer(mapId, layerId);
    if (!(await this.repository.deleteLayer(mapId, layerId))) {
      throw new AppError("not_found", `Map ${mapId} has no layer ${layerId}.`);
    }
    this.emitLayer(map, layer);
  }

  // ---- gazetteer and place tags ----

  place(slug: string): GazetteerPlace | undefined {
    return this.bySlug.get(slug);
  }

  /** Places whose name starts like the query, for the editor's "add a place" field. */
  searchPlaces(query: string, limit = 10): GazetteerPlace[] {
    const q = query.trim().toLowerCase();
    if (q.length < 2) return [];
    return this.places
      .filter((p) => p.variants.some((v) => v.toLowerCase().startsWith(q)))
      .sort((a, b) => (a.kind === b.kind ? b.population - a.population : a.kind === "settlement" ? 1 : -1))
      .slice(0, limit);
  }

  /** Gazetteer places inside a box (labels and the stories of a map). */
  placesWithin(box: { west: number; south: number; east: number; north: number }): GazetteerPlace[] {
    return this.places.filter(
      (p) => p.lon >= box.west && p.lon <= box.east && p.lat >= box.south && p.lat <= box.north,
    );
  }

  findPlacesInText(text: string) {
    return this.tagger.find(text);
  }

  async geotagArticle(articles: ArticleQueries, articleId: number): Promise<PlaceTag[]> {
    const article = await articles.getById(articleId);
    let body = "";
    try {
      body = renderBodyText(JSON.parse(article.body) as BodyDocument);
    } catch {
      // A body that does not parse has no places to find; the title and dek still count.
    }
    const text = [article.title, article.dek ?? "", body].join("\n\n");
    const found = this.tagger.find(text).map((m) => ({ slug: m.slug, count: m.count }));
    const changed = await this.repository.replaceAutoTags(articleId, found, this.now().toISOString());
    const story = await this.repository.upsertStory({
      article_id: article.id,
      edition_code: article.edition_code,
      slug: article.slug,
      title: article.title,
      dek: article.dek,
      status: article.status,
      published_at: article.published_at,
      version: article.version,
    });
    const tags = await this.tagsOfArticle(articleId);
    // Map and place pages list published stories from the copy just written: they follow it from
    // here. A draft's new version changes no page.
    const shownChanged = story.changed && (story.wasPublished || article.status === "published");
    if (changed.length > 0 || shownChanged) {
      const places = shownChanged ? tags.map((tag) => tag.slug) : [];
      this.emit([
        ...new Set([...changed, ...places].map(mapKeys.place)),
        mapKeys.stories(article.edition_code),
        `article:${articleId}`,
      ]);
    }
    return tags;
  }

  async tagsOfArticle(articleId: number): Promise<PlaceTag[]> {
    const rows = await this.repository.placesOfArticle(articleId);
    return rows.map((row) => this.placeTagOf(row)).filter((tag): tag is PlaceTag => tag !== undefined);
  }

  /** A stored tag with its place's kind and names; undefined when the gazetteer no longer has it. */
  placeTagOf(row: { place_slug: string; state: ArticlePlaceState; mentions: number }): PlaceTag | undefined {
    const place = this.bySlug.get(row.place_slug);
    return place
      ? { slug: row.place_slug, state: row.state, mentions: row.mentions, kind: place.kind, names: place.names }
      : undefined;
  }

  /** An editor confirms, removes or adds (confirms a new) tag. */
  async setTag(articleId: number, edition: string, slug: string, state: "confirmed" | "removed"): Promise<PlaceTag[]> {
    if (!this.bySlug.has(slug)) throw new AppError("not_found", `The gazetteer has no place "${slug}".`);
    await this.repository.setTagState(articleId, slug, state, this.now().toISOString());
    this.emit([mapKeys.place(slug), mapKeys.stories(edition), `article:${articleId}`]);
    return this.tagsOfArticle(articleId);
  }

  /** Places a published article is about (not those an editor removed), most mentioned first. */
  async placesOfArticle(articleId: number): Promise<GazetteerPlace[]> {
    const rows = await this.repository.placesOfArticle(articleId);
    return rows
      .filter((row) => row.state !== "removed")
      .map((row) => this.bySlug.get(row.place_slug))
      .filter((p): p is GazetteerPlace => p !== undefined);
  }

  private toStories(rows: PlaceStoryRow[]): PlaceStory[] {
    const stories: PlaceStory[] = [];
    for (const row of rows) {
      const place = this.bySlug.get(row.place_slug);
      if (!place) continue;
      stories.push({
        id: row.id,
        edition: row.edition_code,
        slug: row.slug,
        title: row.title,
        dek: row.dek,
        publishedAt: row.published_at,
        place,
      });
    }
    return stories;
  }

  /** Stories about one place, newest first. */
  async storiesAbout(edition: string, slug: string, limit: number): Promise<PlaceStory[]> {
    return this.toStories(await this.repository.storiesForPlaces(edition, [slug], limit));
  }

  /** The newest stories about places inside the box, one entry per story. */
  async storiesWithin(
    edition: string,
    box: { west: number; south: number; east: number; north: number },
    limit: number,
    days?: number,
  ): Promise<PlaceStory[]> {
    const since = days === undefined ? undefined : new Date(this.now().getTime() - days * 86_400_000).toISOString();
    const slugs = this.placesWithin(box).map((p) => p.slug);
    // Rows come one per (story, place); keep each story once, at its first (most mentioned) place.
    const rows = await this.repository.storiesForPlaces(edition, slugs, limit * 4, since);
    const seen = new Set<number>();
    const stories: PlaceStory[] = [];
    for (const story of this.toStories(rows)) {
      if (seen.has(story.id)) continue;
      seen.add(story.id);
      stories.push(story);
    }
    return stories.slice(0, limit);
  }
}

function stripGeojson(layer: LayerDto): LayerSummary {
  const { geojson: _geojson, ...summary } = layer;
  return summary;
}

/** The area a map view shows, in degrees, for a view of `width`×`height` pixels at a zoom. */
export function viewBox(
  center: { lat: number; lon: number },
  zoom: number,
  width: number,
  height: number,
): { west: number; south: number; east: number; north: number } {
  const degreesPerPixel = 360 / (256 * 2 ** zoom);
  const halfWidth = (width / 2) * degreesPerPixel;
  // Mercator stretches latitude by 1/cos(lat); near 48° that is about 1.5.
  const halfHeight = (height / 2) * degreesPerPixel * Math.cos((center.lat * Math.PI) / 180);
  return {
    west: center.lon - halfWidth,
    east: center.lon + halfWidth,
    south: center.lat - halfHeight,
    north: center.lat + halfHeight,
  };
}
