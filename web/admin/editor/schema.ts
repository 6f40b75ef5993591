/**
 * The editor's document model: exactly what the article body allows (src/newsroom/body.types.ts),
 * so `editor.getJSON()` passes the server's validation. Nothing here touches the DOM at import
 * time, so the same extensions build the schema in unit tests; node views are added by the editor.
 */
import { type AnyExtension, mergeAttributes, Node } from "@tiptap/core";
import { Blockquote } from "@tiptap/extension-blockquote";
import { ListItem } from "@tiptap/extension-list";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { StarterKit } from "@tiptap/starter-kit";
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
            const { $from } = view.state.selection;
            if ($from.depth !== 1 || $from.parent.type.name !== "paragraph") return false;
            const node = type.create({ ...ref, title: `${PROVIDER_NAMES[ref.provider]} video` });
            const paragraph = $from.parent;
            const tr =
              paragraph.content.size === 0
                ? view.state.tr.replaceWith($from.before(1), $from.after(1), node)
                : view.state.tr.insert($from.after(1), node);
            view.dispatch(tr.scrollIntoView());
            return true;
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
        parseHTML: (element: HTMLElement) => {
          try {
            const entries = JSON.parse(element.getAttribute("data-entries") ?? "[]") as unknown;
            return Array.isArray(entries)
              ? entries
                  .filter((e): e is Record<string, unknown> => typeof e === "object" && e !== null)
                  .map((e) => ({ date: String(e.date ?? ""), text: String(e.text ?? "") }))
              : [];
          } catch {
            return [];
          }
        },
        renderHTML: (attributes: Record<string, unknown>) => ({
          "data-entries": JSON.stringify(attributes.entries ?? []),
        }),
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

/** StarterKit limited to the body model: no code, strike, underline; headings 2–4; safe links only. */
export function bodyExtensions(
  nodes: {
    blockquote?: AnyExtension;
    image?: AnyExtension;
    embed?: AnyExtension;
    takeaways?: AnyExtension;
    timeline?: AnyExtension;
    factbox?: AnyExtension;
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
    nodes.blockquote ?? GazetteBlockquote,
    GazetteListItem,
    nodes.image ?? ImageNode,
    nodes.embed ?? EmbedNode,
    nodes.takeaways ?? TakeawaysNode,
    nodes.timeline ?? TimelineNode,
    nodes.factbox ?? FactboxNode,
    nodes.audio ?? AudioNode,
    nodes.document ?? DocumentNode,
  ];
}
