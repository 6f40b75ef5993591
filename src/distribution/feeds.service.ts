import type { ArticleQueries, ArticleView } from "../newsroom/article-queries.service.js";
import type { ArticleCardRow, FeedScope } from "../newsroom/articles.repository.js";
import { excerptBody } from "../newsroom/body-text.renderer.js";
import { type Edition, originOf } from "../newsroom/editions.service.js";
import { variantWidthsFor } from "../newsroom/media.service.js";
import { relatedArticleIds } from "../newsroom/related.shared.js";
import type { SettingsService } from "../newsroom/settings.service.js";
import { surrogateKey } from "../newsroom/surrogate-keys.js";
import type { ListKind, TaxonomyService } from "../newsroom/taxonomy.service.js";
import type { MediaRow } from "../platform/db/schema.js";
import { translate } from "../platform/i18n/messages.js";
import { urls } from "../site/urls.js";
import { articleTimes } from "./article-times.js";
import { renderBodyHtml } from "./body-html.renderer.js";
import { FeedItemCache } from "./feed-items.cache.js";
import { distributionUrls, FEED_FORMATS, type FeedFormat } from "./urls.js";

/** Items per feed: enough for a reader that polls a few times a day, small enough to stay fast. */
export const FEED_ITEM_LIMIT = 30;

/** The widest image a feed item points at; readers rarely show more. */
const FEED_IMAGE_WIDTH = 1200;

export interface FeedImage {
  url: string;
  width: number;
  height: number;
  alt: string;
  caption: string | null;
  credit: string | null;
}

export interface FeedPerson {
  name: string;
  url: string;
}

/** Feed items kept between requests: every feed's 30 items, for a few hundred feeds. */
export const FEED_ITEM_CACHE_SIZE = 2000;

/**
 * One article as every feed format needs it; renderers only choose the syntax. Never changed once
 * made: the renderers keep each item's markup by object identity (see FeedItemCache).
 */
export interface FeedItem {
  /** Stable across edits of the title or slug (a tag URI, RFC 4151), so readers never show an article twice. */
  id: string;
  url: string;
  title: string;
  summary: string;
  /** The full body as HTML from the feed renderer, every URL absolute. */
  contentHtml: string;
  published: string;
  updated: string;
  authors: FeedPerson[];
  section: string | null;
  tags: string[];
  image: FeedImage | null;
}

export interface FeedChannel {
  siteName: string;
  title: string;
  description: string;
  /** BCP 47, e.g. "en-GB". */
  locale: string;
  language: string;
  /** The HTML page the feed follows. */
  pageUrl: string;
  feedUrls: Readonly<Record<FeedFormat, string>>;
  hubUrl: string | null;
  logoUrl: string;
  /** The newest change among the items (ISO, UTC), or null for an empty feed. */
  updated: string | null;
}

export interface FeedData {
  channel: FeedChannel;
  items: FeedItem[];
  /** Surrogate keys: publishing, editing or withdrawing any item purges the cached feed. */
  keys: string[];
}

export interface FeedsServiceOptions {
  publicUrl: string;
  websubHubUrl: string | null;
  /** How many items are kept between requests (default FEED_ITEM_CACHE_SIZE). */
  itemCacheSize?: number;
}

/** An image variant that exists for this original, at most FEED_IMAGE_WIDTH wide, with its real size. */
export function feedImageSize(image: MediaRow): { path: string; width: number; height: number } {
  const widths = variantWidthsFor(image.width).filter((w) => w <= FEED_IMAGE_WIDTH);
  const variant = widths.at(-1) ?? variantWidthsFor(image.width)[0] ?? 320;
  const width = Math.min(variant, image.width);
  return {
    path: urls.media(image.file_key, variant, "jpg"),
    width,
    height: Math.round((image.height * width) / image.width),
  };
}

/** RFC 4151 tag URI: `tag:news.example,2026-03-20:article-42`, dated by the article's creation. */
export function articleTagUri(publicUrl: string, article: { id: number; created_at: string }): string {
  return `tag:${new URL(publicUrl).hostname},${article.created_at.slice(0, 10)}:article-${article.id}`;
}

/** Loads what an edition's, section's, tag's or author's feed shows. */
export class FeedsService {
  private readonly kept: FeedItemCache<FeedItem>;

  constructor(
    private readonly articles: ArticleQueries,
    private readonly settings: SettingsService,
    private readonly taxonomy: TaxonomyService,
    private readonly options: FeedsServiceOptions,
  ) {
    this.kept = new FeedItemCache(options.itemCacheSize ?? FEED_ITEM_CACHE_SIZE);
  }

  /** Drops the kept items that show what a purge names (called for every purge, relayed ones too). */
  forget(keys: readonly string[]): void {
    this.kept.forget(keys);
  }

  /** How many items are kept (for tests and the benchmarks). */
  get keptItems(): number {
    return this.kept.size;
  }

