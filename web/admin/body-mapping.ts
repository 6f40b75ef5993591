/**
 * Between the editor's JSON (Tiptap `getJSON()`) and the article body the API stores
 * (src/newsroom/body.types.ts). The editor's schema already allows only the body's node types;
 * this drops what the editor keeps for itself (link targets, empty list rows, default attributes)
 * and fills what a half-finished block lacks, so an autosave never fails on a block being written.
 */
import type { JSONContent } from "@tiptap/core";
import type {
  BlockNode,
  BodyDocument,
  EmbedProvider,
  FactboxNode,
  InlineNode,
  ListItemNode,
  Mark,
  ParagraphNode,
} from "../../src/newsroom/body.types.js";
import { isNoteId } from "../../src/newsroom/editorial-notes.shared.js";
import { GALLERY_MAX_PHOTOS } from "../../src/newsroom/gallery.shared.js";
import { sortMarks } from "../../src/newsroom/mark-order.shared.js";
import { DEFAULT_RELATED_TITLE, RELATED_MAX_STORIES } from "../../src/newsroom/related.shared.js";
import { isSafeHref } from "../../src/newsroom/safe-url.shared.js";
import { quotedOnDate, SOCIAL_AUTHOR_MAX, SOCIAL_TEXT_MAX } from "../../src/newsroom/social-post.shared.js";
import { parseSocialUrl } from "../../src/newsroom/social-url.shared.js";
import { isTimelineDate } from "../../src/newsroom/timeline.shared.js";
import { PROVIDER_NAMES } from "../../src/newsroom/video-url.shared.js";

export const DEFAULT_TAKEAWAYS_TITLE = "Key takeaways";
export const DEFAULT_TIMELINE_TITLE = "What we know so far";
export const DEFAULT_FACTBOX_TITLE = "Background";

/** The server's link rule itself (one rule for the API, the site and this app). */
export { isSafeHref };

