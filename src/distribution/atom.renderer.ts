import type { FeedData, FeedItem } from "./feeds.service.js";
import type { FeedRenderOptions } from "./rss.renderer.js";
import { element, emptyElement, XML_DECLARATION } from "./xml.js";

/** Each full-text entry's markup, kept while the item itself is kept (see FeedItemCache). */
const rendered = new WeakMap<FeedItem, string>();

function entry(item: FeedItem, options: FeedRenderOptions): string {
  if (options.summariesOnly) return renderEntry(item, options);
  let markup = rendered.get(item);
  if (markup === undefined) {
    markup = renderEntry(item, options);
    rendered.set(item, markup);
  }
  return markup;
}

function renderEntry(item: FeedItem, options: FeedRenderOptions): string {
  const parts = [
    element("id", item.id),
    element("title", item.title, { type: "text" }),
    emptyElement("link", { rel: "alternate", type: "text/html", href: item.url }),
    element("published", item.published),
    element("updated", item.updated),
    ...item.authors.map((person) => `<author>${element("name", person.name)}${element("uri", person.url)}</author>`),
    ...(item.section ? [emptyElement("category", { term: item.section })] : []),
    ...item.tags.map((tag) => emptyElement("category", { term: tag })),
    element("summary", item.summary, { type: "text" }),
  ];
  if (!options.summariesOnly) parts.push(element("content", item.contentHtml, { type: "html" }));
  if (item.image) parts.push(emptyElement("link", { rel: "enclosure", type: "image/jpeg", href: item.image.url }));
  return `<entry>${parts.join("")}</entry>`;
}

/**
 * Atom (RFC 4287). The feed-level author is the outlet, so an entry without a byline is still
 * valid (§4.1.1: every entry needs an author, its own or the feed's).
 */
export function renderAtom(data: FeedData, options: FeedRenderOptions = {}): string {
  const { channel } = data;
  const head = [
    element("id", channel.feedUrls.atom),
    element("title", channel.title, { type: "text" }),
    element("subtitle", channel.description, { type: "text" }),
    // An empty feed still needs <updated>; the epoch says "nothing yet" without changing on every render.
    element("updated", channel.updated ?? "1970-01-01T00:00:00.000Z"),
    emptyElement("link", { rel: "self", type: "application/atom+xml", href: channel.feedUrls.atom }),
    emptyElement("link", { rel: "alternate", type: "text/html", href: channel.pageUrl }),
    ...(channel.hubUrl ? [emptyElement("link", { rel: "hub", href: channel.hubUrl })] : []),
    `<author>${element("name", channel.siteName)}${element("uri", channel.pageUrl)}</author>`,
    element("generator", "Gazette"),
    element("logo", channel.logoUrl),
  ];
  return `${XML_DECLARATION}<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${channel.language}">${head.join("")}${data.items
    .map((item) => entry(item, options))
    .join("")}</feed>\n`;
}
