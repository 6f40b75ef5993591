import type { Edition } from "../newsroom/editions.service.js";

export interface TranslationMember {
  id: number;
  edition_code: string;
  slug: string;
}

/**
 * hreflang alternates of one article: every published language version, itself included
 * (Google ignores a set that is not reciprocal), plus `x-default`, which points at the root
 * edition's version, or at the article itself when the root edition has none. Empty when the
 * article has no other published version.
 */
export function hreflangAlternates(
  article: TranslationMember,
  translations: readonly TranslationMember[],
  editions: readonly Edition[],
  urlOf: (member: TranslationMember) => string | undefined,
): { hreflang: string; href: string }[] {
  const members = [article, ...translations.filter((t) => t.id !== article.id)];
  const out: { hreflang: string; href: string }[] = [];
  const seen = new Set<string>();
  for (const member of members) {
    const edition = editions.find((e) => e.code === member.edition_code);
    const href = urlOf(member);
    // One version per language: a second member in the same edition is a mistake in the group.
    if (!edition || !href || seen.has(edition.language)) continue;
    seen.add(edition.language);
    out.push({ hreflang: edition.language, href });
  }
  if (out.length < 2) return [];
  const rootCode = editions.find((e) => e.basePath === "/" && !e.origin)?.code;
  const fallback = members.find((m) => m.edition_code === rootCode) ?? article;
  const xDefault = urlOf(fallback);
  if (xDefault) out.push({ hreflang: "x-default", href: xDefault });
  return out;
}
