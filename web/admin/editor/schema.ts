/**
 * The editor's document model: exactly what the article body allows (src/newsroom/body.types.ts),
 * so `editor.getJSON()` passes the server's validation. Nothing here touches the DOM at import
 * time, so the same extensions build the schema in unit tests; node views are added by the editor.
 */
import { type AnyExtension, Mark, mergeAttributes, Node } from "@tiptap/core";
import { Blockquote } from "@tiptap/extension-blockquote";
import { ListItem } from "@tiptap/extension-list";
import type { Node as PmNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import { StarterKit } from "@tiptap/starter-kit";
import { DEFAULT_RELATED_TITLE } from "../../../src/newsroom/related.shared.js";
import { quotedOnDate } from "../../../src/newsroom/social-post.shared.js";
import { parseSocialUrl } from "../../../src/newsroom/social-url.shared.js";
import { PROVIDER_NAMES, parseVideoUrl } from "../../../src/newsroom/video-url.shared.js";
import { DEFAULT_FACTBOX_TITLE, DEFAULT_TAKEAWAYS_TITLE, DEFAULT_TIMELINE_TITLE, isSafeHref } from "../body-mapping.js";

function dataAttr(name: string) {
  return {
    parseHTML: (element: HTMLElement) => element.getAttribute(`data-${name}`),
    renderHTML: (attributes: Record<string, unknown>) => {
      const value = attributes[name];
      return value === null || value === undefined || value === "" ? {} : { [`data-${name}`]: String(value) };
    },
  };
}

/** A list of records kept as JSON in a data attribute (timeline entries, gallery photos). */
function jsonRecordsAttr(name: string, clean: (record: Record<string, unknown>) => Record<string, unknown>) {
  return {
    parseHTML: (element: HTMLElement) => {
      try {
        const list = JSON.parse(element.getAttribute(`data-${name}`) ?? "[]") as unknown;
        return Array.isArray(list)
          ? list.filter((e): e is Record<string, unknown> => typeof e === "object" && e !== null).map(clean)
          : [];
      } catch {
        return [];
      }
    },
    renderHTML: (attributes: Record<string, unknown>) => ({ [`data-${name}`]: JSON.stringify(attributes[name] ?? []) }),
  };
}

/** A quote holds paragraphs only, and says who is quoted. */
export const GazetteBlockquote = Blockquote.extend({
  content: "paragraph+",
  addAttributes() {
    return { citation: { default: null, ...dataAttr("citation") } };
  },
});

/** A list item holds paragraphs and nested lists: no headings, images or quotes inside lists. */
export const GazetteListItem = ListItem.extend({
  content: "paragraph (paragraph | bulletList | orderedList)*",
});

/**
 * An editorial note's anchor (`{ type: "note", attrs: { noteId } }` in the body): highlighted here,
 * dropped by every reader renderer. Not inclusive, so typing at its end does not stretch it;
 * excludes nothing, so two notes can cover the same words. Registered after StarterKit, which puts
 * it last in the mark order (mark-order.shared.ts).
 */
export const NoteMark = Mark.create({
  name: "note",
  inclusive: false,
  excludes: "",
  addAttributes() {
    return {
      noteId: {
        default: null,
        parseHTML: (element: HTMLElement) => element.getAttribute("data-note-id"),
        renderHTML: (attributes: { noteId?: string | null }) => ({ "data-note-id": attributes.noteId }),
      },
    };
  },
  parseHTML() {
    return [{ tag: "span[data-note-id]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["span", mergeAttributes(HTMLAttributes, { class: "note-mark" }), 0];
  },
});

/** The body's own blocks are edited as a whole (through a dialog), and can be dragged and selected. */
const BLOCK_ATOM = { group: "block", atom: true, draggable: true, selectable: true } as const;

/** A photo from the media library, with its caption, credit and alternative text for this use. */
export const ImageNode = Node.create({
  name: "image",
  ...BLOCK_ATOM,
  addAttributes() {
    return {
      mediaId: {
        default: null,
        parseHTML: (element: HTMLElement) => {
          const id = Number(element.getAttribute("data-media-id"));
          return Number.isInteger(id) && id > 0 ? id : null;
        },
        renderHTML: (attributes: Record<string, unknown>) => ({ "data-media-id": String(attributes.mediaId ?? "") }),
      },
      caption: { default: null, ...dataAttr("caption") },
      credit: { default: null, ...dataAttr("credit") },
      alt: { default: null, ...dataAttr("alt") },
    };
  },
  parseHTML() {
    return [{ tag: "figure[data-gazette-image]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["figure", mergeAttributes(HTMLAttributes, { "data-gazette-image": "" })];
  },
});

/**
 * Puts a block made from a pasted address in place of the empty paragraph holding the cursor, or
 * after the paragraph when it has text; false (an ordinary paste) anywhere else, e.g. in a list.
 */
function placePastedBlock(view: EditorView, node: PmNode): boolean {
  const { $from } = view.state.selection;
  if ($from.depth !== 1 || $from.parent.type.name !== "paragraph") return false;
  const tr =
    $from.parent.content.size === 0
      ? view.state.tr.replaceWith($from.before(1), $from.after(1), node)
      : view.state.tr.insert($from.after(1), node);
  view.dispatch(tr.scrollIntoView());
  return true;
}

const mediaIdAttr = {
  default: null,
  parseHTML: (element: HTMLElement) => {
    const id = Number(element.getAttribute("data-media-id"));
    return Number.isInteger(id) && id > 0 ? id : null;
  },
  renderHTML: (attributes: Record<string, unknown>) => ({ "data-media-id": String(attributes.mediaId ?? "") }),
};

/** An audio clip from the media library, with its title and an optional plain-text transcript. */
export const AudioNode = Node.create({
  name: "audio",
  ...BLOCK_ATOM,
  addAttributes() {
    return {
      mediaId: mediaIdAttr,
      title: { default: "", ...dataAttr("title") },
      transcript: { default: null, ...dataAttr("transcript") },
    };
  },
  parseHTML() {
    return [{ tag: "figure[data-gazette-audio]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["figure", mergeAttributes(HTMLAttributes, { "data-gazette-audio": "" })];
  },
});

/** A PDF from the media library, shown to readers as a download card. */
export const DocumentNode = Node.create({
  name: "document",
  ...BLOCK_ATOM,
  addAttributes() {
    return { mediaId: mediaIdAttr, title: { default: "", ...dataAttr("title") } };
  },
  parseHTML() {
    return [{ tag: "figure[data-gazette-document]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["figure", mergeAttributes(HTMLAttributes, { "data-gazette-document": "" })];
  },
});

/** A YouTube or Vimeo video, stored as provider + id (the site builds the player URL). */
export const EmbedNode = Node.create({
  name: "embed",
  ...BLOCK_ATOM,
  addAttributes() {
    return {
      provider: { default: "youtube", ...dataAttr("provider") },
      videoId: { default: "", ...dataAttr("videoId") },
      title: { default: "", ...dataAttr("title") },
    };
  },
  parseHTML() {
    return [{ tag: "div[data-gazette-embed]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["div", mergeAttributes(HTMLAttributes, { "data-gazette-embed": "" })];
  },
  addProseMirrorPlugins() {
    const type = this.type;
    return [
      new Plugin({
        key: new PluginKey("gazetteEmbedPaste"),
        props: {
          // A video address pasted alone becomes a video block, not a link.
          handlePaste(view, event) {
            const text = event.clipboardData?.getData("text/plain") ?? "";
            const ref = parseVideoUrl(text);
            if (!ref) return false;
            return placePastedBlock(view, type.create({ ...ref, title: `${PROVIDER_NAMES[ref.provider]} video` }));
          },
        },
      }),
    ];
  },
});

/** "Key takeaways": a titled list of the source's other conclusions, edited as plain strings. */
export const TakeawaysNode = Node.create({
  name: "takeaways",
  ...BLOCK_ATOM,
  addAttributes() {
    return {
      title: { default: DEFAULT_TAKEAWAYS_TITLE, ...dataAttr("title") },
      items: {
        default: [""],
        parseHTML: (element: HTMLElement) => {
          try {
            const items = JSON.parse(element.getAttribute("data-items") ?? "[]") as unknown;
            return Array.isArray(items) ? items.filter((i): i is string => typeof i === "string") : [""];
          } catch {
            return [""];
          }
        },
        renderHTML: (attributes: Record<string, unknown>) => ({ "data-items": JSON.stringify(attributes.items ?? []) }),
      },
    };
  },
  parseHTML() {
    return [{ tag: "aside[data-gazette-takeaways]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["aside", mergeAttributes(HTMLAttributes, { "data-gazette-takeaways": "" })];
  },
});

/** "What we know so far": dated entries, edited as a list of date and text pairs. */
export const TimelineNode = Node.create({
  name: "timeline",
  ...BLOCK_ATOM,
  addAttributes() {
    return {
      title: { default: DEFAULT_TIMELINE_TITLE, ...dataAttr("title") },
      entries: {
        default: [{ date: "", text: "" }],
        ...jsonRecordsAttr("entries", (e) => ({ date: String(e.date ?? ""), text: String(e.text ?? "") })),
      },
    };
  },
  parseHTML() {
    return [{ tag: "section[data-gazette-timeline]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["section", mergeAttributes(HTMLAttributes, { "data-gazette-timeline": "" })];
  },
});

/** A titled box of background facts: short paragraphs and bullet lists, edited in place. */
export const FactboxNode = Node.create({
  name: "factbox",
  group: "block",
  content: "(paragraph | bulletList)+",
  defining: true,
  draggable: true,
  addAttributes() {
    return { title: { default: DEFAULT_FACTBOX_TITLE, ...dataAttr("title") } };
  },
  parseHTML() {
    return [{ tag: "aside[data-gazette-factbox]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["aside", mergeAttributes(HTMLAttributes, { "data-gazette-factbox": "" }), 0];
  },
});

/** The attributes of a social post the editor starts from: its node view then asks the server for the card. */
export function newSocialPostAttrs(url: string): Record<string, unknown> | undefined {
  const ref = parseSocialUrl(url);
  if (!ref) return undefined;
  return {
    platform: ref.platform,
    url: ref.url,
    quotedOn: quotedOnDate(new Date()),
    source: "manual",
    fetch: "pending",
  };
}

/**
 * A quoted social post, kept as a static card (see SocialPostNode in body.types.ts). `fetch` is the
 * editor's own: "pending" until the server has been asked for the card; it is never saved.
 */
export const SocialPostNode = Node.create({
  name: "socialPost",
  ...BLOCK_ATOM,
  addAttributes() {
    return {
      platform: { default: "telegram", ...dataAttr("platform") },
      url: { default: "", ...dataAttr("url") },
      author: { default: "", ...dataAttr("author") },
      text: { default: "", ...dataAttr("text") },
      postedAt: { default: "", ...dataAttr("postedAt") },
      mediaId: {
        default: null,
        parseHTML: (element: HTMLElement) => {
          const id = Number(element.getAttribute("data-media-id"));
          return Number.isInteger(id) && id > 0 ? id : null;
        },
        renderHTML: (attributes: Record<string, unknown>) =>
          attributes.mediaId ? { "data-media-id": String(attributes.mediaId) } : {},
      },
      quotedOn: { default: "", ...dataAttr("quotedOn") },
      source: { default: "manual", ...dataAttr("source") },
      fetch: { default: null, rendered: false },
    };
  },
  parseHTML() {
    return [{ tag: "figure[data-gazette-social-post]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["figure", mergeAttributes(HTMLAttributes, { "data-gazette-social-post": "" })];
  },
  addProseMirrorPlugins() {
    const type = this.type;
    return [
      new Plugin({
        key: new PluginKey("gazetteSocialPaste"),
        props: {
          // A post's address pasted alone becomes a social-post card, not a link.
          handlePaste(view, event) {
            const attrs = newSocialPostAttrs(event.clipboardData?.getData("text/plain") ?? "");
            return attrs ? placePastedBlock(view, type.create(attrs)) : false;
          },
        },
      }),
    ];
  },
});

/** A series of photos from the media library; each photo's caption, credit and alt text for this story. */
export const GalleryNode = Node.create({
  name: "gallery",
  ...BLOCK_ATOM,
  addAttributes() {
    return {
      layout: { default: "grid", ...dataAttr("layout") },
      photos: {
        default: [],
        ...jsonRecordsAttr("photos", (photo) => photo),
      },
    };
  },
  parseHTML() {
    return [{ tag: "div[data-gazette-gallery]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["div", mergeAttributes(HTMLAttributes, { "data-gazette-gallery": "" })];
  },
});

/** Other stories, picked from the article list and stored as ids; the site reads their cards when drawing. */
export const RelatedNode = Node.create({
  name: "related",
  ...BLOCK_ATOM,
  addAttributes() {
    return {
      title: { default: DEFAULT_RELATED_TITLE, ...dataAttr("title") },
      articleIds: {
        default: [],
        parseHTML: (element: HTMLElement) =>
          (element.getAttribute("data-article-ids") ?? "")
            .split(",")
            .map(Number)
            .filter((id) => Number.isInteger(id) && id > 0),
        renderHTML: (attributes: Record<string, unknown>) => ({
          "data-article-ids": Array.isArray(attributes.articleIds) ? attributes.articleIds.join(",") : "",
        }),
      },
    };
  },
  parseHTML() {
    return [{ tag: "section[data-gazette-related]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["section", mergeAttributes(HTMLAttributes, { "data-gazette-related": "" })];
  },
});

/** StarterKit limited to the body model: no code, strike, underline; headings 2–4; safe links only. */
export function bodyExtensions(
  nodes: {
    blockquote?: AnyExtension;
    image?: AnyExtension;
    embed?: AnyExtension;
    takeaways?: AnyExtension;
    timeline?: AnyExtension;
    factbox?: AnyExtension;
    socialPost?: AnyExtension;
    gallery?: AnyExtension;
    related?: AnyExtension;
    audio?: AnyExtension;
    document?: AnyExtension;
  } = {},
) {
  return [
    StarterKit.configure({
      blockquote: false,
      listItem: false,
      code: false,
      codeBlock: false,
      strike: false,
      underline: false,
      heading: { levels: [2, 3, 4] },
      link: {
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        defaultProtocol: "https",
        isAllowedUri: (url) => isSafeHref(url),
        HTMLAttributes: { target: null, rel: "noopener noreferrer nofollow" },
      },
    }),
    NoteMark,
    nodes.blockquote ?? GazetteBlockquote,
    GazetteListItem,
    nodes.image ?? ImageNode,
    nodes.embed ?? EmbedNode,
    nodes.takeaways ?? TakeawaysNode,
    nodes.timeline ?? TimelineNode,
    nodes.factbox ?? FactboxNode,
    nodes.socialPost ?? SocialPostNode,
    nodes.gallery ?? GalleryNode,
    nodes.related ?? RelatedNode,
    nodes.audio ?? AudioNode,
    nodes.document ?? DocumentNode,
  ];
}
