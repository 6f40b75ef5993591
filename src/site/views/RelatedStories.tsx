import type { ArticleCardRow } from "../../newsroom/articles.repository.js";
import type { RelatedNode } from "../../newsroom/body.types.js";
import { formatDateline } from "../../platform/i18n/dates.js";
import type { PageContext } from "../site.service.js";
import { urls } from "../urls.js";
import { Picture } from "./Picture.js";

/**
 * A related-stories block as cards (headline, lead photo, dateline) of the stories still published;
 * a story unpublished or deleted since is left out without a word, and so is an empty block.
 */
export function RelatedStories({
  node,
  cards,
  context,
  index,
}: {
  node: RelatedNode;
  cards: ReadonlyMap<number, ArticleCardRow>;
  context: Pick<PageContext, "edition" | "now">;
  index: number;
}) {
  const shown = node.attrs.articleIds.flatMap((id) => {
    const card = cards.get(id);
    return card ? [card] : [];
  });
  if (shown.length === 0) return null;
  const { edition } = context;
  const id = `related-${index}`;
  return (
    <section class="related" data-block="related" aria-labelledby={id}>
      <h2 id={id}>{node.attrs.title}</h2>
      <ul>
        {shown.map((card) => (
          <li class="related__card">
            {card.media_file_key && card.media_width && card.media_height ? (
              <Picture
                image={{ file_key: card.media_file_key, width: card.media_width, height: card.media_height, alt: "" }}
                alt=""
                sizes="(min-width: 760px) 160px, 30vw"
              />
            ) : null}
            <h3>
              <a href={urls.article(edition.basePath, card.slug)}>{card.title}</a>
            </h3>
            <time datetime={card.published_at}>
              {formatDateline(card.published_at, edition.locale, edition.timeZone, context.now)}
            </time>
          </li>
        ))}
      </ul>
    </section>
  );
}
