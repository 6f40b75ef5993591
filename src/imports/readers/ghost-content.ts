import { parseVideoUrl } from "../../newsroom/video-url.shared.js";
import { escapeHtml } from "./html-text.js";

/**
 * Renders the body of a Ghost post saved without `html` (drafts from Ghost 5 often are) from its
 * Lexical or Mobiledoc source. It covers the cards newsrooms use (text, headings, lists, quotes,
 * images, galleries, embeds, bookmarks, HTML and Markdown cards); the rest is reported.
 */
export interface GhostRendered {
  html: string;
  warnings: string[];
}

type Json = Record<string, unknown>;

const HEADING_TAGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
/** Lexical's text format bits, outermost first. */
const FORMATS: [number, string][] = [
  [1, "strong"],
  [2, "em"],
  [4, "s"],
  [8, "u"],
  [16, "code"],
  [32, "sub"],
  [64, "sup"],
];
/** Cards that only make sense on Ghost (forms, buttons, email-only parts): left out with a note. */
const GHOST_ONLY = new Set([
  "signup",
  "button",
  "call-to-action",
  "email",
  "email-cta",
  "product",
  "header",
  "paywall",
  "transistor",
]);

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function figure(src: string, alt: string, captionHtml: string): string {
  if (src === "") return "";
  const caption = captionHtml.trim() === "" ? "" : `<figcaption>${captionHtml}</figcaption>`;
  return `<figure><img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}">${caption}</figure>`;
}

/** Just enough Markdown for a card: paragraphs, headings, emphasis and links. */
function markdownToHtml(markdown: string): string {
  const inline = (text: string): string =>
    escapeHtml(text)
      .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
      .replace(/\*(.+?)\*/g, "<em>$1</em>")
      .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
  return markdown
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== "")
    .map((block) => {
      const heading = /^(#{1,6})\s+(.*)$/.exec(block);
      if (heading) return `<h${heading[1]!.length}>${inline(heading[2]!)}</h${heading[1]!.length}>`;
      return `<p>${inline(block).replace(/\n/g, "<br>")}</p>`;
    })
    .join("");
}

class Renderer {
  readonly warnings = new Set<string>();

  /** Cards shared by both formats (a Lexical node's type is a Mobiledoc card's name). */
  card(name: string, payload: Json): string | null {
    switch (name) {
      case "image":
        return figure(str(payload.src), str(payload.alt), str(payload.caption));
      case "gallery": {
        const images = Array.isArray(payload.images) ? payload.images.filter(isObject) : [];
        return images.map((image) => figure(str(image.src), str(image.alt), str(image.caption))).join("");
      }
      case "embed": {
        const url = str(payload.url);
        if (parseVideoUrl(url) !== undefined) {
          const video = parseVideoUrl(url)!;
          const src =
            video.provider === "youtube"
              ? `https://www.youtube.com/embed/${video.videoId}`
              : `https://player.vimeo.com/video/${video.videoId}`;
          return `<iframe src="${src}" title="Video"></iframe>`;
        }
        if (url === "") return "";
        this.warnings.add("An embed that is not a YouTube or Vimeo video was kept as a link.");
        return `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`;
      }
      case "bookmark": {
        const url = str(payload.url);
        const metadata = isObject(payload.metadata) ? payload.metadata : {};
        const title = str(metadata.title) || url;
        return url === "" ? "" : `<p><a href="${escapeHtml(url)}">${escapeHtml(title)}</a></p>`;
      }
      case "html":
        return str(payload.html);
      case "markdown":
        return markdownToHtml(str(payload.markdown));
      case "code":
      case "codeblock":
        return `<pre>${escapeHtml(str(payload.code))}</pre>`;
      case "hr":
      case "horizontalrule":
        return "<hr>";
      case "callout":
        return `<blockquote>${str(payload.calloutText)}</blockquote>`;
      case "toggle":
        return `<h3>${str(payload.heading)}</h3>${str(payload.content)}`;
      case "video":
      case "audio":
      case "file":
        this.warnings.add(`A ${name} file uploaded to Ghost was left out: upload it again or embed it.`);
        return "";
      default:
        if (GHOST_ONLY.has(name)) {
          this.warnings.add(`A Ghost ${name} card was left out: it has no equivalent here.`);
          return "";
        }
        return null;
    }
  }

  lexical(source: string): string {
    const doc: unknown = JSON.parse(source);
    const root = isObject(doc) && isObject(doc.root) ? doc.root : null;
    if (root === null) throw new Error("the Lexical document has no root");
    return this.lexicalChildren(root);
  }

  private lexicalChildren(node: Json): string {
    const children = Array.isArray(node.children) ? node.children.filter(isObject) : [];
    return children.map((child) => this.lexicalNode(child)).join("");
  }

