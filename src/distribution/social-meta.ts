import type { Edition } from "../newsroom/editions.service.js";
import type { EditionSettings } from "../newsroom/settings.schemas.js";
import type { HeadTag } from "../site/page-head.js";

/** "en-GB" → "en_GB", the form Open Graph's og:locale takes. */
export function ogLocale(locale: string): string {
  return locale.replace("-", "_");
}

export interface SocialImage {
  url: string;
  width: number;
  height: number;
  alt: string;
}

export interface SocialCard {
  type: "article" | "website";
  title: string;
  description: string;
  url: string;
  edition: Edition;
  settings: EditionSettings;
  image: SocialImage;
  /** Locales the same content is also published in. */
  alternateLocales: readonly string[];
  /** Large cards only for real photos; a logo reads better as a small card. */
  largeImage: boolean;
  article?: {
    publishedTime: string;
    modifiedTime: string;
    section: string | null;
    tags: readonly string[];
    /** Author pages (absolute URLs), as Open Graph's article:author takes profiles. */
    authors: readonly string[];
  };
}

const property = (name: string, content: string): HeadTag => ({ kind: "property", property: name, content });
const meta = (name: string, content: string): HeadTag => ({ kind: "meta", name, content });

/** Open Graph (Facebook, Telegram, WhatsApp, LinkedIn…) and X card tags for a page. */
export function socialTags(card: SocialCard): HeadTag[] {
  const tags: HeadTag[] = [
    property("og:type", card.type),
    property("og:site_name", card.settings.siteName),
    property("og:title", card.title),
    property("og:description", card.description),
    property("og:url", card.url),
    property("og:locale", ogLocale(card.edition.locale)),
    ...card.alternateLocales.map((locale) => property("og:locale:alternate", ogLocale(locale))),
    property("og:image", card.image.url),
    property("og:image:type", card.image.url.endsWith(".png") ? "image/png" : "image/jpeg"),
    property("og:image:width", String(card.image.width)),
    property("og:image:height", String(card.image.height)),
    property("og:image:alt", card.image.alt),
  ];
  if (card.article) {
    const a = card.article;
    tags.push(property("article:published_time", a.publishedTime), property("article:modified_time", a.modifiedTime));
    if (a.section) tags.push(property("article:section", a.section));
    for (const tag of a.tags) tags.push(property("article:tag", tag));
    for (const author of a.authors) tags.push(property("article:author", author));
  }
  tags.push(
    meta("twitter:card", card.largeImage ? "summary_large_image" : "summary"),
    ...(card.settings.xHandle ? [meta("twitter:site", card.settings.xHandle)] : []),
    meta("twitter:title", card.title),
    meta("twitter:description", card.description),
    meta("twitter:image", card.image.url),
    meta("twitter:image:alt", card.image.alt),
  );
  return tags;
}
