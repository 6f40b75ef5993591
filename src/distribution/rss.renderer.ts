import type { FeedData, FeedItem } from "./feeds.service.js";
import { element, emptyElement, escapeXml, rfc822, XML_DECLARATION } from "./xml.js";

const NAMESPACES = {
  "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
  "xmlns:atom": "http://www.w3.org/2005/Atom",
  "xmlns:dc": "http://purl.org/dc/elements/1.1/",
  "xmlns:media": "http://search.yahoo.com/mrss/",
};

export interface FeedRenderOptions {
  /** Leave out the full text (content:encoded) and keep the summary: the last resort of the size limit. */
  summariesOnly?: boolean;
}

/** Each full-text item's markup, kept while the item itself is kept (see FeedItemCache). */
const rendered = new WeakMap<FeedItem, string>();

function item(entry: FeedItem, options: FeedRenderOptions): string {
  if (options.summariesOnly) return renderItem(entry, options);
  let markup = rendered.get(entry);
  if (markup === undefined) {
    markup = renderItem(entry, options);
    rendered.set(entry, markup);
  }
  return markup;
}

function renderItem(entry: FeedItem, options: FeedRenderOptions): string {
  const parts = [
    element("title", entry.title),
    element("link", entry.url),
    // Not the URL: a slug can be edited, and a reader would then show the article twice.
    element("guid", entry.id, { isPermaLink: "false" }),
    element("pubDate", rfc822(entry.published)),
    element("description", entry.summary),
    ...entry.authors.map((person) => element("dc:creator", person.name)),
    ...(entry.section ? [element("category", entry.section)] : []),
    ...entry.tags.map((tag) => element("category", tag)),
  ];
  if (!options.summariesOnly) parts.push(element("content:encoded", entry.contentHtml));
  if (entry.image) {
    const image = entry.image;
    // RSS Best Practices: the length of an enclosure whose size is not known is 0. A variant is
    // made on first request, so its byte size is not known when the feed is written.
    parts.push(emptyElement("enclosure", { url: image.url, length: 0, type: "image/jpeg" }));
    parts.push(
      `<media:content url="${escapeXml(image.url)}" medium="image" type="image/jpeg" width="${image.width}" height="${image.height}">` +
        element("media:description", image.alt) +
        (image.credit ? element("media:credit", image.credit) : "") +
        "</media:content>",
    );
  }
  return `<item>${parts.join("")}</item>`;
}

/** RSS 2.0 with the full text in content:encoded, Media RSS for the lead image and a WebSub hub link. */
export function renderRss(data: FeedData, options: FeedRenderOptions = {}): string {
  const { channel } = data;
  const head = [
    element("title", channel.title),
    element("link", channel.pageUrl),
    element("description", channel.description),
    element("language", channel.locale.toLowerCase()),
    element("generator", "Gazette"),
    ...(channel.updated ? [element("lastBuildDate", rfc822(channel.updated))] : []),
    emptyElement("atom:link", { href: channel.feedUrls.rss, rel: "self", type: "application/rss+xml" }),
    ...(channel.hubUrl ? [emptyElement("atom:link", { href: channel.hubUrl, rel: "hub" })] : []),
    `<image>${element("url", channel.logoUrl)}${element("title", channel.title)}${element("link", channel.pageUrl)}</image>`,
  ];
  const namespaces = Object.entries(NAMESPACES)
    .map(([name, uri]) => ` ${name}="${uri}"`)
    .join("");
  return `${XML_DECLARATION}<rss version="2.0"${namespaces}><channel>${head.join("")}${data.items
    .map((entry) => item(entry, options))
    .join("")}</channel></rss>\n`;
}
