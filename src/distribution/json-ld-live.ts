import type { BlogPosting, LiveBlogPosting, WithContext } from "schema-dts";
import { excerptBody } from "../newsroom/body-text.renderer.js";
import { isoWithOffset } from "../platform/i18n/dates.js";
import type { ArticlePageData, LiveCoverage } from "../site/site.service.js";
import { urls } from "../site/urls.js";
import { newsArticle } from "./json-ld.js";

/** Google reads at most this many updates; the newest matter, so older ones are left out. */
const MAX_UPDATES = 50;

/**
 * A live blog as `LiveBlogPosting`: the article's own fields (headline, authors, publisher,
 * corrections) plus the coverage window and its entries as `BlogPosting` updates.
 */
export function liveBlogPosting(
  publicUrl: string,
  data: ArticlePageData & { live: LiveCoverage },
): WithContext<LiveBlogPosting> {
  const { "@type": _type, ...article } = newsArticle(publicUrl, data);
  const { edition } = data.context;
  const { live, view } = data;
  const url = `${publicUrl}${urls.article(edition.basePath, view.article.slug)}`;
  const started = view.article.published_at ?? view.article.created_at;
  const newestFirst = [...live.entries].sort((a, b) => b.id - a.id).slice(0, MAX_UPDATES);
  const updates: BlogPosting[] = newestFirst.map((entry) => ({
    "@type": "BlogPosting",
    "@id": `${url}#entry-${entry.id}`,
    url: `${url}#entry-${entry.id}`,
    headline: entry.headline ?? excerptBody(entry.body).slice(0, 110),
    articleBody: excerptBody(entry.body),
    datePublished: isoWithOffset(entry.createdAt, edition.timeZone),
    dateModified: isoWithOffset(entry.updatedAt, edition.timeZone),
    ...(entry.authorName ? { author: { "@type": "Person", name: entry.authorName } } : {}),
  }));
  return {
    ...article,
    "@type": "LiveBlogPosting",
    coverageStartTime: isoWithOffset(started, edition.timeZone),
    ...(live.endedAt ? { coverageEndTime: isoWithOffset(live.endedAt, edition.timeZone) } : {}),
    liveBlogUpdate: updates,
  };
}