function text(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

/** In the editor's own order, so an API body and the editor's JSON of it compare equal. */
function marks(list: JSONContent["marks"]): Mark[] {
  const out: Mark[] = [];
  for (const mark of list ?? []) {
    if ((mark.type === "bold" || mark.type === "italic") && !out.some((m) => m.type === mark.type)) {
      out.push({ type: mark.type });
    } else if (mark.type === "link") {
      const href = typeof mark.attrs?.href === "string" ? mark.attrs.href.trim() : "";
      if (isSafeHref(href)) out.push({ type: "link", attrs: { href } });
    } else if (mark.type === "note" && isNoteId(mark.attrs?.noteId)) {
      const noteId = mark.attrs.noteId;
      if (!out.some((m) => m.type === "note" && m.attrs.noteId === noteId))
        out.push({ type: "note", attrs: { noteId } });
    }
  }
  return sortMarks(out);
}

function inline(nodes: JSONContent[] | undefined): InlineNode[] {
  const out: InlineNode[] = [];
  for (const node of nodes ?? []) {
    if (node.type === "hardBreak") out.push({ type: "hardBreak" });
    else if (node.type === "text" && node.text) {
      const nodeMarks = marks(node.marks);
      out.push(
        nodeMarks.length > 0 ? { type: "text", text: node.text, marks: nodeMarks } : { type: "text", text: node.text },
      );
    }
  }
  return out;
}

function paragraph(node: JSONContent): ParagraphNode {
  const content = inline(node.content);
  return content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" };
}

/** Text of any block, for the few places where a block must become a paragraph. */
function plainParagraphs(node: JSONContent): ParagraphNode[] {
  if (node.type === "paragraph" || node.type === "heading") return [paragraph(node)];
  return (node.content ?? []).flatMap(plainParagraphs);
}

function listItem(node: JSONContent): ListItemNode | undefined {
  const content: ListItemNode["content"] = [];
  for (const child of node.content ?? []) {
    if (child.type === "bulletList" || child.type === "orderedList") {
      const list = block(child);
      if (list && (list.type === "bulletList" || list.type === "orderedList")) content.push(list);
    } else {
      content.push(...plainParagraphs(child));
    }
  }
  if (content.length === 0) return undefined;
  if (content[0]?.type !== "paragraph") content.unshift({ type: "paragraph" });
  return { type: "listItem", content };
}

function block(node: JSONContent): BlockNode | undefined {
  const attrs = node.attrs ?? {};
  switch (node.type) {
    case "paragraph":
      return paragraph(node);
    case "heading": {
      const level = Math.min(4, Math.max(2, Number(attrs.level) || 2)) as 2 | 3 | 4;
      const content = inline(node.content);
      return content.length > 0
        ? { type: "heading", attrs: { level }, content }
        : { type: "heading", attrs: { level } };
    }
    case "blockquote": {
      const content = (node.content ?? []).flatMap(plainParagraphs);
      if (content.length === 0) content.push({ type: "paragraph" });
      const citation = text(attrs.citation);
      return citation ? { type: "blockquote", attrs: { citation }, content } : { type: "blockquote", content };
    }
    case "factbox": {
      const content = (node.content ?? []).flatMap((child): FactboxNode["content"] => {
        if (child.type === "bulletList") {
          const list = block(child);
          return list?.type === "bulletList" ? [list] : [];
        }
        return plainParagraphs(child);
      });
      // An empty box is not worth a block; a box with words but no title gets the default title.
      if (!content.some((child) => child.type === "bulletList" || (child.content?.length ?? 0) > 0)) return undefined;
      return { type: "factbox", attrs: { title: text(attrs.title) ?? DEFAULT_FACTBOX_TITLE }, content };
    }
    case "bulletList":
    case "orderedList": {
      const items = (node.content ?? []).map(listItem).filter((i): i is ListItemNode => i !== undefined);
      if (items.length === 0) return undefined;
      if (node.type === "bulletList") return { type: "bulletList", content: items };
      const start = Number(attrs.start);
      return Number.isInteger(start) && start > 1
        ? { type: "orderedList", attrs: { start }, content: items }
        : { type: "orderedList", content: items };
    }
    case "horizontalRule":
      return { type: "horizontalRule" };
    case "image": {
      const mediaId = Number(attrs.mediaId);
      if (!Number.isInteger(mediaId) || mediaId <= 0) return undefined;
      return {
        type: "image",
        attrs: { mediaId, caption: text(attrs.caption), credit: text(attrs.credit), alt: text(attrs.alt) },
      };
    }
    case "gallery": {
      const photos = (Array.isArray(attrs.photos) ? (attrs.photos as unknown[]) : []).flatMap((photo) => {
        const record = typeof photo === "object" && photo !== null ? (photo as Record<string, unknown>) : {};
        const mediaId = Number(record.mediaId);
        if (!Number.isInteger(mediaId) || mediaId <= 0) return [];
        return [{ mediaId, caption: text(record.caption), credit: text(record.credit), alt: text(record.alt) }];
      });
      // A gallery being built autosaves too: one photo is saved as an image, none as nothing.
      if (photos.length === 0) return undefined;
      if (photos.length === 1) return { type: "image", attrs: photos[0]! };
      const layout = attrs.layout === "slideshow" ? "slideshow" : "grid";
      return { type: "gallery", attrs: { layout, photos: photos.slice(0, GALLERY_MAX_PHOTOS) } };
    }
    case "related": {
      const ids = (Array.isArray(attrs.articleIds) ? (attrs.articleIds as unknown[]) : [])
        .map(Number)
        .filter((id, i, all) => Number.isInteger(id) && id > 0 && all.indexOf(id) === i)
        .slice(0, RELATED_MAX_STORIES);
      // Nothing picked yet: nothing to save.
      if (ids.length === 0) return undefined;
      return { type: "related", attrs: { title: text(attrs.title) ?? DEFAULT_RELATED_TITLE, articleIds: ids } };
    }
    case "audio":
    case "document": {
      const mediaId = Number(attrs.mediaId);
      if (!Number.isInteger(mediaId) || mediaId <= 0) return undefined;
      const title = text(attrs.title) ?? (node.type === "audio" ? "Audio" : "Document");
      if (node.type === "document") return { type: "document", attrs: { mediaId, title } };
      const transcript = typeof attrs.transcript === "string" ? attrs.transcript.trim() : "";
      return { type: "audio", attrs: { mediaId, title, ...(transcript ? { transcript } : {}) } };
    }
    case "embed": {
      if (attrs.provider === "map" && typeof attrs.videoId === "string" && attrs.videoId) {
        return {
          type: "embed",
          attrs: { provider: "map", videoId: attrs.videoId, title: text(attrs.title) ?? attrs.videoId },
        };
      }
      const provider = attrs.provider as EmbedProvider;
      if (!(provider in PROVIDER_NAMES) || typeof attrs.videoId !== "string" || !attrs.videoId) return undefined;
      const title = text(attrs.title) ?? `${PROVIDER_NAMES[provider]} video`;
      return { type: "embed", attrs: { provider, videoId: attrs.videoId, title } };
    }
    case "takeaways": {
      const items = (Array.isArray(attrs.items) ? attrs.items : [])
        .map(text)
        .filter((item): item is string => item !== null);
      // A takeaways block with nothing in it yet is not saved (there is nothing to show).
      if (items.length === 0) return undefined;
      return { type: "takeaways", attrs: { title: text(attrs.title) ?? DEFAULT_TAKEAWAYS_TITLE, items } };
    }
    case "timeline": {
      const entries = (Array.isArray(attrs.entries) ? (attrs.entries as unknown[]) : []).flatMap((entry) => {
        const record = typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>) : {};
        const words = text(record.text);
        if (words === null) return [];
        // A date still being typed is kept out, never the step's text.
        const date = typeof record.date === "string" && isTimelineDate(record.date) ? record.date : "";
        return [{ date, text: words }];
      });
      if (entries.length === 0) return undefined;
      return { type: "timeline", attrs: { title: text(attrs.title) ?? DEFAULT_TIMELINE_TITLE, entries } };
    }
    case "socialPost": {
      const ref = typeof attrs.url === "string" ? parseSocialUrl(attrs.url) : undefined;
      if (!ref) return undefined;
      const words = (value: unknown, max: number) => (typeof value === "string" ? value.trim().slice(0, max) : "");
      const date = (value: unknown) => (typeof value === "string" && isTimelineDate(value) ? value : "");
      const mediaId = Number(attrs.mediaId);
      const quotedOn = date(attrs.quotedOn);
      return {
        type: "socialPost",
        attrs: {
          platform: ref.platform,
          url: ref.url,
          author: words(attrs.author, SOCIAL_AUTHOR_MAX),
          text: words(attrs.text, SOCIAL_TEXT_MAX),
          postedAt: date(attrs.postedAt),
          mediaId: Number.isInteger(mediaId) && mediaId > 0 ? mediaId : null,
          quotedOn: quotedOn.length === 10 ? quotedOn : quotedOnDate(new Date()),
          source: attrs.source === "fetched" ? "fetched" : "manual",
        },
      };
    }
    default:
      // Not in the body model: keep its words as paragraphs rather than lose them.
      return plainParagraphs(node)[0];
  }
}

