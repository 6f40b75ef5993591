import type { ArticleCardRow } from "../../newsroom/articles.repository.js";
import { formatDateline } from "../../platform/i18n/dates.js";
import { translate } from "../../platform/i18n/messages.js";
import type { PageContext } from "../site.service.js";
import { urls } from "../urls.js";
import { Picture } from "./Picture.js";

interface CardProps {
  item: ArticleCardRow;
  context: PageContext;
  variant?: "lead" | "row";
  headingLevel?: 2 | 3;
}

/** One story in a list: thumbnail, section, headline, dek and time. */
export function ArticleCard({ item, context, variant = "row", headingLevel = 3 }: CardProps) {
  const { edition } = context;
  const href = urls.article(edition.basePath, item.slug);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const image =
    item.media_file_key && item.media_width && item.media_height
      ? { file_key: item.media_file_key, width: item.media_width, height: item.media_height, alt: item.media_alt ?? "" }
      : null;
  return (
    <article class={`card card--${variant}${item.is_breaking ? " card--breaking" : ""}`}>
      {image ? (
        <div class="card__image">
          <Picture
            image={image}
            alt=""
            eager={variant === "lead"}
            sizes={variant === "lead" ? "(min-width: 1100px) 720px, 100vw" : "(min-width: 760px) 240px, 33vw"}
          />
        </div>
      ) : null}
      <div class="card__text">
        <p class="card__kicker">
          {item.is_breaking ? <span class="badge">{translate(edition.language, "article.breaking")}</span> : null}
          {item.section_name ?? ""}
        </p>
        <Heading class="card__title">
          <a href={href}>{item.title}</a>
        </Heading>
        {item.dek && variant === "lead" ? <p class="card__dek">{item.dek}</p> : null}
        <time class="card__time" datetime={item.published_at}>
          {formatDateline(item.published_at, edition.locale, edition.timeZone, context.now)}
        </time>
      </div>
    </article>
  );
}
