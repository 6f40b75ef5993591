import type { ArticleQueries } from "../newsroom/article-queries.service.js";
import type { PublishedArticleRef } from "../newsroom/articles.repository.js";
import { type Edition, type EditionsService, originOf } from "../newsroom/editions.service.js";
import type { SettingsService } from "../newsroom/settings.service.js";
import { surrogateKey } from "../newsroom/surrogate-keys.js";
import type { TaxonomyService } from "../newsroom/taxonomy.service.js";
import { isoWithOffset } from "../platform/i18n/dates.js";
import { urls } from "../site/urls.js";
import { hreflangAlternates } from "./hreflang.js";
import { distributionUrls } from "./urls.js";

/** The sitemap protocol's limit of URLs per file. */
export const SITEMAP_MAX_URLS = 50_000;
/** Google News: only articles of the last two days, at most 1,000 per sitemap. */
export const NEWS_WINDOW_HOURS = 48;
export const NEWS_MAX_URLS = 1000;

export interface Alternate {
  hreflang: string;
  href: string;
}

export interface SitemapUrl {
  loc: string;
  /** W3C datetime. */
  lastmod?: string;
  /** `xhtml:link` hreflang alternates: every language version, this one included, and x-default. */
  alternates?: Alternate[];
  news?: { publicationName: string; language: string; publicationDate: string; title: string };
}

export interface SitemapData {
  kind: "index" | "urlset";
  entries: SitemapUrl[];
  keys: string[];
  /** The newest lastmod, for Last-Modified. */
  lastModified?: string;
  /** When the news window moves past the oldest entry. */
  expiresAt?: Date;
}

export interface SitemapsServiceOptions {
  publicUrl: string;
  now?: () => Date;
  /** URLs per article sitemap; the protocol allows 50,000, tests use a few. */
  pageSize?: number;
  /** Codes of the editions with a podcast show, whose feeds the index lists. */
  podcastEditions?: () => Promise<string[]>;
}

/** "2026-03-21T17:30:00.000Z" → "2026-03-21T17:30:00+00:00". */
function w3c(iso: string): string {
  return iso.replace(/(\.\d+)?Z$/, "+00:00");
}

function newest(values: (string | undefined)[]): string | undefined {
  return values.reduce<string | undefined>(
    (max, v) => (v !== undefined && (max === undefined || v > max) ? v : max),
    undefined,
  );
}

/** Loads what the sitemaps list. Every sitemap is site-wide, except the news sitemap of each edition. */
export class SitemapsService {
  private readonly now: () => Date;
  private readonly pageSize: number;

  constructor(
    private readonly editions: EditionsService,
    private readonly articles: ArticleQueries,
    private readonly taxonomy: TaxonomyService,
    private readonly settings: SettingsService,
    private readonly options: SitemapsServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.pageSize = Math.min(options.pageSize ?? SITEMAP_MAX_URLS, SITEMAP_MAX_URLS);
  }

  /** A site-wide sitemap depends on every edition's articles and vocabularies. */
  private siteKeys(): string[] {
    return this.editions.list().flatMap((e) => [surrogateKey.home(e.code), surrogateKey.settings(e.code)]);
  }

  /** An absolute URL: on the edition's own host when it has one (EDITION_HOSTS), else the site's. */
  private abs(path: string, edition?: Edition): string {
    return `${edition ? originOf(edition, this.options.publicUrl) : this.options.publicUrl}${path}`;
  }

  async index(): Promise<SitemapData> {
    const months = await this.articles.archiveMonths();
    const articleMaps = months.flatMap((month) =>
      Array.from({ length: Math.ceil(month.count / this.pageSize) }, (_, i) => ({
        loc: this.abs(distributionUrls.articleSitemap(month.month, i + 1)),
        lastmod: w3c(month.lastModified),
      })),
    );
    const entries: SitemapUrl[] = [
      { loc: this.abs(distributionUrls.taxonomySitemap()) },
      ...articleMaps,
      ...this.editions.list().map((e) => ({ loc: this.abs(distributionUrls.newsSitemap(e.basePath), e) })),
      // Search engines take an RSS 2.0 feed as a sitemap: the podcast's lists its episodes' pages.
      ...(await this.podcastFeeds()),
    ];
    return { kind: "index", entries, keys: this.siteKeys(), lastModified: newest(months.map((m) => m.lastModified)) };
  }

  private async podcastFeeds(): Promise<SitemapUrl[]> {
    const codes = new Set((await this.options.podcastEditions?.()) ?? []);
    return this.editions
      .list()
      .filter((e) => codes.has(e.code))
      .map((e) => ({ loc: this.abs(distributionUrls.podcast(e.basePath), e) }));
  }