  private lexicalNode(node: Json): string {
    const type = str(node.type);
    switch (type) {
      case "paragraph": {
        const inner = this.lexicalChildren(node);
        return inner === "" ? "" : `<p>${inner}</p>`;
      }
      case "heading":
      case "extended-heading": {
        const tag = HEADING_TAGS.has(str(node.tag)) ? str(node.tag) : "h2";
        return `<${tag}>${this.lexicalChildren(node)}</${tag}>`;
      }
      case "quote":
      case "extended-quote":
      case "aside":
        return `<blockquote>${this.lexicalChildren(node)}</blockquote>`;
      case "list": {
        const tag = node.listType === "number" || node.tag === "ol" ? "ol" : "ul";
        return `<${tag}>${this.lexicalChildren(node)}</${tag}>`;
      }
      case "listitem":
        return `<li>${this.lexicalChildren(node)}</li>`;
      case "text":
      case "extended-text": {
        let html = escapeHtml(str(node.text));
        const format = typeof node.format === "number" ? node.format : 0;
        for (const [bit, tag] of [...FORMATS].reverse()) if (format & bit) html = `<${tag}>${html}</${tag}>`;
        return html;
      }
      case "link":
      case "autolink":
        return `<a href="${escapeHtml(str(node.url))}">${this.lexicalChildren(node)}</a>`;
      case "linebreak":
        return "<br>";
      case "tab":
        return " ";
      default: {
        const card = this.card(type, node);
        if (card !== null) return card;
        this.warnings.add(`A Ghost "${type}" block is unknown; only its text was kept.`);
        return this.lexicalChildren(node);
      }
    }
  }

  mobiledoc(source: string): string {
    const doc: unknown = JSON.parse(source);
    if (!isObject(doc) || !Array.isArray(doc.sections)) throw new Error("the Mobiledoc document has no sections");
    const markups = Array.isArray(doc.markups) ? doc.markups : [];
    const atoms = Array.isArray(doc.atoms) ? doc.atoms : [];
    const cards = Array.isArray(doc.cards) ? doc.cards : [];
    const markers = (list: unknown): string => {
      if (!Array.isArray(list)) return "";
      const open: string[] = [];
      let html = "";
      for (const marker of list) {
        if (!Array.isArray(marker)) continue;
        const [kind, opens, closes, value] = marker as [number, number[], number, unknown];
        for (const index of Array.isArray(opens) ? opens : []) {
          const markup = markups[index];
          if (!Array.isArray(markup)) continue;
          const tag = str(markup[0]).toLowerCase();
          if (!/^[a-z][a-z0-9]*$/.test(tag)) continue;
          const attrs = Array.isArray(markup[1]) ? markup[1] : [];
          let attrText = "";
          for (let i = 0; i + 1 < attrs.length; i += 2) {
            const name = str(attrs[i]);
            if (/^[a-z][a-z0-9-]*$/i.test(name)) attrText += ` ${name}="${escapeHtml(str(attrs[i + 1]))}"`;
          }
          html += `<${tag}${attrText}>`;
          open.push(tag);
        }
        if (kind === 0) html += escapeHtml(str(value));
        else if (kind === 1 && typeof value === "number" && Array.isArray(atoms[value])) {
          html += escapeHtml(str((atoms[value] as unknown[])[1]));
        }
        for (let i = 0; i < (typeof closes === "number" ? closes : 0); i++) {
          const tag = open.pop();
          if (tag) html += `</${tag}>`;
        }
      }
      while (open.length > 0) html += `</${open.pop()}>`;
      return html;
    };
    let html = "";
    for (const section of doc.sections) {
      if (!Array.isArray(section)) continue;
      const [kind, a, b] = section as [number, unknown, unknown];
      if (kind === 1) {
        const tag = str(a).toLowerCase();
        const safe = tag === "aside" ? "blockquote" : /^(p|h[1-6]|blockquote)$/.test(tag) ? tag : "p";
        const inner = markers(b);
        if (inner !== "") html += `<${safe}>${inner}</${safe}>`;
      } else if (kind === 2) {
        html += figure(str(a), "", "");
      } else if (kind === 3) {
        const tag = str(a).toLowerCase() === "ol" ? "ol" : "ul";
        const items = Array.isArray(b) ? b : [];
        html += `<${tag}>${items.map((item) => `<li>${markers(item)}</li>`).join("")}</${tag}>`;
      } else if (kind === 10 && typeof a === "number") {
        const card = cards[a];
        if (!Array.isArray(card)) continue;
        const name = str(card[0]);
        const rendered = this.card(name, isObject(card[1]) ? card[1] : {});
        if (rendered === null) this.warnings.add(`A Ghost "${name}" card is unknown and was left out.`);
        else html += rendered;
      }
    }
    return html;
  }
}

export function renderLexical(source: string): GhostRendered {
  const renderer = new Renderer();
  const html = renderer.lexical(source);
  return { html, warnings: [...renderer.warnings] };
}

export function renderMobiledoc(source: string): GhostRendered {
  const renderer = new Renderer();
  const html = renderer.mobiledoc(source);
  return { html, warnings: [...renderer.warnings] };
}
