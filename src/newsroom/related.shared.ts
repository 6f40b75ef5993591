/** Browser-safe (the admin app uses it too): the limits of a related-stories block. */
import type { BodyDocument } from "./body.types.js";

/** A short row of cards; a longer list reads as a section page, not a pointer. */
export const RELATED_MAX_STORIES = 6;
export const DEFAULT_RELATED_TITLE = "Related stories";

/** The article ids the body's related-stories blocks point at, in reading order, once each. */
export function relatedArticleIds(body: BodyDocument): number[] {
  const ids = body.content.flatMap((node) => (node.type === "related" ? node.attrs.articleIds : []));
  return [...new Set(ids)];
}
