import type { DefaultTreeAdapterTypes } from "parse5";
import { html, parseFragment } from "parse5";
import { AppError } from "../errors.js";
import type {
  BlockNode,
  BlockquoteNode,
  BodyDocument,
  EmbedNode,
  EmbedProvider,
  FactboxNode,
  InlineNode,
  ListItemNode,
  Mark,
  ParagraphNode,
  SocialPostNode,
  TimelineEntry,
} from "./body.types.js";
import { FACTBOX_MAX_BLOCKS, parseBody } from "./body.validator.js";
import { BODY_MAX_LIST_NESTING } from "./body-limits.js";
import { isSafeHref } from "./safe-url.shared.js";
import { quotedOnDate, SOCIAL_AUTHOR_MAX, SOCIAL_TEXT_MAX } from "./social-post.shared.js";
import { parseSocialUrl } from "./social-url.shared.js";
import { isTimelineDate, TIMELINE_MAX_ENTRIES, TIMELINE_MAX_TEXT } from "./timeline.shared.js";
import { parseVideoUrl } from "./video-url.shared.js";

export interface HtmlImportResult {
  body: BodyDocument;
  /** Short sentences for the editor about what could not be carried over. */
  warnings: string[];
}

type Node = DefaultTreeAdapterTypes.ChildNode;
type Element = DefaultTreeAdapterTypes.Element;
type TextKind = "paragraph" | 2 | 3 | 4;

const MAX_INPUT_BYTES = 2 * 1024 * 1024;
/** Mirrors body.validator.ts, which would otherwise reject the whole import for one long node. */
const MAX_TEXT = 20_000;
const MAX_SHORT_ATTR = 300;
/**
 * Past this many nested elements the rest is read as plain text by a loop: hostile input can nest
 * 100 000 deep, which would overflow a recursive walk (and the validator's, on nested lists).
 */
const MAX_DEPTH = 100;
const MAX_WARNINGS = 50;

/** Removed with everything inside; the value, when set, is what the editor is told. */
const DROPPED = new Map<string, string | null>([
  ["script", null],
  ["style", null],
  ["template", null],
  ["noscript", null],
  ["head", null],
  ["title", null],
  ["meta", null],
  ["link", null],
  ["base", null],
  ["noembed", null],
  ["noframes", null],
  ["frame", null],
  ["frameset", null],
  ["param", null],
  ["source", null],
  ["track", null],
  ["object", "A plugin object (object, embed or applet) was removed."],
  ["embed", "A plugin object (object, embed or applet) was removed."],
  ["applet", "A plugin object (object, embed or applet) was removed."],
  ["svg", "An SVG graphic was removed."],
  ["math", "A math formula was removed."],
  ["form", "A form or form control was removed."],
  ["input", "A form or form control was removed."],
  ["button", "A form or form control was removed."],
  ["select", "A form or form control was removed."],
  ["textarea", "A form or form control was removed."],
  // Like images, media files must be uploaded; their fallback text ("your browser does not…") is noise.
  ["video", "A video or audio file was removed: upload it, or embed it from YouTube or Vimeo."],
]);

/** Unwrapped, but they end the paragraph before them and start a new one, as a browser lays them out. */
const BLOCK_CONTAINERS = new Set([
  "div",
  "section",
  "article",
  "main",
  "header",
  "footer",
  "center",
  "aside",
  "nav",
  "address",
  "details",
  "summary",
  "dialog",
  "search",
  "dl",
  "dt",
  "dd",
  "figcaption",
  "hgroup",
  "fieldset",
  "legend",
  "li",
  "pre",
  "listing",
  "xmp",
  "plaintext",
]);

/** Where plain-text extraction puts a space so that "<p>a</p><p>b</p>" does not read "ab". */
const TEXT_BREAKS = new Set([
  ...BLOCK_CONTAINERS,
  "p",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "ul",
  "ol",
  "menu",
  "blockquote",
  "figure",
  "table",
  "caption",
  "tr",
  "td",
  "th",
  "br",
  "hr",
]);

const HEADING_LEVEL: Record<string, 2 | 3 | 4> = { h1: 2, h2: 2, h3: 3, h4: 4, h5: 4, h6: 4 };

/** HTML's "ASCII whitespace"; a no-break space is content and survives, as in a browser. */
const WHITESPACE_RUN = /[ \t\n\f\r]+/g;
const CITATION_DASHES = /^[\s\u2010-\u2015-]+/u;

