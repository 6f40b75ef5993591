import type { BlockNode, BodyDocument, InlineNode, ListItemNode, Mark } from "../newsroom/body.types.js";
import { BODY_MAX_LIST_NESTING } from "../newsroom/body-limits.js";
import {
  fileUrlOf,
  formatBytes,
  formatDuration,
  mediaKindOf,
  transcriptParagraphs,
} from "../newsroom/media-files.shared.js";
import { isSafeHref } from "../newsroom/safe-url.shared.js";
import { SOCIAL_PLATFORM_NAMES } from "../newsroom/social-url.shared.js";
import { timelineDateLabel } from "../newsroom/timeline.shared.js";
import type { MediaRow } from "../platform/db/schema.js";
import { translate } from "../platform/i18n/messages.js";
import { escapeHtml } from "./xml.js";

export interface BodyHtmlOptions {
  /** The article's absolute URL: relative links and anchors are resolved against it. */
  articleUrl: string;
  /** Absolute URL of an image of the body at a width feed readers can show. */
  imageUrl: (image: MediaRow) => { url: string; width: number; height: number };
  /** The edition's language, for the dates of timelines; ISO dates without it. */
  language?: string;
  /** Headlines and absolute URLs of the published stories related-stories blocks name; the rest are left out. */
  related?: ReadonlyMap<number, { title: string; url: string }>;
}

const WATCH_URL = {
  youtube: (id: string) => `https://www.youtube.com/watch?v=${encodeURIComponent(id)}`,
  vimeo: (id: string) => `https://vimeo.com/${encodeURIComponent(id)}`,
} as const;

/**
 * The feed renderer of an article body: an HTML string for `content:encoded`, Atom `content` and
 * JSON Feed `content_html`. Like the web renderer it knows every node type and passes nothing
 * through as HTML: all text is escaped and every link is checked and made absolute (a feed
 * reader shows the HTML away from the site, where relative URLs break). Embeds become links,
 * since readers drop iframes and a player would track the reader.
 */
export function renderBodyHtml(
  body: BodyDocument,
  media: ReadonlyMap<number, MediaRow>,
  options: BodyHtmlOptions,
): string {
  return body.content.map((node) => block(node, media, options)).join("");
}

function absolute(href: string, base: string): string | undefined {
  if (!isSafeHref(href)) return undefined;
  try {
    return new URL(href, base).href;
  } catch {
    return undefined;
  }
}

function applyMark(mark: Mark, html: string, options: BodyHtmlOptions): string {
  switch (mark.type) {
    case "bold":
      return `<strong>${html}</strong>`;
    case "italic":
      return `<em>${html}</em>`;
    case "note":
      // Editorial notes stay in the newsroom: feed readers get the text alone.
      return html;
    case "link": {
      const href = absolute(mark.attrs.href, options.articleUrl);
      return href ? `<a href="${escapeHtml(href)}">${html}</a>` : html;
    }
  }
}

function inline(content: InlineNode[] | undefined, options: BodyHtmlOptions): string {
  if (!content) return "";
  return content
    .map((node) => {
      if (node.type === "hardBreak") return "<br>";
      // Links outermost, as the web renderer does.
      const marks = [...(node.marks ?? [])].sort((a, b) => (a.type === "link" ? -1 : b.type === "link" ? 1 : 0));
      return marks.reduceRight((html, mark) => applyMark(mark, html, options), escapeHtml(node.text));
    })
    .join("");
}

/** `level` counts the lists around the items; past the limit (older rows) nested lists are left out. */
function listItems(
  items: ListItemNode[],
  media: ReadonlyMap<number, MediaRow>,
  options: BodyHtmlOptions,
  level: number,
): string {
  return items
    .map(
      (item) =>
        `<li>${item.content
          .map((child) =>
            child.type === "paragraph"
              ? inline(child.content, options)
              : level < BODY_MAX_LIST_NESTING
                ? block(child, media, options, level)
                : "",
          )
          .join("")}</li>`,
    )
    .join("");
}

/** A clip or PDF id put where a photo belongs (by hand, through the API) renders nothing. */
function isPhoto(row: MediaRow | undefined): row is MediaRow {
  return row !== undefined && mediaKindOf(row.mime) === "image";
}

function photoHtml(
  row: MediaRow,
  attrs: { caption?: string | null; credit?: string | null; alt?: string | null },
  options: BodyHtmlOptions,
): string {
  const { url, width, height } = options.imageUrl(row);
  const alt = attrs.alt ?? row.alt;
  const caption = attrs.caption ?? row.caption;
  const credit = attrs.credit ?? row.credit;
  const figcaption =
    caption || credit
      ? `<figcaption>${escapeHtml(caption ?? "")}${credit ? `${caption ? " " : ""}<small>${escapeHtml(credit)}</small>` : ""}</figcaption>`
      : "";
  return `<figure><img src="${escapeHtml(url)}" width="${width}" height="${height}" alt="${escapeHtml(alt)}">${figcaption}</figure>`;
}