  /** A month's articles ("2026-03", page 1, 2…), or undefined when there is no such page. */
  async articleMonth(month: string, page: number): Promise<SitemapData | undefined> {
    const rows = await this.articles.archiveMonthPage(month, (page - 1) * this.pageSize, this.pageSize);
    if (rows.length === 0) return undefined;
    const groups = [...new Set(rows.flatMap((row) => (row.translation_group ? [row.translation_group] : [])))];
    const members = groups.length > 0 ? await this.articles.publishedInGroups(groups) : [];
    const byGroup = new Map<string, PublishedArticleRef[]>();
    for (const member of members) {
      const group = member.translation_group ?? "";
      byGroup.set(group, [...(byGroup.get(group) ?? []), member]);
    }
    const entries = rows.flatMap((row) => {
      const url = this.articleUrl(row);
      if (!url) return [];
      const siblings = (row.translation_group ? byGroup.get(row.translation_group) : undefined) ?? [];
      const alternates = hreflangAlternates(
        row,
        siblings.filter((s) => s.id !== row.id),
        this.editions.list(),
        (member) => this.articleUrl(member),
      );
      return [{ loc: url, lastmod: w3c(row.updated_at), ...(alternates.length > 0 ? { alternates } : {}) }];
    });
    return {
      kind: "urlset",
      entries,
      keys: this.siteKeys(),
      lastModified: newest(rows.map((row) => row.updated_at)),
    };
  }

  private articleUrl(row: { edition_code: string; slug: string }): string | undefined {
    const edition = this.editions.byCode(row.edition_code);
    return edition ? this.abs(urls.article(edition.basePath, row.slug), edition) : undefined;
  }

  /** Edition front pages (with each other as alternates) and sections, tags and authors with published articles. */
  async taxonomyPages(): Promise<SitemapData> {
    const editions = this.editions.list();
    const root = this.editions.root();
    const homeAlternates =
      editions.length > 1
        ? [
            ...editions.map((e) => ({ hreflang: e.language, href: this.abs(urls.home(e.basePath), e) })),
            ...(root ? [{ hreflang: "x-default", href: this.abs(urls.home(root.basePath), root) }] : []),
          ]
        : undefined;
    const homes: SitemapUrl[] = editions.map((e) => ({
      loc: this.abs(urls.home(e.basePath), e),
      ...(homeAlternates ? { alternates: homeAlternates } : {}),
    }));
    const [sections, tags, people] = await Promise.all([
      this.taxonomy.withPublishedArticles("section"),
      this.taxonomy.withPublishedArticles("tag"),
      this.taxonomy.withPublishedArticles("person"),
    ]);
    const terms = (rows: typeof sections, path: (base: string, slug: string) => string) =>
      rows.flatMap((row) => {
        const edition = this.editions.byCode(row.edition_code);
        return edition
          ? [{ loc: this.abs(path(edition.basePath, row.slug), edition), lastmod: w3c(row.last_modified) }]
          : [];
      });
    const entries = [
      ...homes,
      ...terms(sections, urls.section),
      ...terms(tags, urls.tag),
      ...terms(people, urls.author),
    ].slice(0, SITEMAP_MAX_URLS);
    return {
      kind: "urlset",
      entries,
      keys: this.siteKeys(),
      lastModified: newest([...sections, ...tags, ...people].map((row) => row.last_modified)),
    };
  }

  /** The Google News sitemap of an edition: its articles of the last 48 hours, newest first. */
  async news(edition: Edition): Promise<SitemapData> {
    const now = this.now();
    const since = new Date(now.getTime() - NEWS_WINDOW_HOURS * 3_600_000);
    const [settings, rows] = await Promise.all([
      this.settings.editionSettings(edition.code),
      this.articles.publishedSince(edition.code, since, NEWS_MAX_URLS),
    ]);
    const entries = rows.map((row) => ({
      loc: this.abs(urls.article(edition.basePath, row.slug), edition),
      news: {
        publicationName: settings.siteName,
        language: edition.language,
        publicationDate: isoWithOffset(row.published_at, edition.timeZone),
        title: row.title,
      },
    }));
    const oldest = rows.at(-1);
    return {
      kind: "urlset",
      entries,
      keys: [surrogateKey.home(edition.code), surrogateKey.settings(edition.code)],
      lastModified: newest(rows.map((row) => row.updated_at)),
      // The list changes with time alone when its oldest article leaves the window.
      ...(oldest ? { expiresAt: new Date(Date.parse(oldest.published_at) + NEWS_WINDOW_HOURS * 3_600_000) } : {}),
    };
  }

  /** robots.txt: crawl everything but the newsroom, and where the sitemaps are. */
  robots(): string {
    const sitemaps = [
      this.abs(distributionUrls.sitemapIndex()),
      ...this.editions.list().map((e) => this.abs(distributionUrls.newsSitemap(e.basePath), e)),
    ];
    return ["User-agent: *", "Disallow: /admin", "", ...sitemaps.map((url) => `Sitemap: ${url}`), ""].join("\n");
  }
}