interface QuoteState {
  citation: string | null;
}

interface Ctx {
  bold: boolean;
  italic: boolean;
  link: string | null;
  kind: TextKind;
  pre: boolean;
  depth: number;
  /** Lists around this point; the body allows BODY_MAX_LIST_NESTING. */
  lists: number;
  /** The nearest enclosing blockquote, whose first cite/footer/figcaption is its citation. */
  quote: QuoteState | null;
}

const ROOT_CTX: Ctx = {
  bold: false,
  italic: false,
  link: null,
  kind: "paragraph",
  pre: false,
  depth: 0,
  lists: 0,
  quote: null,
};

function isElement(node: Node): node is Element {
  return "tagName" in node;
}

function attr(element: Element, name: string): string | null {
  return element.attrs.find((a) => a.name === name)?.value ?? null;
}

function collapse(text: string): string {
  return text.replace(WHITESPACE_RUN, " ").trim();
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  // Never leave half of a surrogate pair behind.
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** For warnings: long URLs (a data: image can be megabytes) are cut so the message stays readable. */
function short(text: string): string {
  return cut(collapse(text), 60);
}

function marksOf(ctx: Ctx): Mark[] {
  const marks: Mark[] = [];
  if (ctx.bold) marks.push({ type: "bold" });
  if (ctx.italic) marks.push({ type: "italic" });
  if (ctx.link !== null) marks.push({ type: "link", attrs: { href: ctx.link } });
  return marks;
}

function markKey(marks: Mark[] | undefined): string {
  return (marks ?? []).map((m) => (m.type === "link" ? `link:${m.attrs.href}` : m.type)).join("|");
}

function textNode(text: string, marks: Mark[]): InlineNode {
  return marks.length > 0 ? { type: "text", text, marks } : { type: "text", text };
}

/** Browsers drop surrounding whitespace from URLs, and "//host/path" means the page's scheme: https here. */
function normalizeHref(raw: string): string {
  const href = raw.replace(/^[ \t\n\f\r]+|[ \t\n\f\r]+$/g, "");
  return href.startsWith("//") ? `https:${href}` : href;
}

function parseStart(raw: string | null): number | null {
  const match = raw === null ? null : /^[ \t\n\f\r]*(\d+)/.exec(raw);
  if (!match) return null;
  const start = Number(match[1]);
  return Number.isSafeInteger(start) ? start : null;
}

function videoFromUrl(src: string): { provider: EmbedProvider; videoId: string } | null {
  return parseVideoUrl(src) ?? null;
}

function hostOf(src: string): string | null {
  try {
    return new URL(src.trim()).hostname || null;
  } catch {
    return null;
  }
}

/** A run of blocks being built, plus the loose inline content that will become its next paragraph. */
class Flow {
  readonly blocks: BlockNode[] = [];
  private inline: InlineNode[] = [];
  private kind: TextKind = "paragraph";

  constructor(
    private readonly importer: Importer,
    /** Only the document accepts every block; other flows are reshaped by their container. */
    private readonly root: boolean,
  ) {}

  addInline(node: InlineNode, kind: TextKind): void {
    if (this.inline.length === 0) this.kind = kind;
    this.inline.push(node);
  }

  flush(): void {
    if (this.inline.length === 0) return;
    const content = this.importer.finishInline(this.inline);
    this.inline = [];
    if (content.length === 0) return;
    this.append(
      this.kind === "paragraph"
        ? { type: "paragraph", content }
        : { type: "heading", attrs: { level: this.kind }, content },
    );
  }

  block(node: BlockNode): void {
    this.flush();
    this.append(node);
  }

  finish(): BlockNode[] {
    this.flush();
    if (this.root) this.blocks.push(...this.importer.hoisted.splice(0));
    return this.blocks;
  }

  private append(node: BlockNode): void {
    this.blocks.push(node);
    // Embeds found inside a list or a quote cannot stay there; they follow the top-level block that held them.
    if (this.root) this.blocks.push(...this.importer.hoisted.splice(0));
  }
}

/** Class names of the platforms' own embed markup (see `Importer.socialPost`). */
const SOCIAL_EMBED_CLASSES = new Set([
  "twitter-tweet",
  "instagram-media",
  "tiktok-embed",
  "bluesky-embed",
  "fb-post",
  "telegram-post",
  "mastodon-embed",
]);

class Importer {
  hoisted: BlockNode[] = [];

  constructor(readonly now: Date = new Date()) {}

  private readonly warnings = new Set<string>();
  private moreWarnings = false;

  warn(message: string): void {
    if (this.warnings.has(message)) return;
    if (this.warnings.size < MAX_WARNINGS) this.warnings.add(message);
    else this.moreWarnings = true;
  }

  warningList(): string[] {
    const list = [...this.warnings];
    if (this.moreWarnings) list.push("More warnings were left out.");
    return list;
  }

  walkChildren(parent: { childNodes: Node[] }, flow: Flow, ctx: Ctx): void {
    const inner = { ...ctx, depth: ctx.depth + 1 };
    for (const child of parent.childNodes) this.walkNode(child, flow, inner);
  }

  walkNode(node: Node, flow: Flow, ctx: Ctx): void {
    if (node.nodeName === "#text" && "value" in node) {
      this.text(node.value, flow, ctx);
      return;
    }
    if (!isElement(node)) return; // comments, doctypes
    if (ctx.depth > MAX_DEPTH) {
      this.warn("Very deeply nested markup was simplified to plain text.");
      this.text(this.textOf(node), flow, ctx);
      return;
    }
    this.walkElement(node, flow, ctx);
  }

  private walkElement(el: Element, flow: Flow, ctx: Ctx): void {
    const tag = el.tagName;
    // Before dropping scripts: Telegram's widget is nothing but a script naming its post.
    const social = this.socialPost(el);
    if (social) {
      flow.flush();
      flow.block(social);
      return;
    }
    const dropped = DROPPED.get(tag);
    if (dropped !== undefined) {
      if (dropped !== null) this.warn(dropped);
      return;
    }
    // Only svg and math open foreign content, and both are dropped above; this guards the rest.
    if (el.namespaceURI !== html.NS.HTML) return;

    if (
      ctx.quote !== null &&
      ctx.quote.citation === null &&
      (tag === "cite" || tag === "footer" || tag === "figcaption")
    ) {
      const citation = this.citationOf(el);
      if (citation !== null) {
        ctx.quote.citation = citation;
        return;
      }
    }

    if (attr(el, "data-block") === "timeline" || attr(el, "data-gazette-timeline") !== null) {
      if (this.timeline(el, flow)) return;
    }
    if (attr(el, "data-block") === "factbox" || attr(el, "data-gazette-factbox") !== null) {
      if (this.factbox(el, flow, ctx)) return;
    }
    if (attr(el, "data-block") === "gallery" || attr(el, "data-gazette-gallery") !== null) {
      this.gallery(el, flow, ctx);
      return;
    }

    const level = HEADING_LEVEL[tag];
    if (level !== undefined) {
      this.textBlock(el, flow, { ...ctx, kind: level });
      return;
    }
    switch (tag) {
      case "p":
        this.textBlock(el, flow, { ...ctx, kind: "paragraph" });
        return;
      case "br":
        flow.addInline({ type: "hardBreak" }, ctx.kind);
        return;
      case "b":
      case "strong":
        this.walkChildren(el, flow, { ...ctx, bold: true });
        return;
      case "i":
      case "em":
        this.walkChildren(el, flow, { ...ctx, italic: true });
        return;
      case "a":
        this.link(el, flow, ctx);
        return;
      case "ul":
      case "menu":
        this.list(el, flow, ctx, false);
        return;
      case "ol":
        this.list(el, flow, ctx, true);
        return;
      case "blockquote":
        this.blockquote(el, flow, ctx, null);
        return;
      case "hr":
        flow.block({ type: "horizontalRule" });
        return;
      case "iframe":
        this.iframe(el, flow);
        return;
      case "audio": {
        // The clip must come into the media library (its type checked, its length read), so it can
        // be an Audio block; a transcript beside it (as Gazette pages put it) is kept as text.
        const src =
          attr(el, "src")?.trim() ||
          attr(el.childNodes.filter(isElement).find((c) => c.tagName === "source") ?? el, "src")?.trim();
        this.warn(
          src
            ? `An audio clip (${short(src)}) was removed: upload it and insert it as an Audio block.`
            : "An audio clip without a source was removed.",
        );
        return;
      }
      case "img": {
        const src = attr(el, "src")?.trim();
        this.warn(
          src
            ? `An image (${short(src)}) was removed: upload it to the media library and insert it again.`
            : "An image without a source was removed.",
        );
        return;
      }
      case "table":
        this.table(el, flow, ctx);
        return;
      case "figure":
        this.figure(el, flow, ctx);
        return;
    }
    if (BLOCK_CONTAINERS.has(tag)) {
      flow.flush();
      const pre = ctx.pre || tag === "pre" || tag === "listing" || tag === "xmp" || tag === "plaintext";
      this.walkChildren(el, flow, { ...ctx, pre });
      flow.flush();
      return;
    }
    // Any other element, known inline (span, font, u, sub…) or unknown: its content is kept, the tag is not.
    this.walkChildren(el, flow, ctx);
  }

  private text(value: string, flow: Flow, ctx: Ctx): void {
    if (!ctx.pre) {
      flow.addInline(textNode(value, marksOf(ctx)), ctx.kind);
      return;
    }
    // Preformatted text keeps its line breaks; spaces still collapse, as the body has no code block.
    value.split(/\r\n?|\n/).forEach((line, i) => {
      if (i > 0) flow.addInline({ type: "hardBreak" }, ctx.kind);
      if (line !== "") flow.addInline(textNode(line, marksOf(ctx)), ctx.kind);
    });
  }

  private textBlock(el: Element, flow: Flow, ctx: Ctx): void {
    flow.flush();
    this.walkChildren(el, flow, ctx);
    flow.flush();
  }

  private link(el: Element, flow: Flow, ctx: Ctx): void {
    const raw = attr(el, "href");
    if (raw === null) {
      this.walkChildren(el, flow, ctx);
      return;
    }
    const href = normalizeHref(raw);
    if (isSafeHref(href)) {
      if (/\.pdf(?:[?#]|$)/i.test(href)) {
        // Kept as a link (the reader still reaches the file), but a foreign PDF can change or vanish.
        this.warn(
          `A link to a PDF (${short(href)}) was kept: to serve the file from this site with a preview card, upload it and insert it as a PDF block.`,
        );
      }
      this.walkChildren(el, flow, { ...ctx, link: href });
      return;
    }
    if (href !== "") {
      this.warn(`A link to "${short(href)}" was removed (only web, email and site links are kept); its text was kept.`);
    }
    this.walkChildren(el, flow, { ...ctx, link: null });
  }

  private list(el: Element, flow: Flow, ctx: Ctx, ordered: boolean): void {
    flow.flush();
    if (ctx.lists >= BODY_MAX_LIST_NESTING) {
      // Deeper lists would make the body fail its depth limit: their items become paragraphs.
      this.warn(`Lists nested more than ${BODY_MAX_LIST_NESTING} levels deep were flattened into paragraphs.`);
      const items = new Flow(this, false);
      this.walkChildren(el, items, { ...ctx, kind: "paragraph", pre: false });
      for (const paragraph of this.toParagraphs(items.finish())) flow.block(paragraph);
      return;
    }
    const inner: Ctx = { ...ctx, kind: "paragraph", pre: false, depth: ctx.depth + 1, lists: ctx.lists + 1 };
    const items: ListItemNode[] = [];
    const addItem = (blocks: BlockNode[]): void => {
      const content = this.listItemContent(blocks);
      const first = content[0];
      if (first === undefined) return;
      const previous = items.at(-1);
      // "<ul><li>a</li><ul>…</ul></ul>" is how many editors nest; Tiptap wants an item to open with a paragraph.
      if (first.type !== "paragraph" && previous) previous.content.push(...content);
      else items.push({ type: "listItem", content });
    };
    let stray: Flow | null = null;
    for (const child of el.childNodes) {
      if (isElement(child) && child.tagName === "li") {
        if (stray) addItem(stray.finish());
        stray = null;
        const itemFlow = new Flow(this, false);
        this.walkChildren(child, itemFlow, inner);
        addItem(itemFlow.finish());
      } else {
        stray ??= new Flow(this, false);
        this.walkNode(child, stray, inner);
      }
    }
    if (stray) addItem(stray.finish());
    if (items.length === 0) return;
    if (!ordered) {
      flow.block({ type: "bulletList", content: items });
      return;
    }
    const start = parseStart(attr(el, "start"));
    flow.block(
      start === null
        ? { type: "orderedList", content: items }
        : { type: "orderedList", attrs: { start }, content: items },
    );
  }

  private listItemContent(blocks: BlockNode[]): ListItemNode["content"] {
    const content: ListItemNode["content"] = [];
    for (const block of blocks) {
      if (block.type === "paragraph" || block.type === "bulletList" || block.type === "orderedList")
        content.push(block);
      else content.push(...this.toParagraphs([block]));
    }
    return content;
  }

  private blockquote(el: Element, flow: Flow, ctx: Ctx, outerCitation: string | null): void {
    flow.flush();
    const quote: QuoteState = { citation: null };
    const inner = new Flow(this, false);
    this.walkChildren(el, inner, { ...ctx, kind: "paragraph", pre: false, quote });
    const content = this.toParagraphs(inner.finish());
    if (content.length === 0) return;
    const citation = quote.citation ?? outerCitation;
    const node: BlockquoteNode =
      citation === null ? { type: "blockquote", content } : { type: "blockquote", attrs: { citation }, content };
    flow.block(node);
  }

  /** Without the leading dash: the site prints "— " before the citation itself. */
  private citationOf(el: Element): string | null {
    const text = collapse(this.textOf(el)).replace(CITATION_DASHES, "");
    return text === "" ? null : cut(text, MAX_SHORT_ATTR);
  }

  /** Quotes and table cells hold only text: lists and headings become paragraphs, embeds move after them. */
  private toParagraphs(blocks: BlockNode[]): ParagraphNode[] {
    const paragraphs: ParagraphNode[] = [];
    const stack: (BlockNode | ListItemNode)[] = [...blocks].reverse();
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      switch (node.type) {
        case "paragraph":
          paragraphs.push(node);
          break;
        case "heading":
          paragraphs.push(node.content ? { type: "paragraph", content: node.content } : { type: "paragraph" });
          break;
        case "blockquote":
          if (node.attrs?.citation) stack.push({ type: "paragraph", content: [textNode(node.attrs.citation, [])] });
          stack.push(...[...node.content].reverse());
          break;
        case "bulletList":
        case "orderedList":
          stack.push(...[...node.content].reverse());
          break;
        case "listItem":
          stack.push(...[...node.content].reverse());
          break;
        case "embed":
        case "timeline":
        case "factbox":
        case "socialPost":
          this.hoisted.push(node);
          break;
        default:
          // A rule has no place in running text; images and takeaways are never produced here.
          break;
      }
    }
    return paragraphs;
  }

  private iframe(el: Element, flow: Flow): void {
    const src = attr(el, "src");
    const video = src === null ? null : videoFromUrl(src);
    if (src === null || src.trim() === "") {
      this.warn("An embedded frame without a source was removed.");
      return;
    }
    if (video === null) {
      this.warn(
        `An embedded frame from ${hostOf(src) ?? short(src)} was removed: only YouTube and Vimeo videos are kept.`,
      );
      return;
    }
    const title = cut(collapse(attr(el, "title") ?? ""), MAX_SHORT_ATTR) || "Video";
    const embed: EmbedNode = { type: "embed", attrs: { ...video, title } };
    flow.block(embed);
  }

  /**
   * A timeline as Gazette's pages write it (`data-block="timeline"`: a heading, then a list whose
   * items start with `<time datetime>`), copied from another Gazette site. False when there is no
   * list in it, so its content is read as ordinary markup instead.
   */
  private timeline(el: Element, flow: Flow): boolean {
    const children = el.childNodes.filter(isElement);
    const list = children.find((c) => c.tagName === "ol" || c.tagName === "ul");
    if (list === undefined) return false;
    const heading = children.find((c) => HEADING_LEVEL[c.tagName] !== undefined);
    const entries: TimelineEntry[] = [];
    for (const item of list.childNodes) {
      if (!isElement(item) || item.tagName !== "li") continue;
      const time = item.childNodes.filter(isElement).find((c) => c.tagName === "time");
      const datetime = time === undefined ? "" : (attr(time, "datetime") ?? "");
      const text = cut(
        collapse(
          item.childNodes
            .filter((c) => c !== time)
            .map((c) => (isElement(c) ? this.textOf(c) : "value" in c ? c.value : ""))
            .join(" "),
        ),
        TIMELINE_MAX_TEXT,
      );
      if (text !== "") entries.push({ date: isTimelineDate(datetime) ? datetime : "", text });
    }
    if (entries.length === 0) return false;
    if (entries.length > TIMELINE_MAX_ENTRIES) {
      this.warn(`A timeline of ${entries.length} entries was cut to its first ${TIMELINE_MAX_ENTRIES}.`);
    }
    const title = heading === undefined ? "" : cut(collapse(this.textOf(heading)), MAX_SHORT_ATTR);
    flow.flush();
    flow.block({
      type: "timeline",
      attrs: { title: title || "Timeline", entries: entries.slice(0, TIMELINE_MAX_ENTRIES) },
    });
    return true;
  }

  /**
   * A factbox as Gazette's pages write it (`data-block="factbox"`: a heading, then paragraphs and
   * bullet lists). Other blocks inside become paragraphs; false when nothing is left to show.
   */
  private factbox(el: Element, flow: Flow, ctx: Ctx): boolean {
    const heading = el.childNodes.filter(isElement).find((c) => HEADING_LEVEL[c.tagName] !== undefined);
    const inner = new Flow(this, false);
    const innerCtx: Ctx = { ...ctx, kind: "paragraph", pre: false, depth: ctx.depth + 1 };
    for (const child of el.childNodes) if (child !== heading) this.walkNode(child, inner, innerCtx);
    const content: FactboxNode["content"] = [];
    for (const block of inner.finish()) {
      if (block.type === "bulletList") content.push(block);
      else content.push(...this.toParagraphs([block]));
    }
    if (!content.some((block) => block.type === "bulletList" || (block.content?.length ?? 0) > 0)) return false;
    if (content.length > FACTBOX_MAX_BLOCKS) {
      this.warn(`A factbox of ${content.length} paragraphs was cut to its first ${FACTBOX_MAX_BLOCKS}.`);
    }
    const title = heading === undefined ? "" : cut(collapse(this.textOf(heading)), MAX_SHORT_ATTR);
    flow.flush();
    flow.block({
      type: "factbox",
      attrs: { title: title || "Background" },
      content: content.slice(0, FACTBOX_MAX_BLOCKS),
    });
    return true;
  }

  /**
   * A platform's embed markup (X's `blockquote.twitter-tweet`, Instagram's `instagram-media`,
   * TikTok's `tiktok-embed`, Bluesky's `bluesky-embed`, Facebook's `fb-post`, Telegram's widget
   * script or `telegram-post`, Mastodon's `mastodon-embed`) or a card copied from a Gazette page, as
   * a social-post card typed by hand: the quoted words and author are kept, the platform's script
   * is not, and the card says it is the post as quoted on the day of the import.
   */
  private socialPost(el: Element): SocialPostNode | null {
    const classes = (attr(el, "class") ?? "").split(/\s+/);
    const telegram = attr(el, "data-telegram-post");
    const own = attr(el, "data-block") === "socialPost";
    if (!own && telegram === null && !classes.some((c) => SOCIAL_EMBED_CLASSES.has(c))) return null;
    const links = this.descendants(el)
      .filter((child) => child.tagName === "a")
      .map((a) => attr(a, "href") ?? "");
    const candidates = [
      telegram === null ? null : `https://t.me/${telegram}`,
      attr(el, "cite"),
      attr(el, "data-instgrm-permalink"),
      attr(el, "data-href"),
      ...links.reverse(),
    ];
    const ref = candidates.map((c) => (c ? parseSocialUrl(c) : undefined)).find((found) => found !== undefined);
    if (!ref) return null;
    const inner = this.descendants(el);
    const paragraphs = inner.filter((child) => child.tagName === "p" && attr(child, "class") !== "social-post__meta");
    const text = paragraphs.map((p) => collapse(this.textOf(p))).filter(Boolean);
    const ownAuthor = inner.find((child) => attr(child, "class") === "social-post__author");
    let author = ownAuthor ? collapse(this.textOf(ownAuthor)) : "";
    if (!own && classes.includes("twitter-tweet")) {
      // X writes "— Name (@handle) <a>date</a>" after the tweet's paragraph.
      const byline = el.childNodes
        .map((child) => (isElement(child) ? "" : "value" in child ? child.value : ""))
        .join("");
      author = collapse(byline).replace(/^[—–-]\s*/, "");
    }
    const time = inner.find((child) => child.tagName === "time");
    const datetime = own && time ? (attr(time, "datetime") ?? "") : "";
    this.warn("Social-post embeds became cards typed by hand: check their text and author.");
    return {
      type: "socialPost",
      attrs: {
        platform: ref.platform,
        url: ref.url,
        author: cut(author, SOCIAL_AUTHOR_MAX),
        text: cut(text.join("\n\n"), SOCIAL_TEXT_MAX),
        postedAt: isTimelineDate(datetime) ? datetime : "",
        mediaId: null,
        quotedOn: quotedOnDate(this.now),
        source: "manual",
      },
    };
  }

  /**
   * Elements under `root` in document order, read with a loop and at most a few thousand: an
   * embed is small, and hostile markup nesting embeds 100 000 deep must not cost n² steps.
   */
  private descendants(root: Element): Element[] {
    const found: Element[] = [];
    const stack: Node[] = [...root.childNodes].reverse();
    for (let node = stack.pop(); node !== undefined && found.length < 2000; node = stack.pop()) {
      if (!isElement(node)) continue;
      found.push(node);
      for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
    }
    return found;
  }

  /**
   * A gallery copied from a Gazette page: its photos are files elsewhere, so like any image they
   * must be uploaded again; one warning says so, and each caption is kept as a paragraph.
   */
  private gallery(el: Element, flow: Flow, ctx: Ctx): void {
    const captions: Element[] = [];
    let photos = 0;
    const stack: Node[] = [...el.childNodes].reverse();
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      if (!isElement(node)) continue;
      if (node.tagName === "img") photos++;
      if (node.tagName === "figcaption") captions.push(node);
      else stack.push(...[...node.childNodes].reverse());
    }
    this.warn(
      `A gallery of ${photos} photos was removed: upload the photos to the media library and insert a gallery again (its captions were kept as text).`,
    );
    flow.flush();
    const inner: Ctx = { ...ctx, kind: "paragraph", pre: false, depth: ctx.depth + 1 };
    for (const caption of captions) {
      const captionFlow = new Flow(this, false);
      this.walkChildren(caption, captionFlow, inner);
      for (const paragraph of this.toParagraphs(captionFlow.finish())) flow.block(paragraph);
    }
  }

  private figure(el: Element, flow: Flow, ctx: Ctx): void {
    flow.flush();
    const children = el.childNodes.filter(isElement);
    const caption = children.find((c) => c.tagName === "figcaption");
    const quote = children.find((c) => c.tagName === "blockquote");
    // A caption describes what the figure shows: it is the quote's source, or it goes with a removed video.
    const captionAsCitation = caption !== undefined && quote !== undefined;
    const skipCaption = captionAsCitation || (caption !== undefined && this.hasDroppedEmbed(el));
    const inner: Ctx = { ...ctx, depth: ctx.depth + 1 };
    for (const child of el.childNodes) {
      if (child === caption && skipCaption) continue;
      if (child === quote && captionAsCitation) this.blockquote(quote, flow, inner, this.citationOf(caption));
      else this.walkNode(child, flow, inner);
    }
    flow.flush();
  }

  private hasDroppedEmbed(figure: Element): boolean {
    const stack: Node[] = [...figure.childNodes];
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      if (!isElement(node)) continue;
      const tag = node.tagName;
      if (tag === "iframe" && videoFromUrl(attr(node, "src") ?? "") === null) return true;
      if (tag === "object" || tag === "embed" || tag === "applet" || tag === "video" || tag === "audio") return true;
      // Nested figures judge their own captions; not descending keeps the scan linear.
      if (tag !== "figure" && tag !== "figcaption") stack.push(...node.childNodes);
    }
    return false;
  }

  private table(el: Element, flow: Flow, ctx: Ctx): void {
    flow.flush();
    this.warn("A table was flattened: each row became a paragraph.");
    const outerHoisted = this.hoisted;
    this.hoisted = [];
    const inner: Ctx = { ...ctx, kind: "paragraph", pre: false, depth: ctx.depth + 1 };
    const paragraphs: ParagraphNode[] = [];
    const addRow = (row: Element): void => {
      const paragraph = this.row(row, inner);
      if (paragraph) paragraphs.push(paragraph);
    };
    for (const part of el.childNodes) {
      if (!isElement(part)) continue;
      if (part.tagName === "caption") {
        const captionFlow = new Flow(this, false);
        this.walkChildren(part, captionFlow, inner);
        paragraphs.push(...this.toParagraphs(captionFlow.finish()));
      } else if (part.tagName === "tr") {
        addRow(part);
      } else if (part.tagName === "thead" || part.tagName === "tbody" || part.tagName === "tfoot") {
        for (const row of part.childNodes) if (isElement(row) && row.tagName === "tr") addRow(row);
      }
    }
    const embeds = this.hoisted;
    this.hoisted = outerHoisted;
    for (const paragraph of paragraphs) flow.block(paragraph);
    for (const embed of embeds) flow.block(embed);
  }

  private row(row: Element, ctx: Ctx): ParagraphNode | null {
    const joined: InlineNode[] = [];
    for (const cell of row.childNodes) {
      if (!isElement(cell) || (cell.tagName !== "td" && cell.tagName !== "th")) continue;
      const cellFlow = new Flow(this, false);
      this.walkChildren(cell, cellFlow, ctx);
      const paragraphs = this.toParagraphs(cellFlow.finish());
      if (paragraphs.length === 0) continue;
      if (joined.length > 0) joined.push(textNode(" — ", []));
      paragraphs.forEach((paragraph, i) => {
        if (i > 0) joined.push(textNode(" ", []));
        joined.push(...(paragraph.content ?? []));
      });
    }
    const content = this.finishInline(joined);
    return content.length > 0 ? { type: "paragraph", content } : null;
  }

  /** Plain text of a subtree, read with a loop so that depth cannot overflow the stack. */
  private textOf(root: Element): string {
    const parts: string[] = [];
    const stack: (Node | string)[] = [root];
    for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
      if (typeof item === "string") {
        parts.push(item);
        continue;
      }
      if ("value" in item && item.nodeName === "#text") {
        parts.push(item.value);
        continue;
      }
      if (!isElement(item)) continue;
      const tag = item.tagName;
      if (DROPPED.has(tag) || tag === "iframe" || item.namespaceURI !== html.NS.HTML) continue;
      const separated = TEXT_BREAKS.has(tag);
      if (separated) {
        parts.push(" ");
        stack.push(" ");
      }
      for (let i = item.childNodes.length - 1; i >= 0; i--) stack.push(item.childNodes[i]!);
    }
    return parts.join("");
  }

  /** Collapses whitespace as a browser lays out a line, merges same-mark runs and drops what is empty. */
  finishInline(items: InlineNode[]): InlineNode[] {
    const out: InlineNode[] = [];
    const trimEnd = (): void => {
      for (let last = out.at(-1); last?.type === "text" && last.text.endsWith(" "); last = out.at(-1)) {
        last.text = last.text.slice(0, -1);
        if (last.text !== "") return;
        out.pop();
      }
    };
    let afterSpace = true;
    for (const item of items) {
      if (item.type === "hardBreak") {
        trimEnd();
        out.push({ type: "hardBreak" });
        afterSpace = true;
        continue;
      }
      let text = item.text.replace(WHITESPACE_RUN, " ");
      if (afterSpace && text.startsWith(" ")) text = text.slice(1);
      if (text === "") continue;
      afterSpace = text.endsWith(" ");
      const last = out.at(-1);
      if (last?.type === "text" && markKey(last.marks) === markKey(item.marks)) last.text += text;
      else out.push(textNode(text, item.marks ?? []));
    }
    trimEnd();
    let start = 0;
    let end = out.length;
    while (start < end && out[start]?.type === "hardBreak") start++;
    while (end > start && out[end - 1]?.type === "hardBreak") end--;
    const content = out.slice(start, end);
    // "<p>&nbsp;</p>" spacers from word processors are empty paragraphs to an editor.
    if (content.every((node) => node.type === "hardBreak" || node.text.trim() === "")) return [];
    for (const node of content) {
      if (node.type === "text" && node.text.length > MAX_TEXT) {
        node.text = cut(node.text, MAX_TEXT);
        this.warn(`A passage longer than ${MAX_TEXT} characters was cut.`);
      }
    }
    return content;
  }
}

/**
 * Converts pasted or wire-fed HTML into the article body document. Only what the body can express
 * is kept; scripts, handlers and styling never survive, and the result always passes parseBody.
 */
export function importHtml(source: string, now: Date = new Date()): HtmlImportResult {
  if (source.length > MAX_INPUT_BYTES || Buffer.byteLength(source, "utf8") > MAX_INPUT_BYTES) {
    throw new AppError("validation_failed", "The HTML is larger than 2 MB; split it into several articles.");
  }
  const importer = new Importer(now);
  const root = new Flow(importer, true);
  importer.walkChildren(parseFragment(source), root, ROOT_CTX);
  const body = parseBody({ type: "doc", content: root.finish() });
  return { body, warnings: importer.warningList() };
}
