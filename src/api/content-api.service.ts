import { AppError } from "../errors.js";
import { type MapsService, mapKeys } from "../maps/maps.service.js";
import type { ArticleQueries, ArticleView } from "../newsroom/article-queries.service.js";
import type { PublishedFilter, PublishedPosition } from "../newsroom/articles.repository.js";
import type { Edition, EditionsService } from "../newsroom/editions.service.js";
import { stripNoteMarks } from "../newsroom/editorial-notes.shared.js";
import type { LiveCoverageService } from "../newsroom/live-coverage.service.js";
import { variantWidthsFor } from "../newsroom/media.service.js";
import { mediaSurrogateKeys, surrogateKey } from "../newsroom/surrogate-keys.js";
import type { TaxonomyService } from "../newsroom/taxonomy.service.js";
import type { MediaRow } from "../platform/db/schema.js";
import { urls } from "../site/urls.js";
import { renderBodyForApi } from "./api-body.renderer.js";
import type {
  ArticleDto,
  ArticleListDto,
  ArticleListQuery,
  LiveEntriesDto,
  MapLayersDto,
  MapListDto,
} from "./content-api.schemas.js";

export const DEFAULT_PAGE_SIZE = 20;
const IMAGE_WIDTH = 1200;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An answer and the surrogate keys of what it shows: a change to any of them purges the cached copy. */
export interface Keyed<T> {
  value: T;
  keys: string[];
}

export interface ContentApiDeps {
  articles: ArticleQueries;
  editions: EditionsService;
  taxonomy: TaxonomyService;
  live: LiveCoverageService;
  maps: MapsService;
  publicUrl: string;
}

/** Cursors carry the sort and the last item's exact sort value, so a page never repeats or skips one. */
export function encodeApiCursor(sort: PublishedFilter["orderBy"], position: PublishedPosition): string {
  return Buffer.from(JSON.stringify([sort, position.at, position.id])).toString("base64url");
}

export function decodeApiCursor(sort: PublishedFilter["orderBy"], cursor: string): PublishedPosition {
  const invalid = () => new AppError("invalid_cursor", "The cursor is damaged or belongs to a list in another order.");
  if (cursor.length > 300 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid();
  const [kind, at, id] = parsed as unknown[];
  if (kind !== sort || typeof at !== "string" || !ISO_INSTANT.test(at)) throw invalid();
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 1) throw invalid();
  return { at, id };
}

/** What the public Content API reads, shaped for partners: through the newsroom's and maps' services only. */
export class ContentApiService {
  constructor(private readonly deps: ContentApiDeps) {}

  edition(code: string): Edition {
    const edition = this.deps.editions.byCode(code);
    if (!edition) throw new AppError("not_found", `There is no "${code}" edition.`);
    return edition;
  }

  async articles(query: ArticleListQuery): Promise<Keyed<ArticleListDto>> {
    const edition = this.edition(query.edition);
    const orderBy = query.sort ?? "published";
    const filter: PublishedFilter = { edition: edition.code, orderBy };
    const keys = [surrogateKey.home(edition.code), surrogateKey.settings(edition.code)];
    const { taxonomy } = this.deps;
    const empty = { value: { articles: [], next: null }, keys };
    if (query.section !== undefined) {
      const section = await taxonomy.findSection(edition.code, query.section);
      if (!section) return empty;
      filter.sectionId = section.id;
    }
    if (query.tag !== undefined) {
      const tag = await taxonomy.findTag(edition.code, query.tag);
      if (!tag) return empty;
      filter.tagId = tag.id;
    }
    if (query.author !== undefined) {
      const person = await taxonomy.findPerson(edition.code, query.author);
      if (!person) return empty;
      filter.personId = person.id;
    }
    if (query.updatedSince !== undefined) {
      const since = Date.parse(query.updatedSince);
      if (!ISO_INSTANT.test(query.updatedSince) || Number.isNaN(since)) {
        throw new AppError("validation_failed", "updatedSince must be an ISO 8601 instant, e.g. 2026-03-21T07:30:00Z.");
      }
      filter.updatedSince = new Date(since).toISOString();
    }
    const after = query.cursor === undefined ? null : decodeApiCursor(orderBy, query.cursor);
    const page = await this.deps.articles.publishedPage(filter, after, query.limit ?? DEFAULT_PAGE_SIZE);
    return {
      value: {
        articles: page.views.map((view) => this.toArticle(view, edition)),
        next: page.next ? encodeApiCursor(orderBy, page.next) : null,
      },
      keys: [
        ...keys,
        ...page.views.map((view) => surrogateKey.article(view.article.id)),
        // Articles carry their lead and body images' alt text, captions and credits.
        ...mediaSurrogateKeys(page.views.flatMap((view) => [...view.media.keys()])),
      ],
    };
  }

