import type { ArticlePageData, ListPageData, PageContext } from "./site.service.js";

/** One element of a page's `<head>` beyond what the Layout writes itself. */
export type HeadTag =
  | { kind: "meta"; name: string; content: string }
  /** Open Graph and its `article:*` properties use `property`, not `name`. */
  | { kind: "property"; property: string; content: string }
  | { kind: "link"; rel: string; href: string; type?: string; title?: string; hreflang?: string }
  /** Structured data, written as an `application/ld+json` data block. */
  | { kind: "json-ld"; data: object };

export type ShareNetwork = "x" | "facebook" | "telegram" | "whatsapp" | "email" | "copy";

/** A plain share link: no third-party script, just a URL the reader's browser opens. */
export interface ShareLink {
  network: ShareNetwork;
  href: string;
}

export interface PageExtras {
  head: readonly HeadTag[];
  /** Share links shown on article pages. */
  share: readonly ShareLink[];
}

export const NO_EXTRAS: PageExtras = { head: [], share: [] };

/**
 * What another capability adds to reader pages: feed autodiscovery, structured data, social
 * cards, hreflang alternates, share links. The site renders these without knowing their meaning,
 * so it does not depend on the capability that provides them.
 */
export interface PageExtrasProvider {
  article(data: ArticlePageData): PageExtras;
  list(data: ListPageData, pageUrl: string): PageExtras;
  /** Error and message pages: `canonical` is the absolute URL the Layout links as canonical. */
  message(context: PageContext, title: string, canonical: string): PageExtras;
}

/**
 * JSON for an inline `<script type="application/ld+json">`. The HTML parser ends a script at
 * `</script` and treats `<!--` specially whatever the JSON means, so every `<`, `>` and `&` is
 * written as a JSON escape (`\u003c`…); U+2028/2029 too, for old JavaScript parsers.
 */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
