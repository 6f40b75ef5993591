import { type CachedPage, makePage } from "../platform/cache/page-cache.js";
import type { SitemapData, SitemapUrl } from "./sitemaps.service.js";
import { element, emptyElement, XML_DECLARATION } from "./xml.js";

const SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS = "http://www.w3.org/1999/xhtml";
const NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";

function url(entry: SitemapUrl): string {
  const parts = [element("loc", entry.loc)];
  if (entry.lastmod) parts.push(element("lastmod", entry.lastmod));
  for (const alternate of entry.alternates ?? []) {
    parts.push(emptyElement("xhtml:link", { rel: "alternate", hreflang: alternate.hreflang, href: alternate.href }));
  }
  if (entry.news) {
    const news = entry.news;
    parts.push(
      "<news:news><news:publication>" +
        element("news:name", news.publicationName) +
        element("news:language", news.language) +
        "</news:publication>" +
        element("news:publication_date", news.publicationDate) +
        element("news:title", news.title) +
        "</news:news>",
    );
  }
  return `<url>${parts.join("")}</url>`;
}

/** A sitemap index or URL set (sitemaps.org 0.9, with the xhtml and Google News extensions where used). */
export function renderSitemap(data: SitemapData): string {
  if (data.kind === "index") {
    const maps = data.entries.map(
      (entry) =>
        `<sitemap>${element("loc", entry.loc)}${entry.lastmod ? element("lastmod", entry.lastmod) : ""}</sitemap>`,
    );
    return `${XML_DECLARATION}<sitemapindex xmlns="${SITEMAP_NS}">${maps.join("\n")}</sitemapindex>\n`;
  }
  const namespaces = [
    `xmlns="${SITEMAP_NS}"`,
    ...(data.entries.some((e) => e.alternates) ? [`xmlns:xhtml="${XHTML_NS}"`] : []),
    ...(data.entries.some((e) => e.news) ? [`xmlns:news="${NEWS_NS}"`] : []),
  ];
  return `${XML_DECLARATION}<urlset ${namespaces.join(" ")}>${data.entries.map(url).join("\n")}</urlset>\n`;
}

export function sitemapPage(data: SitemapData): CachedPage {
  return makePage(200, "application/xml; charset=utf-8", renderSitemap(data), data.keys, {
    ...(data.lastModified ? { lastModified: new Date(data.lastModified) } : {}),
    ...(data.expiresAt ? { expiresAt: data.expiresAt } : {}),
  });
}