  /** One published article by id (in any edition, or the one named) or by slug within an edition. */
  async article(idOrSlug: string, editionCode: string | undefined): Promise<Keyed<ArticleDto>> {
    const missing = () => new AppError("not_found", `There is no published article "${idOrSlug}".`);
    let view: ArticleView | undefined;
    if (/^\d{1,12}$/.test(idOrSlug)) {
      const row = (await this.deps.articles.findManyById([Number(idOrSlug)]))[0];
      if (row?.status !== "published" || (editionCode !== undefined && row.edition_code !== editionCode)) {
        throw missing();
      }
      view = await this.deps.articles.getPublished(row.edition_code, row.slug);
    } else {
      if (editionCode === undefined) {
        throw new AppError("validation_failed", "An article asked for by slug needs its edition (?edition=en).");
      }
      view = await this.deps.articles.getPublished(this.edition(editionCode).code, idOrSlug);
    }
    if (!view) throw missing();
    const edition = this.edition(view.article.edition_code);
    const keys = [surrogateKey.article(view.article.id), ...mediaSurrogateKeys(view.media.keys())];
    return { value: this.toArticle(view, edition), keys };
  }

  async sections(code: string): Promise<Keyed<{ sections: { id: number; slug: string; name: string }[] }>> {
    const edition = this.edition(code);
    const rows = await this.deps.taxonomy.listSections(edition.code);
    return {
      value: { sections: rows.map((row) => ({ id: row.id, slug: row.slug, name: row.name })) },
      keys: [surrogateKey.settings(edition.code)],
    };
  }

  async tags(code: string): Promise<Keyed<{ tags: { id: number; slug: string; name: string }[] }>> {
    const edition = this.edition(code);
    const rows = await this.deps.taxonomy.list("tag", edition.code);
    return {
      value: { tags: rows.map((row) => ({ id: row.id, slug: row.slug, name: row.name })) },
      keys: [surrogateKey.settings(edition.code)],
    };
  }

  async authors(code: string): Promise<Keyed<{ authors: ArticleDto["authors"] }>> {
    const edition = this.edition(code);
    const rows = await this.deps.taxonomy.list("person", edition.code);
    return {
      value: {
        authors: rows.map((row) => ({
          id: row.id,
          slug: row.slug,
          name: row.name,
          role: row.role ?? null,
          bio: row.bio ?? null,
        })),
      },
      keys: [surrogateKey.settings(edition.code)],
    };
  }

