export type FeedFormat = "rss" | "atom" | "json";

export const FEED_FORMATS: readonly FeedFormat[] = ["rss", "atom", "json"];

/** File name of each feed format, appended to the list page it follows. */
export const FEED_FILE: Readonly<Record<FeedFormat, string>> = { rss: "feed.xml", atom: "atom.xml", json: "feed.json" };

export const FEED_CONTENT_TYPE: Readonly<Record<FeedFormat, string>> = {
  rss: "application/rss+xml",
  atom: "application/atom+xml",
  json: "application/feed+json",
};

/**
 * Distribution URLs, in one place so links and routes cannot drift apart. A feed sits beside the
 * list page it follows: `{base}feed.xml` for the edition, `{base}section/{slug}/feed.xml` for a
 * section (likewise `atom.xml`, `feed.json`, and for tags and authors). Sitemaps are site-wide
 * except the Google News sitemap, which is one per edition.
 */
export const distributionUrls = {
  feed(listPath: string, format: FeedFormat): string {
    return `${listPath}${listPath.endsWith("/") ? "" : "/"}${FEED_FILE[format]}`;
  },
  sitemapIndex: () => "/sitemap.xml",
  /** Page 1 is `articles-2026-03.xml`; a month with more than 50,000 articles goes on in `-2`, `-3`… */
  articleSitemap: (month: string, page: number) => `/sitemaps/articles-${month}${page > 1 ? `-${page}` : ""}.xml`,
  taxonomySitemap: () => "/sitemaps/taxonomy.xml",
  newsSitemap: (base: string) => `${base}news-sitemap.xml`,
  /** The edition's podcast feed (RSS 2.0 with the iTunes namespace). */
  podcast: (base: string) => `${base}podcast.xml`,
  robots: () => "/robots.txt",
  logoSvg: () => "/logo.svg",
  logoPng: () => "/logo.png",
};
