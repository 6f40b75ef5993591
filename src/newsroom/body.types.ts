/**
 * The article body: a Tiptap/ProseMirror JSON document. Standard Tiptap node and mark names,
 * plus Gazette nodes (image, gallery, embed, social post, takeaways, timeline, factbox, related, audio,
 * document). There is no raw-HTML node: every output
 * is produced by a renderer that knows each type, so safety is structural.
 */
import type { SocialPlatform } from "./social-url.shared.js";

export type Mark =
  | { type: "bold" }
  | { type: "italic" }
  | { type: "link"; attrs: { href: string } }
  /**
   * An editorial note (a margin comment of the desk) anchored to this text. Only the newsroom
   * sees it: every reader renderer leaves it out, and the Content API strips it.
   */
  | { type: "note"; attrs: { noteId: string } };

export interface TextNode {
  type: "text";
  text: string;
  marks?: Mark[];
}
export interface HardBreakNode {
  type: "hardBreak";
}
export type InlineNode = TextNode | HardBreakNode;

export interface ParagraphNode {
  type: "paragraph";
  content?: InlineNode[];
}
export interface HeadingNode {
  type: "heading";
  attrs: { level: 2 | 3 | 4 };
  content?: InlineNode[];
}
export interface BlockquoteNode {
  type: "blockquote";
  /** Who is quoted; shown under the quote. A Gazette attribute on Tiptap's blockquote. */
  attrs?: { citation?: string | null };
  content: ParagraphNode[];
}
export interface ListItemNode {
  type: "listItem";
  content: (ParagraphNode | BulletListNode | OrderedListNode)[];
}
export interface BulletListNode {
  type: "bulletList";
  content: ListItemNode[];
}
export interface OrderedListNode {
  type: "orderedList";
  attrs?: { start?: number };
  content: ListItemNode[];
}
export interface HorizontalRuleNode {
  type: "horizontalRule";
}
export interface ImageNode {
  type: "image";
  attrs: { mediaId: number; caption?: string | null; credit?: string | null; alt?: string | null };
}
export type EmbedProvider = "youtube" | "vimeo";
export interface EmbedNode {
  type: "embed";
  /** Provider `map` embeds a battle map (maps capability); `videoId` then holds the map's slug. */
  attrs: { provider: EmbedProvider | "map"; videoId: string; title: string };
}
export interface TakeawaysNode {
  type: "takeaways";
  attrs: { title: string; items: string[] };
}

/**
 * One step of a timeline: `date` is a wall-clock date ("2026-12-01") or date and time
 * ("2026-12-01T09:30"), or "" for a step not dated yet (shown without a date).
 */
export interface TimelineEntry {
  date: string;
  text: string;
}
/** "What we know so far": dated entries in the order the reporter set. */
export interface TimelineNode {
  type: "timeline";
  attrs: { title: string; entries: TimelineEntry[] };
}

/** A titled box of background facts beside the story: short paragraphs and bullet lists. */
export interface FactboxNode {
  type: "factbox";
  attrs: { title: string };
  content: (ParagraphNode | BulletListNode)[];
}

/**
 * A post quoted from a social platform, kept as a static card: what it said, who said it and its
 * first image (copied into the media library) were stored when the story was saved, so readers
 * load nothing from the platform unless they ask, and a deleted post stays documented.
 * `source` is "fetched" when the card came from the platform, "manual" when the editor typed it;
 * `quotedOn` is the day it was quoted; `postedAt` a date ("2026-12-01") or date and time, or "".
 */
export interface SocialPostNode {
  type: "socialPost";
  attrs: {
    platform: SocialPlatform;
    url: string;
    author: string;
    text: string;
    postedAt: string;
    mediaId: number | null;
    quotedOn: string;
    source: "fetched" | "manual";
  };
}

/** One photo of a gallery; a null caption, credit or alt falls back to the media library's. */
export interface GalleryPhoto {
  mediaId: number;
  caption?: string | null;
  credit?: string | null;
  alt?: string | null;
}
/** A series of photos from the media library, shown as a grid or a slideshow. */
export interface GalleryNode {
  type: "gallery";
  attrs: { layout: "grid" | "slideshow"; photos: GalleryPhoto[] };
}

/** Other stories of the edition, stored as ids only: headlines and photos are read when the page is drawn. */
export interface RelatedNode {
  type: "related";
  attrs: { title: string; articleIds: number[] };
}

/**
 * An audio clip from the media library with an optional transcript: plain paragraphs separated by
 * blank lines (a transcript is spoken words, not formatted text).
 */
export interface AudioNode {
  type: "audio";
  attrs: { mediaId: number; title: string; transcript?: string | null };
}

/** A PDF from the media library, shown as a card (page count, size, first page) that downloads it. */
export interface DocumentNode {
  type: "document";
  attrs: { mediaId: number; title: string };
}

export type BlockNode =
  | ParagraphNode
  | HeadingNode
  | BlockquoteNode
  | BulletListNode
  | OrderedListNode
  | HorizontalRuleNode
  | ImageNode
  | EmbedNode
  | TakeawaysNode
  | TimelineNode
  | FactboxNode
  | SocialPostNode
  | GalleryNode
  | RelatedNode
  | AudioNode
  | DocumentNode;

export interface BodyDocument {
  type: "doc";
  content: BlockNode[];
}
