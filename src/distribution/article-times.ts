/**
 * When an article was first published and last changed (ISO, UTC). A re-publication keeps the
 * first time, and an edit before it (a scheduled story polished in advance) is no later change.
 */
export function articleTimes(article: { published_at: string | null; updated_at: string }): {
  published: string;
  modified: string;
} {
  const published = article.published_at ?? article.updated_at;
  if (article.updated_at > published) return { published, modified: article.updated_at };
  return { published, modified: published };
}
