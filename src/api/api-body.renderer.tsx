import { renderToString } from "preact-render-to-string";
import type { BodyDocument } from "../newsroom/body.types.js";
import type { MediaRow } from "../platform/db/schema.js";
import { ArticleBody } from "../site/views/ArticleBody.js";

// The renderer escapes every quote in text, so `="/` only occurs where an attribute holds a site path.
const SITE_PATH_ATTRIBUTE = /\b(href|src|data-social-embed)="\/(?!\/)/g;
const SRCSET = /\bsrcset="([^"]*)"/g;

/** Site paths in the markup made absolute: a partner shows the HTML away from the site. */
export function absolutizeSitePaths(html: string, origin: string): string {
  return html.replace(SITE_PATH_ATTRIBUTE, `$1="${origin}/`).replace(
    SRCSET,
    (_match, list: string) =>
      `srcset="${list
        .split(", ")
        .map((candidate) => (candidate.startsWith("/") && !candidate.startsWith("//") ? origin + candidate : candidate))
        .join(", ")}"`,
  );
}

/**
 * A body as the site's web renderer draws it, so partners show the same markup readers see, with
 * the links and images of the site's own pages made absolute against the edition's origin.
 */
export function renderBodyForApi(
  body: BodyDocument,
  media: Map<number, MediaRow>,
  edition: { language: string; basePath: string; origin: string },
): string {
  const html = renderToString(
    <ArticleBody body={body} media={media} language={edition.language} basePath={edition.basePath} />,
  );
  return absolutizeSitePaths(html, edition.origin);
}
