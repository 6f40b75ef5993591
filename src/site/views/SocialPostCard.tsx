import type { SocialPostNode } from "../../newsroom/body.types.js";
import { SOCIAL_PLATFORM_NAMES } from "../../newsroom/social-url.shared.js";
import { timelineDateLabel } from "../../newsroom/timeline.shared.js";
import type { MediaRow } from "../../platform/db/schema.js";
import { translate } from "../../platform/i18n/messages.js";
import { Picture } from "./Picture.js";

/** Our own page that frames the platform's embed (see embed.routes.ts): the only thing the facade loads. */
export function socialEmbedPath(url: string): string {
  return `/embed/social?url=${encodeURIComponent(url)}`;
}

/**
 * A quoted social post as a static card: author, date, text and the image copied into the media
 * library when the story was saved. Nothing in it points a `src` at the platform; "Show the
 * original" is a plain link until the site island swaps in a frame of our embed page on click.
 */
export function SocialPostCard({
  node,
  media,
  language,
  lite = false,
}: {
  node: SocialPostNode;
  media: Map<number, MediaRow>;
  language: string;
  /** The lite pages: the quote and a plain link to the post, no image and no facade. */
  lite?: boolean;
}) {
  const { platform, url, author, text, postedAt, mediaId, quotedOn, source } = node.attrs;
  const name = SOCIAL_PLATFORM_NAMES[platform] ?? platform;
  const image = mediaId === null || lite ? undefined : media.get(mediaId);
  return (
    <figure class="social-post" data-block="socialPost" data-social-platform={platform}>
      <blockquote cite={url}>
        <p class="social-post__meta">
          <span class="social-post__platform">{name}</span>
          {author ? <strong class="social-post__author"> {author}</strong> : null}
          {postedAt ? (
            <>
              {" · "}
              <time datetime={postedAt}>{timelineDateLabel(postedAt, language)}</time>
            </>
          ) : null}
        </p>
        {text
          .split(/\n{2,}/)
          .filter((part) => part.trim() !== "")
          .map((part) => (
            <p>{part}</p>
          ))}
        {image ? <Picture image={image} alt={image.alt} sizes="(min-width: 760px) 560px, 100vw" /> : null}
      </blockquote>
      <figcaption>
        {source === "manual" ? (
          <span class="social-post__quoted">
            {translate(language, "social.quotedOn", { date: timelineDateLabel(quotedOn, language) })}.{" "}
          </span>
        ) : null}
        <a
          class="social-post__original"
          href={url}
          rel="noopener noreferrer nofollow"
          {...(lite
            ? {}
            : { "data-social-embed": socialEmbedPath(url), "data-social-title": author ? `${name}: ${author}` : name })}
        >
          {translate(language, "social.showOriginal", { platform: name })}
        </a>
        {lite ? null : (
          <span class="social-post__notice"> {translate(language, "social.notice", { platform: name })}</span>
        )}
      </figcaption>
    </figure>
  );
}