/** The editor's document as the API's body. */
export function toApiBody(doc: JSONContent): BodyDocument {
  const content = (doc.content ?? []).map(block).filter((b): b is BlockNode => b !== undefined);
  // A trailing empty paragraph is the editor's cursor slot, not content.
  while (content.length > 1 && isEmptyParagraph(content.at(-1))) content.pop();
  return { type: "doc", content };
}

function isEmptyParagraph(node: BlockNode | undefined): boolean {
  return node?.type === "paragraph" && (node.content?.length ?? 0) === 0;
}

/** The API's body as editor content. The editor needs at least one block to put the cursor in. */
export function fromApiBody(body: unknown): JSONContent {
  const doc = body as Partial<BodyDocument> | null;
  const content = Array.isArray(doc?.content) ? (doc.content as JSONContent[]) : [];
  return { type: "doc", content: content.length > 0 ? content : [{ type: "paragraph" }] };
}

function textOf(node: JSONContent): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "audio") return typeof node.attrs?.transcript === "string" ? node.attrs.transcript : "";
  if (node.type === "takeaways") {
    const items = Array.isArray(node.attrs?.items) ? (node.attrs.items as unknown[]) : [];
    return [node.attrs?.title, ...items].filter((t) => typeof t === "string").join("\n");
  }
  if (node.type === "timeline") {
    const entries = Array.isArray(node.attrs?.entries) ? (node.attrs.entries as { text?: unknown }[]) : [];
    return [node.attrs?.title, ...entries.map((entry) => entry.text)].filter((t) => typeof t === "string").join("\n");
  }
  if (node.type === "socialPost") return typeof node.attrs?.text === "string" ? node.attrs.text : "";
  if (node.type === "factbox") {
    const title = typeof node.attrs?.title === "string" ? node.attrs.title : "";
    return [title, ...(node.content ?? []).map(textOf)].join("\n");
  }
  if (node.type === "hardBreak") return "\n";
  const inlineParent = node.type === "paragraph" || node.type === "heading";
  return (node.content ?? []).map(textOf).join(inlineParent ? "" : "\n");
}

const WORD = /[\p{L}\p{N}]/u;

/** Words a reader reads in the body: paragraphs, headings, quotes, lists, takeaways and timelines (not captions). */
export function wordCount(doc: JSONContent): number {
  return textOf(doc)
    .split(/[\s\u2014\u2013]+/u)
    .filter((token) => WORD.test(token)).length;
}
