import { renderToString } from "preact-render-to-string";
import type { BodyDocument } from "../newsroom/body.types.js";
import type { MediaRow } from "../platform/db/schema.js";
import { ArticleBody } from "../site/views/ArticleBody.js";

/**
 * A body as the site's web renderer draws it, so partners show the same markup readers see.
 * Links to the site's own pages stay relative: they resolve against the article's `url`.
 */
export function renderBodyForApi(
  body: BodyDocument,
  media: Map<number, MediaRow>,
  edition: { language: string; basePath: string },
): string {
  return renderToString(
    <ArticleBody body={body} media={media} language={edition.language} basePath={edition.basePath} />,
  );
}