  /** The entries of a published live blog. */
  async liveEntries(articleId: number): Promise<Keyed<LiveEntriesDto>> {
    const row = (await this.deps.articles.findManyById([articleId]))[0];
    if (row?.status !== "published") throw new AppError("not_found", `There is no published article ${articleId}.`);
    if (row.kind !== "live") throw new AppError("not_found", `Article ${articleId} is not a live blog.`);
    const edition = this.edition(row.edition_code);
    const entries = await this.deps.live.entriesForPage(row);
    const media = await this.deps.live.mediaOf(entries);
    return {
      value: {
        articleId: row.id,
        liveEndedAt: row.live_ended_at,
        entries: entries.map((entry) => ({
          id: entry.id,
          headline: entry.headline,
          authorName: entry.authorName,
          pinned: entry.pinned,
          createdAt: entry.createdAt,
          updatedAt: entry.updatedAt,
          editedAt: entry.editedAt,
          body: stripNoteMarks(entry.body),
          html: renderBodyForApi(entry.body, media, { ...edition, origin: this.origin(edition) }),
        })),
      },
      // An image's new caption or alt text changes the entries' html: its edit purges this answer.
      keys: [surrogateKey.article(row.id), ...mediaSurrogateKeys(media.keys())],
    };
  }

  async maps(): Promise<Keyed<MapListDto>> {
    const maps = await this.deps.maps.listMaps();
    return {
      value: {
        maps: maps.map((map) => ({
          slug: map.slug,
          texts: map.texts,
          center: map.center,
          zoom: map.zoom,
          updatedAt: map.updatedAt,
        })),
      },
      // A new map announces only its own key, so the list is not kept in the page cache.
      keys: [],
    };
  }

  /** The published layers of a map, oldest date first, each a GeoJSON FeatureCollection. */
  async mapLayers(slug: string): Promise<Keyed<MapLayersDto>> {
    const map = await this.deps.maps.findMapBySlug(slug);
    if (!map) throw new AppError("not_found", `There is no map "${slug}".`);
    const layers = await this.deps.maps.allLayers(map.id, { drafts: false });
    return {
      value: {
        map: map.slug,
        layers: layers.map((layer) => ({
          id: layer.id,
          validOn: layer.validOn,
          title: layer.title,
          note: layer.note,
          language: layer.language,
          publishedAt: layer.publishedAt,
          updatedAt: layer.updatedAt,
          geojson: layer.geojson as unknown as MapLayersDto["layers"][number]["geojson"],
        })),
      },
      keys: [mapKeys.map(map.slug)],
    };
  }

  private origin(edition: Edition): string {
    return edition.origin ?? this.deps.publicUrl;
  }

  private image(row: MediaRow, edition: Edition): NonNullable<ArticleDto["leadImage"]> {
    const widths = variantWidthsFor(row.width);
    const width = widths.find((w) => w >= IMAGE_WIDTH) ?? widths.at(-1) ?? IMAGE_WIDTH;
    const shown = Math.min(width, row.width);
    return {
      url: `${this.origin(edition)}${urls.media(row.file_key, width, "jpg")}`,
      width: shown,
      height: Math.round((row.height * shown) / row.width),
      alt: row.alt,
      caption: row.caption,
      credit: row.credit,
    };
  }

  private toArticle(view: ArticleView, edition: Edition): ArticleDto {
    const { article } = view;
    const term = (row: { id: number; slug: string; name: string }) => ({ id: row.id, slug: row.slug, name: row.name });
    return {
      id: article.id,
      edition: article.edition_code,
      slug: article.slug,
      url: `${this.origin(edition)}${urls.article(edition.basePath, article.slug)}`,
      kind: article.kind,
      title: article.title,
      dek: article.dek,
      publishedAt: article.published_at ?? article.updated_at,
      updatedAt: article.updated_at,
      breaking: article.is_breaking === 1,
      section: view.section ? term(view.section) : null,
      tags: view.tags.map(term),
      authors: view.authors.map((person) => ({ ...term(person), role: person.role, bio: person.bio })),
      leadImage: view.leadMedia ? this.image(view.leadMedia, edition) : null,
      sourceAttribution: article.source_attribution,
      liveEndedAt: article.live_ended_at,
      // The desk's note marks are the newsroom's own: partners get the body without them.
      body: stripNoteMarks(view.body) as ArticleDto["body"],
      html: renderBodyForApi(view.body, view.media, { ...edition, origin: this.origin(edition) }),
    };
  }
}
