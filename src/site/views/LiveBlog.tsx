import type { Edition } from "../../newsroom/editions.service.js";
import type { LiveEntry } from "../../newsroom/live-coverage.service.js";
import type { MediaRow } from "../../platform/db/schema.js";
import { formatDateline } from "../../platform/i18n/dates.js";
import { translate } from "../../platform/i18n/messages.js";
import type { LiveCoverage } from "../site.service.js";
import { ArticleBody } from "./ArticleBody.js";

interface EntryProps {
  entry: LiveEntry;
  edition: Edition;
  now: Date;
  media?: Map<number, MediaRow>;
}

/** One timestamped update. Its id is the anchor readers share (`#entry-42`). */
export function LiveEntryItem({ entry, edition, now, media }: EntryProps) {
  const t = (key: Parameters<typeof translate>[1]) => translate(edition.language, key);
  const anchor = `entry-${entry.id}`;
  return (
    <li class={entry.pinned ? "live-entry live-entry--pinned" : "live-entry"} id={anchor} data-entry-id={entry.id}>
      <article aria-labelledby={entry.headline ? `${anchor}-title` : undefined}>
        <p class="live-entry__meta">
          {entry.pinned ? <span class="live-entry__pin">{t("live.pinned")} · </span> : null}
          <a href={`#${anchor}`} title={t("live.link")}>
            <time datetime={entry.createdAt}>
              {formatDateline(entry.createdAt, edition.locale, edition.timeZone, now)}
            </time>
          </a>
          {entry.authorName ? <span class="live-entry__author"> · {entry.authorName}</span> : null}
          {entry.editedAt ? (
            <span class="live-entry__edited">
              {" · "}
              {t("live.edited")}{" "}
              <time datetime={entry.editedAt}>
                {formatDateline(entry.editedAt, edition.locale, edition.timeZone, now)}
              </time>
            </span>
          ) : null}
        </p>
        {entry.headline ? (
          <h3 class="live-entry__title" id={`${anchor}-title`}>
            {entry.headline}
          </h3>
        ) : null}
        <ArticleBody body={entry.body} media={media ?? new Map()} language={edition.language} />
      </article>
    </li>
  );
}

/**
 * The running list: pinned first, then newest first. While the coverage runs the list names its
 * poll URL and newest id, and the site island adds new entries at the top; without JS a reload does.
 */
export function LiveBlog({
  live,
  edition,
  now,
  media,
  pollUrl,
}: {
  live: LiveCoverage;
  edition: Edition;
  now: Date;
  media: Map<number, MediaRow>;
  pollUrl: string;
}) {
  const t = (key: Parameters<typeof translate>[1]) => translate(edition.language, key);
  const running = live.endedAt === null;
  return (
    <section class="live-blog" aria-labelledby="live-blog-title">
      <h2 id="live-blog-title" class="live-blog__title">
        {t("live.heading")}
      </h2>
      {running ? null : <p class="live-blog__ended">{t("live.ended")}</p>}
      <p class="live-blog__notice" role="status" aria-live="polite" data-live-notice hidden>
        {t("live.newEntries")}
      </p>
      {live.entries.length === 0 ? <p class="live-blog__empty">{t("live.empty")}</p> : null}
      <ol
        class="live-blog__entries"
        data-live-poll={running ? pollUrl : undefined}
        data-live-after={running ? String(live.latestId) : undefined}
      >
        {live.entries.map((entry) => (
          <LiveEntryItem entry={entry} edition={edition} now={now} media={media} />
        ))}
      </ol>
    </section>
  );
}
