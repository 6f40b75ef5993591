import type { DefaultTreeAdapterTypes } from "parse5";
import { parse, parseFragment } from "parse5";
import type { SocialConfig } from "../config.js";
import { AppError } from "../errors.js";
import { GuardedGetError, guardedGet } from "../platform/security/guarded-get.js";
import { type HostResolver, isPrivateHost, resolveHost } from "../platform/security/private-address.js";
import type { SocialPostNode } from "./body.types.js";
import type { MediaService, Uploader } from "./media.service.js";
import { quotedOnDate, SOCIAL_AUTHOR_MAX, SOCIAL_TEXT_MAX } from "./social-post.shared.js";
import { parseSocialUrl, SOCIAL_PLATFORM_NAMES, type SocialPlatform, type SocialPostRef } from "./social-url.shared.js";

export type SocialCard = SocialPostNode["attrs"];

/** Why a card could not be fetched; the editor then types the post by hand. */
export type SocialFetchReason =
  | "timeout"
  | "not_found"
  | "unreachable"
  | "unreadable"
  | "too_large"
  | "private_address";

type ParentNode = DefaultTreeAdapterTypes.ParentNode;
type Element = DefaultTreeAdapterTypes.Element;

interface PostData {
  author: string;
  text: string;
  postedAt: string;
  imageUrl: string | null;
}

const MAX_REDIRECTS = 3;

class FetchFailure extends Error {
  constructor(readonly reason: SocialFetchReason) {
    super(reason);
  }
}

/** oEmbed where the platform has a public endpoint; the post page's OpenGraph tags elsewhere. */
function endpointFor(ref: SocialPostRef, config: SocialConfig): { url: string; kind: "oembed" | "og" } {
  const bases = config.endpoints;
  const oembed = (base: string, path = "/oembed") => ({
    url: `${base}${path}?format=json&url=${encodeURIComponent(ref.url)}`,
    kind: "oembed" as const,
  });
  const page = new URL(ref.url);
  const og = (base: string) => ({ url: `${base}${page.pathname}${page.search}`, kind: "og" as const });
  const byPlatform: Record<SocialPlatform, () => { url: string; kind: "oembed" | "og" }> = {
    telegram: () => og(bases.telegram),
    x: () => oembed(bases.x),
    instagram: () => og(bases.instagram),
    facebook: () => og(bases.facebook),
    tiktok: () => oembed(bases.tiktok),
    bluesky: () => oembed(bases.bluesky),
    mastodon: () => oembed(bases.mastodon ?? page.origin, "/api/oembed"),
  };
  return byPlatform[ref.platform]();
}

function elements(root: ParentNode): Element[] {
  const found: Element[] = [];
  const stack: ParentNode[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    for (const child of node.childNodes) {
      if ("tagName" in child) {
        found.push(child);
        // A template's content is not part of the page as shown: its tags are not the post's.
        if (child.tagName !== "template") stack.push(child);
      }
    }
  }
  return found;
}

