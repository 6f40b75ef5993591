import type { VariantFormat } from "../newsroom/media.service.js";
import type { ListKind } from "./site.service.js";

/** Reader URLs, in one place so links and routes cannot drift apart. */
export const urls = {
  home: (base: string) => base,
  article: (base: string, slug: string) => `${base}news/${slug}`,
  section: (base: string, slug: string) => `${base}section/${slug}`,
  tag: (base: string, slug: string) => `${base}tag/${slug}`,
  author: (base: string, slug: string) => `${base}author/${slug}`,
  corrections: (base: string) => `${base}corrections`,
  /** What the site counts about readers (issue #21). */
  privacy: (base: string) => `${base}privacy`,
  search: (base: string) => `${base}search`,
  searchPage: (base: string, query: string, page: number) =>
    `${base}search?q=${encodeURIComponent(query)}${page > 1 ? `&page=${page}` : ""}`,
  /** New entries of a live blog, for the reader island's poll. */
  livePoll: (base: string, slug: string) => `${base}news/${slug}/live.json`,
  newsletterSignup: (base: string) => `${base}newsletters/subscribe`,
  media: (fileKey: string, width: number, format: VariantFormat) => `/media/${fileKey}/${width}.${format}`,
  mediaCrop: (fileKey: string, width: number, height: number) => `/media/${fileKey}/${width}x${height}.jpg`,
  map: (base: string, slug: string) => `${base}maps/${slug}`,
  /** The map's current layer as a small SVG: promo cards, body embeds. */
  mapPreview: (base: string, slug: string) => `${base}maps/${slug}/preview.svg`,
  place: (base: string, slug: string) => `${base}places/${slug}`,
  /** The lite edition: text-only pages for weak connections (issue #16). */
  liteHome: (base: string) => `${base}lite/`,
  liteArticle: (base: string, slug: string) => `${base}lite/news/${slug}`,
  withAfter: (path: string, cursor: string) => `${path}?after=${encodeURIComponent(cursor)}`,
  /** The home, section, tag or author page: the page a list feed follows. */
  list(base: string, kind: ListKind, slug: string): string {
    switch (kind) {
      case "home":
        return urls.home(base);
      case "section":
        return urls.section(base, slug);
      case "tag":
        return urls.tag(base, slug);
      case "author":
        return urls.author(base, slug);
    }
  },
};