function block(node: BlockNode, media: ReadonlyMap<number, MediaRow>, options: BodyHtmlOptions, level = 0): string {
  switch (node.type) {
    case "paragraph":
      return node.content && node.content.length > 0 ? `<p>${inline(node.content, options)}</p>` : "";
    case "heading":
      return `<h${node.attrs.level}>${inline(node.content, options)}</h${node.attrs.level}>`;
    case "blockquote": {
      const quote = node.content.map((p) => `<p>${inline(p.content, options)}</p>`).join("");
      const citation = node.attrs?.citation ? `<figcaption>— ${escapeHtml(node.attrs.citation)}</figcaption>` : "";
      return `<figure><blockquote>${quote}</blockquote>${citation}</figure>`;
    }
    case "bulletList":
      return `<ul>${listItems(node.content, media, options, level + 1)}</ul>`;
    case "orderedList": {
      const start = node.attrs?.start && node.attrs.start !== 1 ? ` start="${node.attrs.start}"` : "";
      return `<ol${start}>${listItems(node.content, media, options, level + 1)}</ol>`;
    }
    case "horizontalRule":
      return "<hr>";
    case "image": {
      const row = media.get(node.attrs.mediaId);
      return isPhoto(row) ? photoHtml(row, node.attrs, options) : "";
    }
    case "gallery":
      // Feed readers drop scripts and most styles: the photos in order, each with its caption.
      return node.attrs.photos
        .map((photo) => {
          const row = media.get(photo.mediaId);
          return isPhoto(row) ? photoHtml(row, photo, options) : "";
        })
        .join("");
    case "embed":
      if (node.attrs.provider === "map") return `<p>${escapeHtml(node.attrs.title)}</p>`;
      return `<p><a href="${escapeHtml(WATCH_URL[node.attrs.provider](node.attrs.videoId))}">${escapeHtml(node.attrs.title)}</a></p>`;
    case "socialPost": {
      // A quote with a link: feed readers and mail clients run no facade, and load nothing from the platform.
      const { platform, url, author, text, postedAt, quotedOn, source } = node.attrs;
      const language = options.language ?? "en";
      const date = (value: string) =>
        `<time datetime="${escapeHtml(value)}">${escapeHtml(timelineDateLabel(value, language))}</time>`;
      const paragraphs = text
        .split(/\n{2,}/)
        .filter((part) => part.trim() !== "")
        .map((part) => `<p>${escapeHtml(part)}</p>`)
        .join("");
      const who = [author ? escapeHtml(author) : "", SOCIAL_PLATFORM_NAMES[platform], postedAt ? date(postedAt) : ""]
        .filter(Boolean)
        .join(", ");
      const quoted =
        source === "manual"
          ? ` ${escapeHtml(translate(language, "social.quotedOn", { date: "{date}" })).replace("{date}", date(quotedOn))}.`
          : "";
      return `<figure><blockquote cite="${escapeHtml(url)}">${paragraphs}</blockquote><figcaption>— ${who}.${quoted} <a href="${escapeHtml(url)}">${escapeHtml(url)}</a></figcaption></figure>`;
    }
    case "takeaways":
      return `<h3>${escapeHtml(node.attrs.title)}</h3><ul>${node.attrs.items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`;
    case "related": {
      const links = node.attrs.articleIds.flatMap((id) => {
        const story = options.related?.get(id);
        return story ? [`<li><a href="${escapeHtml(story.url)}">${escapeHtml(story.title)}</a></li>`] : [];
      });
      return links.length > 0 ? `<h3>${escapeHtml(node.attrs.title)}</h3><ul>${links.join("")}</ul>` : "";
    }
    case "audio":
    case "document": {
      // Feed readers rarely play or preview files: a link to our copy, labelled with what it is.
      const row = media.get(node.attrs.mediaId);
      if (!row || mediaKindOf(row.mime) !== node.type) return "";
      const href = escapeHtml(new URL(fileUrlOf(row), options.articleUrl).href);
      const facts =
        node.type === "audio"
          ? [row.duration_ms ? formatDuration(row.duration_ms) : null]
          : ["PDF", row.page_count ? `${row.page_count} pp.` : null, row.byte_size ? formatBytes(row.byte_size) : null];
      const label = facts.filter((fact) => fact !== null).join(", ");
      const link = `<p><a href="${href}" type="${escapeHtml(row.mime)}">${escapeHtml(node.attrs.title)}</a>${label ? ` (${escapeHtml(label)})` : ""}</p>`;
      if (node.type === "document") return link;
      const transcript = transcriptParagraphs(node.attrs.transcript).map((p) => `<p>${escapeHtml(p)}</p>`);
      return link + (transcript.length > 0 ? `<blockquote>${transcript.join("")}</blockquote>` : "");
    }
    case "factbox":
      return `<aside><h3>${escapeHtml(node.attrs.title)}</h3>${node.content.map((child) => block(child, media, options, level)).join("")}</aside>`;
    case "timeline": {
      const entries = node.attrs.entries.map((entry) => {
        if (!entry.date) return `<li>${escapeHtml(entry.text)}</li>`;
        const label = options.language ? timelineDateLabel(entry.date, options.language) : entry.date.replace("T", " ");
        return `<li><time datetime="${escapeHtml(entry.date)}">${escapeHtml(label)}</time>: ${escapeHtml(entry.text)}</li>`;
      });
      return `<h3>${escapeHtml(node.attrs.title)}</h3><ol>${entries.join("")}</ol>`;
    }
  }
}
