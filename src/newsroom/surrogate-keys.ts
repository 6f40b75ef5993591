/**
 * Surrogate keys name what a cached page shows. A page carries the keys of its content;
 * a change purges the keys it touches, and with them exactly the pages that show it.
 */
export const surrogateKey = {
  article: (id: number) => `article:${id}`,
  home: (edition: string) => `home:${edition}`,
  section: (id: number) => `section:${id}`,
  tag: (id: number) => `tag:${id}`,
  author: (id: number) => `author:${id}`,
  settings: (edition: string) => `settings:${edition}`,
  media: (id: number) => `media:${id}`,
  /** The edition's corrections page: every correction or update note appended in the edition. */
  corrections: (edition: string) => `corrections:${edition}`,
  /** Pages that link an article's translations (hreflang) change when a member comes or goes. */
  translation: (group: string) => `translation:${group}`,
  /**
   * Announced with `settings:{edition}` when the edition's crisis mode changes; every process that
   * sees it purged (locally or relayed) re-reads the mode, so no process keeps an old answer.
   */
  crisis: (edition: string) => `crisis:${edition}`,
};

export function articleSurrogateKeys(article: {
  id: number;
  edition_code: string;
  section_id: number | null;
  tagIds: readonly number[];
  authorIds: readonly number[];
  translation_group?: string | null;
}): string[] {
  return [
    surrogateKey.article(article.id),
    surrogateKey.home(article.edition_code),
    ...(article.section_id === null ? [] : [surrogateKey.section(article.section_id)]),
    ...article.tagIds.map(surrogateKey.tag),
    ...article.authorIds.map(surrogateKey.author),
    ...(article.translation_group ? [surrogateKey.translation(article.translation_group)] : []),
  ];
}

/** The keys of the library images a page shows: editing one's alt text, caption or credit purges them. */
export function mediaSurrogateKeys(ids: Iterable<number | null>): string[] {
  const unique = new Set<number>();
  for (const id of ids) if (id !== null) unique.add(id);
  return [...unique].map(surrogateKey.media);
}
