import type { FeedData, FeedItem } from "./feeds.service.js";
import type { FeedRenderOptions } from "./rss.renderer.js";
import { xmlSafe } from "./xml.js";

/**
 * Each full-text item's JSON with the language it was written with, kept while the item itself is
 * kept (see FeedItemCache).
 */
const rendered = new WeakMap<FeedItem, { language: string; json: string }>();

function item(entry: FeedItem, language: string, options: FeedRenderOptions) {
  return {
    id: entry.id,
    url: entry.url,
    title: xmlSafe(entry.title),
    summary: xmlSafe(entry.summary),
    // The spec wants content_html or content_text; the summary stands in when full text is left out.
    ...(options.summariesOnly ? { content_text: xmlSafe(entry.summary) } : { content_html: entry.contentHtml }),
    ...(entry.image ? { image: entry.image.url } : {}),
    date_published: entry.published,
    date_modified: entry.updated,
    ...(entry.authors.length > 0 ? { authors: entry.authors } : {}),
    tags: [...(entry.section ? [entry.section] : []), ...entry.tags],
    language,
  };
}

function itemJson(entry: FeedItem, language: string, options: FeedRenderOptions): string {
  if (options.summariesOnly) return JSON.stringify(item(entry, language, options));
  const kept = rendered.get(entry);
  if (kept?.language === language) return kept.json;
  const json = JSON.stringify(item(entry, language, options));
  rendered.set(entry, { language, json });
  return json;
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
export function renderJsonFeed(data: FeedData, options: FeedRenderOptions = {}): string {
  const { channel } = data;
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: channel.title,
    home_page_url: channel.pageUrl,
    feed_url: channel.feedUrls.json,
    description: channel.description,
    icon: channel.logoUrl,
    authors: [{ name: channel.siteName, url: channel.pageUrl }],
    language: channel.language,
    ...(channel.hubUrl ? { hubs: [{ type: "WebSub", url: channel.hubUrl }] } : {}),
    items: [],
  };
  // `items` is the last member, so the items' kept JSON goes where the empty array closes.
  const head = JSON.stringify(feed).slice(0, -"[]}".length);
  const items = data.items.map((entry) => itemJson(entry, channel.language, options)).join(",");
  return `${head}[${items}]}\n`;
}
