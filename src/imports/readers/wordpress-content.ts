import { parseVideoUrl } from "../../newsroom/video-url.shared.js";
import type { ImportImage } from "../import-item.types.js";
import { collectBodyImages } from "./html-images.js";
import { escapeHtml } from "./html-text.js";

/** What the body needs to know about a WordPress attachment (from the export's attachment items). */
export interface WordPressAttachment {
  id: string;
  url: string;
  localPath?: string;
  caption?: string;
  alt?: string;
  credit?: string;
}

export interface WordPressContentContext {
  /** The old site's address, to make root-relative image addresses absolute. */
  siteUrl?: string;
  attachment(id: string): WordPressAttachment | undefined;
  /** The attachments uploaded to this post, in menu order: what `[gallery]` without ids shows. */
  childAttachments(): WordPressAttachment[];
}

export interface WordPressContent {
  html: string;
  images: ImportImage[];
  warnings: string[];
}

/** Shortcodes WordPress itself registers; other names are plugins' and theirs is dropped. */
const CORE_SHORTCODES = new Set(["caption", "wp_caption", "gallery", "embed", "video", "audio", "playlist"]);
const BLOCK_COMMENT = /<!--\s*(\/)?wp:([a-z0-9/_-]+)(?:\s+\{[\s\S]*?\})?\s*(\/)?-->/g;
/**
 * An opening tag, `[name attrs]` or `[name attrs /]`, with WordPress's `[[name]]` escape. Attribute
 * values cannot hold square brackets (nor can they in WordPress), which keeps each match short.
 */
