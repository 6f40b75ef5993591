import { type CachedPage, makePage } from "../platform/cache/page-cache.js";
import { renderAtom } from "./atom.renderer.js";
import type { FeedData } from "./feeds.service.js";
import { renderJsonFeed } from "./json-feed.renderer.js";
import { type FeedRenderOptions, renderRss } from "./rss.renderer.js";
import { FEED_CONTENT_TYPE, type FeedFormat } from "./urls.js";

/** Many readers and aggregators refuse or cut feeds above about 2 MB; ours stay below. */
export const MAX_FEED_BYTES = 2 * 1024 * 1024;

const RENDER: Record<FeedFormat, (data: FeedData, options?: FeedRenderOptions) => string> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
};

/**
 * A feed as a cacheable page, under MAX_FEED_BYTES: items are dropped from the oldest end until
 * it fits, and if even one full-text item is too big, full text gives way to summaries.
 */
export function feedPage(format: FeedFormat, data: FeedData, maxBytes = MAX_FEED_BYTES): CachedPage {
  const render = RENDER[format];
  let items = data.items;
  let text = render(data);
  while (byteLength(text, maxBytes) > maxBytes && items.length > 1) {
    // Shrink in proportion to the overshoot (by one item at least), so a huge feed takes few renders.
    const ratio = maxBytes / byteLength(text, maxBytes);
    const next = Math.min(items.length - 1, Math.max(1, Math.floor(items.length * ratio)));
    items = items.slice(0, next);
    text = render({ ...data, items });
  }
  if (byteLength(text, maxBytes) > maxBytes) text = render({ ...data, items }, { summariesOnly: true });
  const updated = data.channel.updated;
  return makePage(200, `${FEED_CONTENT_TYPE[format]}; charset=utf-8`, text, data.keys, {
    ...(updated ? { lastModified: new Date(updated) } : {}),
  });
}

/**
 * The UTF-8 size of a text, or a bound of it when that bound is within `limit`: a UTF-16 unit is at
 * most 3 bytes. Counting exactly walks the whole text, a fifth of an uncached full-text feed's time
 * in the profile, when a feed is almost always far below the limit.
 */
function byteLength(text: string, limit: number): number {
  return text.length * 3 <= limit ? text.length * 3 : Buffer.byteLength(text);
}
