import type { FeedData, FeedItem } from "./feeds.service.js";
import type { FeedRenderOptions } from "./rss.renderer.js";
import { xmlSafe } from "./xml.js";

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
export function renderJsonFeed(data: FeedData, options: FeedRenderOptions = {}): string {
  const { channel } = data;
  const item = (entry: FeedItem) => ({
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
    language: channel.language,
  });
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
    items: data.items.map(item),
  };
  return `${JSON.stringify(feed)}\n`;
}