const SHORTCODE_OPEN = String.raw`\[(\[?)([A-Za-z][\w-]*)(?![\w-])((?:[^[\]"']|"[^"[\]]*"|'[^'[\]]*')*?)(\/)?\](\]?)`;
type ShortcodeMatch = [string, string, string, string, string | undefined, string];
const SHORTCODE_CLOSE = /\[\/([A-Za-z][\w-]*)\]/g;
const SHORTCODE_ATTR =
  /([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)/g;
const OWN_LINE_URL = /^[ \t]*(?:<p>)?[ \t]*(https?:\/\/[^\s<>"'[\]]+)[ \t]*(?:<\/p>)?[ \t]*$/gm;
const ALL_BLOCKS =
  "(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary|iframe)";
const UPLOADS_PATH = /\/wp-content\/uploads\/(.+)$/;

function parseAttrs(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  let position = 0;
  for (const m of text.replace(/[\u00a0\u200b]/g, " ").matchAll(SHORTCODE_ATTR)) {
    if (m[1] !== undefined) attrs[m[1].toLowerCase()] = m[2]!;
    else if (m[3] !== undefined) attrs[m[3].toLowerCase()] = m[4]!;
    else if (m[5] !== undefined) attrs[m[5].toLowerCase()] = m[6]!;
    else attrs[String(position++)] = m[7] ?? m[8] ?? m[9] ?? "";
  }
  return attrs;
}

/** The iframe the editor's HTML import turns into a video embed, or a plain link for anything else. */
function embedHtml(url: string, warn: (message: string) => void): string {
  const video = parseVideoUrl(url);
  if (video !== undefined) {
    const src =
      video.provider === "youtube"
        ? `https://www.youtube.com/embed/${video.videoId}`
        : `https://player.vimeo.com/video/${video.videoId}`;
    return `\n<iframe src="${src}" title="Video"></iframe>\n`;
  }
  let host = url;
  try {
    host = new URL(url).hostname;
  } catch {
    // The whole address stands in for a host that does not parse.
  }
  warn(`An embed from ${host} was kept as a link: only YouTube and Vimeo videos are embedded.`);
  const safe = escapeHtml(url);
  return `\n<p><a href="${safe}">${safe}</a></p>\n`;
}

function figureHtml(img: string, caption: string): string {
  return caption.trim() === ""
    ? `\n<figure>${img}</figure>\n`
    : `\n<figure>${img}<figcaption>${caption.trim()}</figcaption></figure>\n`;
}

function attachmentImg(attachment: WordPressAttachment): string {
  return `<img src="${escapeHtml(attachment.url)}" alt="${escapeHtml(attachment.alt ?? "")}" class="wp-image-${escapeHtml(attachment.id)}">`;
}

class ContentCleaner {
  readonly warnings = new Set<string>();

  constructor(private readonly context: WordPressContentContext) {}

  warn = (message: string): void => {
    this.warnings.add(message);
  };

  /** Renders or drops the shortcodes in `text`; one scan, so long posts full of brackets stay fast. */
  shortcodes(text: string): string {
    const closers = new Set([...text.matchAll(SHORTCODE_CLOSE)].map((m) => m[1]!));
    const open = new RegExp(SHORTCODE_OPEN, "g");
    let out = "";
    let last = 0;
    for (let m = open.exec(text); m !== null; m = open.exec(text)) {
      const [match, escapeStart, name, rawAttrs, self, escapeEnd] = m as unknown as ShortcodeMatch;
      if (escapeStart === "[" && escapeEnd === "]") {
        out += text.slice(last, m.index) + match.slice(1, -1);
        last = m.index + match.length;
        continue;
      }
      // A lone bracket before or after the tag is text.
      const start = m.index + escapeStart.length;
      let end = m.index + match.length - escapeEnd.length;
      let content: string | undefined;
      if (self === undefined && closers.has(name)) {
        const closeTag = `[/${name}]`;
        const closeAt = text.indexOf(closeTag, end);
        if (closeAt !== -1) {
          content = text.slice(end, closeAt);
          end = closeAt + closeTag.length;
        }
      }
      const lower = name.toLowerCase();
      const looksLikeShortcode =
        CORE_SHORTCODES.has(lower) || content !== undefined || rawAttrs.includes("=") || /[_-]/.test(name);
      let replacement: string;
      if (!looksLikeShortcode || name !== lower) {
        // "[sic]", "[Updated]": square brackets in the prose, not a shortcode.
        replacement =
          content === undefined ? text.slice(start, end) : `[${name}${rawAttrs}]${this.shortcodes(content)}[/${name}]`;
      } else {
        replacement = this.shortcode(lower, parseAttrs(rawAttrs), content ?? "");
      }
      out += text.slice(last, start) + replacement;
      last = end;
      open.lastIndex = end;
    }
    return out + text.slice(last);
  }

  private shortcode(name: string, attrs: Record<string, string>, content: string): string {
    switch (name) {
      case "caption":
      case "wp_caption":
        return this.caption(attrs, content);
      case "gallery":
        return this.gallery(attrs);
      case "embed":
        return embedHtml((content || attrs.src || attrs["0"] || "").trim(), this.warn);
      case "video": {
        const src = attrs.src ?? attrs.mp4 ?? attrs.webm ?? attrs.ogv ?? content.trim();
        if (parseVideoUrl(src) !== undefined) return embedHtml(src, this.warn);
        this.warn("A video file was left out: upload it, or embed it from YouTube or Vimeo.");
        return "";
      }
      case "audio":
      case "playlist":
        this.warn(`An audio file or playlist ([${name}]) was left out.`);
        return "";
      default:
        this.warn(
          content.trim() === ""
            ? `The shortcode [${name}] was removed.`
            : `The shortcode [${name}] was removed; the text inside it was kept.`,
        );
        return this.shortcodes(content);
    }
  }

  private caption(attrs: Record<string, string>, content: string): string {
    const inner = this.shortcodes(content);
    const img = /<img\b[^>]*>/i.exec(inner)?.[0];
    if (img === undefined) {
      this.warn("A captioned image without its image was left out; its caption was kept.");
      return `\n<p>${attrs.caption ?? inner}</p>\n`;
    }
    // The image is usually wrapped in a link to its own full-size file: the figure replaces it.
    const rest = inner.replace(/<a\b[^>]*>\s*<img\b[^>]*>\s*<\/a>|<img\b[^>]*>/i, "");
    return figureHtml(img, attrs.caption ?? rest);
  }

  private gallery(attrs: Record<string, string>): string {
    const ids = (attrs.ids ?? attrs.include ?? "")
      .split(",")
      .map((id) => id.trim())
      .filter((id) => /^\d+$/.test(id));
    const images =
      ids.length > 0
        ? ids.map((id) => this.context.attachment(id)).filter((a): a is WordPressAttachment => a !== undefined)
        : this.context.childAttachments();
    if (images.length < ids.length) this.warn("Some gallery images are not in the export and were left out.");
    if (images.length === 0) {
      this.warn("A gallery whose images are not in the export was left out.");
      return "";
    }
    return images.map((a) => figureHtml(attachmentImg(a), a.caption ? escapeHtml(a.caption) : "")).join("");
  }

  ownLineUrls(text: string): string {
    return text.replace(OWN_LINE_URL, (_m, url: string) => embedHtml(url, this.warn));
  }
}

/**
 * A simplified port of WordPress's wpautop(): classic-editor content is stored without
 * paragraphs, which WordPress adds on display (blank line → paragraph, single newline → <br>).
 */
export function autop(text: string): string {
  if (text.trim() === "") return "";
  // Preformatted text keeps its line breaks; figures and frames made from shortcodes are already whole.
  const kept: string[] = [];
  let pee = text.replace(/<pre\b[\s\S]*?<\/pre>|<figure\b[\s\S]*?<\/figure>|<iframe\b[\s\S]*?<\/iframe>/gi, (block) => {
    kept.push(block);
    return `\n\n<pre wp-kept-${kept.length - 1}></pre>\n\n`;
  });
  pee = pee.replace(/\r\n?/g, "\n");
  // A newline inside a tag (between attributes) is not a line of text.
  pee = pee.replace(/<[^<>]+>/g, (tag) => tag.replace(/\s*\n\s*/g, " "));
  pee = pee.replace(/<br\s*\/?>\s*<br\s*\/?>/gi, "\n\n");
  pee = pee.replace(new RegExp(`(<${ALL_BLOCKS}[\\s/>])`, "gi"), "\n\n$1");
  pee = pee.replace(new RegExp(`(</${ALL_BLOCKS}>)`, "gi"), "$1\n\n");
  pee = pee.replace(/\n\n+/g, "\n\n");
  let out = "";
  for (const chunk of pee.split(/\n\s*\n/)) if (chunk.trim() !== "") out += `<p>${chunk.trim()}</p>\n`;
  out = out.replace(/<p>\s*<\/p>/g, "");
  out = out.replace(new RegExp(`<p>\\s*(</?${ALL_BLOCKS}[^>]*>)`, "gi"), "$1");
  out = out.replace(new RegExp(`(</?${ALL_BLOCKS}[^>]*>)\\s*</p>`, "gi"), "$1");
  out = out.replace(/<p>(<li\b[\s\S]+?)<\/p>/gi, "$1");
  out = out.replace(/(?<!<br \/>)\s*\n(?!$)/g, "<br />\n");
  out = out.replace(new RegExp(`(</?${ALL_BLOCKS}[^>]*>)\\s*<br />`, "gi"), "$1");
  out = out.replace(/<br \/>(\s*<\/?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol|figure|figcaption|blockquote)[^>]*>)/gi, "$1");
  out = out.replace(/<pre wp-kept-(\d+)><\/pre>/g, (_m, i: string) => kept[Number(i)] ?? "");
  return out;
}

export function uploadsPath(url: string): string | undefined {
  try {
    const match = UPLOADS_PATH.exec(new URL(url).pathname);
    return match ? decodeURIComponent(match[1]!) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Turns a WordPress post's stored content into clean HTML for the editor's HTML import: block
 * comments removed, shortcodes rendered or dropped (with a warning), classic content given its
 * paragraphs, bare video links turned into embeds, image addresses made absolute.
 */
export function cleanWordPressContent(raw: string, context: WordPressContentContext): WordPressContent {
  const cleaner = new ContentCleaner(context);
  let text = raw.replace(/\r\n?/g, "\n");
  const isBlocks = /<!--\s*wp:/.test(text);
  text = text.replace(BLOCK_COMMENT, (_m, _closing, name: string, selfClosing: string | undefined) => {
    // A self-closing block is rendered by PHP on each page view: there is nothing stored to import.
    if (selfClosing && name !== "more" && name !== "nextpage") {
      cleaner.warn(`A WordPress dynamic block (${name}) was left out: it has no content of its own.`);
    }
    return "\n";
  });
  text = text.replace(/<!--(?:more|nextpage|noteaser)[^>]*-->/g, "\n");
  text = cleaner.ownLineUrls(text);
  text = cleaner.shortcodes(text);
  if (!isBlocks) text = autop(text);
  const { html, images } = collectBodyImages(text, context.siteUrl, {
    localPath: uploadsPath,
    describe: ({ className }) => {
      const id = /\bwp-image-(\d+)\b/.exec(className)?.[1];
      return id === undefined ? undefined : context.attachment(id);
    },
  });
  return { html: html.replace(/\n{3,}/g, "\n\n").trim(), images, warnings: [...cleaner.warnings] };
}