function attr(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

function textOf(node: ParentNode): string {
  const parts: string[] = [];
  const walk = (parent: ParentNode) => {
    for (const child of parent.childNodes) {
      if (child.nodeName === "#text") parts.push((child as DefaultTreeAdapterTypes.TextNode).value);
      else if ("tagName" in child) {
        if (child.tagName === "br") parts.push("\n");
        else if (child.tagName !== "script" && child.tagName !== "style") walk(child);
      }
    }
  };
  walk(node);
  return parts.join("");
}

/** An ISO instant as the card's wall-clock date and time (UTC), or "" when it is not one. */
function postedAtOf(value: string | undefined): string {
  const time = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? "" : new Date(time).toISOString().slice(0, 16);
}

function tidy(value: string, max: number): string {
  const text = value
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** OpenGraph tags of a post page: og:title is the author, og:description the text. */
function readOpenGraph(html: string): PostData {
  const meta = new Map<string, string>();
  for (const element of elements(parse(html))) {
    if (element.tagName !== "meta") continue;
    const key = attr(element, "property") ?? attr(element, "name");
    const content = attr(element, "content");
    if (key && content !== undefined && !meta.has(key)) meta.set(key, content);
  }
  return {
    author: meta.get("og:title") ?? meta.get("twitter:title") ?? "",
    text: meta.get("og:description") ?? meta.get("twitter:description") ?? "",
    postedAt: postedAtOf(meta.get("article:published_time")),
    imageUrl: meta.get("og:image") ?? meta.get("twitter:image") ?? null,
  };
}

const EMBED_DATE = /^([A-Z][a-z]+ \d{1,2}, \d{4})(?: at \d{1,2}:\d{2}\s?[AP]M)?$/;

/**
 * The day of a post from the link its embed ends with ("December 1, 2026" on X, "December 1, 2026
 * at 6:15 AM" on Bluesky). The day only: the hour is in the viewer's zone, which the embed does not say.
 */
function embedDateOf(label: string): string {
  const match = EMBED_DATE.exec(label.trim());
  const time = match ? Date.parse(`${match[1]} 00:00 UTC`) : Number.NaN;
  return Number.isNaN(time) ? "" : new Date(time).toISOString().slice(0, 10);
}

/** An oEmbed answer: the author's name, the post's words from its embed markup (never kept as HTML), the thumbnail. */
function readOembed(json: string): PostData {
  let data: Record<string, unknown>;
  try {
    const parsed = JSON.parse(json) as unknown;
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new FetchFailure("unreadable");
    data = parsed as Record<string, unknown>;
  } catch {
    throw new FetchFailure("unreadable");
  }
  const str = (key: string) => (typeof data[key] === "string" ? (data[key] as string) : "");
  let text = "";
  let postedAt = "";
  if (str("html")) {
    const fragment = parseFragment(str("html"));
    const found = elements(fragment);
    const paragraphs = found.filter((element) => element.tagName === "p");
    text = paragraphs.length > 0 ? paragraphs.map(textOf).join("\n\n") : textOf(fragment);
    const lastLink = found.filter((element) => element.tagName === "a").at(-1);
    postedAt = lastLink ? embedDateOf(textOf(lastLink)) : "";
  }
  return {
    author: str("author_name"),
    text: text || str("title"),
    postedAt,
    imageUrl: str("thumbnail_url") || null,
  };
}

/**
 * Makes the static card of a social post from the platform's oEmbed or OpenGraph data, copying
 * the post's first image into the media library (re-encoded, with variants), so a reader's page
 * never loads an image from the platform. Every fetch has a time limit and a size cap; an address
 * that resolves to a private network is never fetched (unless SOCIAL_ALLOW_PRIVATE, for tests).
 */
export class SocialCardsService {
  constructor(
    private readonly config: SocialConfig,
    private readonly media: MediaService,
    private readonly now: () => Date = () => new Date(),
    private readonly resolve: HostResolver = resolveHost,
  ) {}

  /**
   * The card for a pasted address. Throws `social_url_unsupported` (400) for an address that is not
   * a post of a known platform, and `social_fetch_failed` (502, `details.reason`) when the platform
   * cannot be read: the editor then types the text and author by hand. A missing or unreadable
   * image does not fail the card, which is then shown without one.
   */
  async fetchCard(rawUrl: string, uploader: Uploader): Promise<SocialCard> {
    const ref = parseSocialUrl(rawUrl);
    if (!ref) {
      throw new AppError(
        "social_url_unsupported",
        "This is not the address of a post on Telegram, X, Instagram, Facebook, TikTok, Bluesky or Mastodon.",
        { field: "url" },
      );
    }
    const endpoint = endpointFor(ref, this.config);
    let data: PostData;
    try {
      const body = await this.download(endpoint.url);
      data = endpoint.kind === "oembed" ? readOembed(body.toString("utf8")) : readOpenGraph(body.toString("utf8"));
    } catch (error) {
      const reason = error instanceof FetchFailure ? error.reason : "unreachable";
      throw new AppError(
        "social_fetch_failed",
        `${SOCIAL_PLATFORM_NAMES[ref.platform]} did not give us this post (${reason.replace("_", " ")}); type its text and author by hand.`,
        { reason, url: ref.url },
      );
    }
    const author = tidy(data.author, SOCIAL_AUTHOR_MAX);
    const text = tidy(data.text, SOCIAL_TEXT_MAX);
    if (!author && !text) {
      throw new AppError(
        "social_fetch_failed",
        `${SOCIAL_PLATFORM_NAMES[ref.platform]} gave no author or text for this post; type them by hand.`,
        { reason: "unreadable", url: ref.url },
      );
    }
    const mediaId = data.imageUrl ? await this.storeImage(data.imageUrl, endpoint.url, ref, author, uploader) : null;
    return {
      platform: ref.platform,
      url: ref.url,
      author,
      text,
      postedAt: data.postedAt,
      mediaId,
      quotedOn: quotedOnDate(this.now()),
      source: "fetched",
    };
  }

  private async storeImage(
    imageUrl: string,
    base: string,
    ref: SocialPostRef,
    author: string,
    uploader: Uploader,
  ): Promise<number | null> {
    try {
      const bytes = await this.download(new URL(imageUrl, base).href);
      const platform = SOCIAL_PLATFORM_NAMES[ref.platform];
      const row = await this.media.importImage(
        bytes,
        {
          alt: `Image from the ${platform} post${author ? ` by ${author}` : ""}`,
          credit: author ? `${author} / ${platform}` : platform,
        },
        uploader,
      );
      return row.id;
    } catch {
      // The card is worth more than its picture: keep the text and author, leave the image out.
      return null;
    }
  }

  /**
   * GET with a time limit over the whole exchange, a size cap and a few redirects. The host is
   * looked up first through the injectable resolver (so the refusal is immediate and testable);
   * guardedGet checks the address again at connect time and on every redirect hop.
   */
  private async download(address: string): Promise<Buffer> {
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      throw new FetchFailure("unreachable");
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new FetchFailure("unreachable");
    if (!this.config.allowPrivate && (await isPrivateHost(url.hostname, this.resolve))) {
      throw new FetchFailure("private_address");
    }
    try {
      return await guardedGet(url.href, {
        timeoutMs: this.config.timeoutMs,
        maxBytes: this.config.maxBytes,
        allowPrivate: this.config.allowPrivate,
        maxRedirects: MAX_REDIRECTS,
      });
    } catch (error) {
      throw new FetchFailure(error instanceof GuardedGetError ? error.reason : "unreachable");
    }
  }
}
