import type { Edition } from "../newsroom/editions.service.js";
import { placeName } from "../site/place-name.js";
import type { Basemap } from "./basemap.js";
import type { GazetteerPlace } from "./gazetteer.types.js";
import type { LivePlacesService, PlaceLiveBlog } from "./live-places.service.js";
import type { LayerScope } from "./maps.repository.js";
import {
  type LocalizedLayer,
  localizeLayer,
  type MapDto,
  type MapsService,
  mapKeys,
  type PlaceStory,
  viewBox,
} from "./maps.service.js";
import { renderMapSvg, type SvgView } from "./svg.renderer.js";

export const MAP_VIEW = { width: 800, height: 560 };
export const CARD_VIEW = { width: 600, height: 315 };

export interface MapPageData {
  map: MapDto;
  title: string;
  description: string;
  /** The day asked for, or the newest layer's. */
  day: string | null;
  current: LocalizedLayer | undefined;
  /** The layers readers may see (drafts too in the newsroom's preview), newest first. */
  layers: LocalizedLayer[];
  /** The same layers oldest first, for the browser map. */
  history: LocalizedLayer[];
  /** The newsroom's preview, drafts included: never cached, never shown to readers. */
  preview: boolean;
  svg: string;
  stories: PlaceStory[];
  pins: PlaceStory[];
  /** The largest towns in view, named on the map. */
  labels: { lat: number; lon: number; label: string }[];
  keys: string[];
}

export interface PlacePageData {
  place: GazetteerPlace;
  oblast: GazetteerPlace | undefined;
  stories: PlaceStory[];
  /** Published live blogs with an entry about the place. */
  liveBlogs: PlaceLiveBlog[];
  svg: string;
  keys: string[];
}

/** What the reader's map and place pages show, assembled from the maps service. */
export class MapPagesService {
  constructor(
    private readonly maps: MapsService,
    private readonly basemap: () => Basemap,
    private readonly options: { pinDays: number },
    private readonly livePlaces?: LivePlacesService,
  ) {}

  /** A map by id for the newsroom's preview; not found is the API's 404. */
  getMap(id: number): Promise<MapDto> {
    return this.maps.getMap(id);
  }

  findMap(slug: string): Promise<MapDto | undefined> {
    return this.maps.findMapBySlug(slug);
  }

  mapTitle(map: MapDto, edition: string): { title: string; description: string } {
    const text = map.texts[edition] ?? Object.values(map.texts)[0] ?? { title: map.slug, description: "" };
    return text;
  }

  /**
   * The map's picture on a day (the newest layer when no day is given), as SVG. Readers' pictures
   * (preview, card, embeds) draw published layers only.
   */
  async mapSvg(
    map: MapDto,
    edition: Edition,
    day: string | null,
    view: Omit<SvgView, "lat" | "lon" | "zoom"> & { zoomOffset?: number },
    scope: LayerScope = { drafts: false },
  ) {
    const layer = await this.maps.layerOn(map.id, day, scope);
    const current = layer ? localizeLayer(layer, edition.language) : undefined;
    const { title } = this.mapTitle(map, edition.code);
    const svg = renderMapSvg(
      this.basemap(),
      current?.geojson ?? null,
      {
        lat: map.center.lat,
        lon: map.center.lon,
        zoom: map.zoom + (view.zoomOffset ?? 0),
        width: view.width,
        height: view.height,
      },
      { title: current ? `${title} — ${current.validOn}` : title, labels: this.labels(map, edition.language, view) },
    );
    return { svg, current };
  }

  labels(map: MapDto, language: string, view: { width: number; height: number; zoomOffset?: number }) {
    const box = viewBox(map.center, map.zoom + (view.zoomOffset ?? 0), view.width, view.height);
    return this.maps
      .placesWithin(box)
      .filter((p) => p.kind === "settlement")
      .sort((a, b) => b.population - a.population)
      .slice(0, 10)
      .map((p) => ({ lat: p.lat, lon: p.lon, label: placeName(p, language) }));
  }

  /** The reader's map page; `scope.drafts` only for the newsroom's preview. */
  async mapPage(
    edition: Edition,
    slug: string,
    day: string | null,
    scope: LayerScope = { drafts: false },
  ): Promise<MapPageData | undefined> {
    const map = await this.maps.findMapBySlug(slug);
    if (!map) return undefined;
    return this.mapPageOf(map, edition, day, scope);
  }

  async mapPageOf(map: MapDto, edition: Edition, day: string | null, scope: LayerScope): Promise<MapPageData> {
    const { title, description } = this.mapTitle(map, edition.code);
    const box = viewBox(map.center, map.zoom, MAP_VIEW.width, MAP_VIEW.height);
    const [{ svg, current }, all, stories, pins] = await Promise.all([
      this.mapSvg(map, edition, day, MAP_VIEW, scope),
      this.maps.allLayers(map.id, scope),
      this.maps.storiesWithin(edition.code, box, 8),
      this.maps.storiesWithin(edition.code, box, 60, this.options.pinDays),
    ]);
    const keys = [
      mapKeys.map(map.slug),
      mapKeys.stories(edition.code),
      `settings:${edition.code}`,
      ...[...stories, ...pins].map((s) => `article:${s.id}`),
    ];
    const history = all.map((layer) => localizeLayer(layer, edition.language));
    return {
      map,
      title,
      description,
      day: day ?? current?.validOn ?? null,
      current,
      layers: [...history].reverse(),
      history,
      preview: scope.drafts,
      svg,
      stories,
      pins,
      labels: this.labels(map, edition.language, MAP_VIEW),
      keys,
    };
  }

  async placePage(edition: Edition, slug: string): Promise<PlacePageData | undefined> {
    const place = this.maps.place(slug);
    if (!place) return undefined;
    const [stories, liveBlogs] = await Promise.all([
      this.maps.storiesAbout(edition.code, slug, 30),
      this.livePlaces?.liveBlogsAbout(edition.code, slug, 10) ?? [],
    ]);
    const zoom = place.kind === "settlement" ? 9 : 7;
    const svg = renderMapSvg(
      this.basemap(),
      null,
      { lat: place.lat, lon: place.lon, zoom, width: 400, height: 260 },
      {
        title: placeName(place, edition.language),
        pins:
          place.kind === "settlement"
            ? [{ lat: place.lat, lon: place.lon, label: placeName(place, edition.language) }]
            : [],
      },
    );
    return {
      place,
      oblast: place.oblast ? this.maps.place(place.oblast) : undefined,
      stories,
      liveBlogs,
      svg,
      keys: [
        mapKeys.place(slug),
        `settings:${edition.code}`,
        ...stories.map((s) => `article:${s.id}`),
        ...liveBlogs.map((blog) => `article:${blog.id}`),
      ],
    };
  }
}
