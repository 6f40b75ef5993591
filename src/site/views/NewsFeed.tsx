import type { FeedPage } from "../../newsroom/article-queries.service.js";
import { translate } from "../../platform/i18n/messages.js";
import { encodeCursor } from "../feed-cursor.js";
import type { PageContext } from "../site.service.js";
import { urls } from "../urls.js";
import { ArticleCard } from "./ArticleCard.js";

interface NewsFeedProps {
  context: PageContext;
  feed: FeedPage;
  /** The list this feed continues into: its cursor name and first-page URL. */
  listName: string;
  listPath: string;
  headingId: string;
}

/**
 * A list of stories with a "Show more news" link to the next page. The link works without
 * JavaScript; the site island appends the next page in place.
 */
export function NewsFeed({ context, feed, listName, listPath, headingId }: NewsFeedProps) {
  const t = (key: Parameters<typeof translate>[1]) => translate(context.edition.language, key);
  if (feed.items.length === 0) return <p class="feed-empty">{t("feed.empty")}</p>;
  return (
    <>
      <ol class="feed" data-feed aria-labelledby={headingId}>
        {feed.items.map((item) => (
          <li>
            <ArticleCard item={item} context={context} />
          </li>
        ))}
      </ol>
      <div class="feed-more" data-feed-more aria-live="polite">
        {feed.next ? (
          <a
            class="button"
            rel="next"
            data-more
            data-loading={t("feed.loading")}
            href={urls.withAfter(listPath, encodeCursor(listName, feed.next))}
          >
            {t("feed.more")}
          </a>
        ) : (
          <p class="feed-end">{t("feed.end")}</p>
        )}
      </div>
    </>
  );
}