  /** The feed of a list, or undefined when the section, tag or author does not exist. */
  async feed(edition: Edition, kind: ListKind, slug: string | null): Promise<FeedData | undefined> {
    const subject = await this.subject(edition, kind, slug ?? "");
    if (!subject) return undefined;
    const [settings, page] = await Promise.all([
      this.settings.editionSettings(edition.code),
      this.articles.feed(subject.scope, null, FEED_ITEM_LIMIT),
    ]);
    const listPath = urls.list(edition.basePath, kind, slug ?? "");
    const { items, keys: itemKeys } = await this.items(edition, page.items);
    const updated = items.reduce<string | null>(
      (max, item) => (max === null || item.updated > max ? item.updated : max),
      null,
    );
    const publicUrl = originOf(edition, this.options.publicUrl);
    const channel: FeedChannel = {
      siteName: settings.siteName,
      title: subject.name ? `${subject.name} — ${settings.siteName}` : settings.siteName,
      description: subject.description ?? translate(edition.language, "site.tagline"),
      locale: edition.locale,
      language: edition.language,
      pageUrl: `${publicUrl}${listPath}`,
      feedUrls: Object.fromEntries(
        FEED_FORMATS.map((format) => [format, `${publicUrl}${distributionUrls.feed(listPath, format)}`]),
      ) as Record<FeedFormat, string>,
      hubUrl: this.options.websubHubUrl,
      logoUrl: `${publicUrl}${distributionUrls.logoPng()}`,
      updated,
    };
    const keys = [
      subject.key,
      surrogateKey.settings(edition.code),
      // Items show their images (lead and body): an edited caption or alt text purges the feed.
      ...itemKeys,
    ];
    return { channel, items, keys };
  }

  /**
   * The items of these cards, in their order: kept ones as they are, the others loaded together
   * (bodies, bylines, tags, images) and kept. An article unpublished since the list was read is
   * left out.
   */
  private async items(
    edition: Edition,
    cards: readonly ArticleCardRow[],
  ): Promise<{ items: FeedItem[]; keys: string[] }> {
    const generation = this.kept.generation;
    const found = new Map<number, { item: FeedItem; keys: readonly string[] }>();
    const missing: number[] = [];
    for (const card of cards) {
      const entry = this.kept.get(versionStamp(edition, card));
      if (entry) found.set(card.id, entry);
      else missing.push(card.id);
    }
    if (missing.length > 0) {
      for (const view of await this.articles.viewsOf(missing)) {
        const item = deepFreeze(this.item(edition, view));
        const keys = dependencyKeys(edition, view);
        found.set(view.article.id, { item, keys });
        this.kept.set(versionStamp(edition, view.article), item, keys, generation);
      }
    }
    const entries = cards.flatMap((card) => found.get(card.id) ?? []);
    return { items: entries.map((entry) => entry.item), keys: [...new Set(entries.flatMap((entry) => entry.keys))] };
  }

  private async subject(
    edition: Edition,
    kind: ListKind,
    slug: string,
  ): Promise<{ scope: FeedScope; key: string; name?: string; description?: string } | undefined> {
    const list = await this.taxonomy.findList(edition.code, kind, slug);
    if (!list) return undefined;
    const { subject } = list;
    const bio = subject && "bio" in subject ? subject.bio : null;
    return { ...list, ...(subject ? { name: subject.name } : {}), ...(bio !== null ? { description: bio } : {}) };
  }

  private item(edition: Edition, view: ArticleView): FeedItem {
    const { article } = view;
    const publicUrl = originOf(edition, this.options.publicUrl);
    const base = edition.basePath;
    const url = `${publicUrl}${urls.article(base, article.slug)}`;
    const imageUrl = (image: MediaRow) => {
      const size = feedImageSize(image);
      return { url: `${publicUrl}${size.path}`, width: size.width, height: size.height };
    };
    const lead = view.leadMedia;
    const { published, modified } = articleTimes(article);
    return {
      // The site's host, not the edition's: an id never changes when an edition moves host.
      id: articleTagUri(this.options.publicUrl, article),
      url,
      title: article.title,
      summary: article.dek ?? excerptBody(view.body),
      contentHtml: renderBodyHtml(view.body, view.media, {
        articleUrl: url,
        imageUrl,
        language: edition.language,
        related: new Map(
          [...view.related.values()].map((card) => [
            card.id,
            { title: card.title, url: `${publicUrl}${urls.article(base, card.slug)}` },
          ]),
        ),
      }),
      published,
      updated: modified,
      authors: view.authors.map((person) => ({
        name: person.name,
        url: `${publicUrl}${urls.author(base, person.slug)}`,
      })),
      section: view.section?.name ?? null,
      tags: view.tags.map((tag) => tag.name),
      image: lead ? { ...imageUrl(lead), alt: lead.alt, caption: lead.caption, credit: lead.credit } : null,
    };
  }
}

/** An article's version as its feed item shows it, in one edition's feeds. */
function versionStamp(edition: Edition, article: { id: number; live_version: number; updated_at: string }): string {
  return `${edition.code}:${article.id}:${article.live_version}:${article.updated_at}`;
}

/** The purge keys of everything an item shows besides the article row itself. */
function dependencyKeys(edition: Edition, view: ArticleView): string[] {
  return [
    surrogateKey.article(view.article.id),
    surrogateKey.settings(edition.code),
    ...(view.section ? [surrogateKey.section(view.section.id)] : []),
    ...view.tags.map((tag) => surrogateKey.tag(tag.id)),
    ...view.authors.map((person) => surrogateKey.author(person.id)),
    ...[...view.media.keys()].map(surrogateKey.media),
    ...(view.leadMedia ? [surrogateKey.media(view.leadMedia.id)] : []),
    // Related-stories blocks show the picked stories' headlines: a retitled or withdrawn one
    // (even one not published yet, which appears when it is) must reach the kept item.
    ...relatedArticleIds(view.body).map(surrogateKey.article),
  ];
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (inner !== null && typeof inner === "object" && !Object.isFrozen(inner)) deepFreeze(inner);
  }
  return Object.freeze(value);
}
