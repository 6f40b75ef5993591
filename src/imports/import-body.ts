import type { BlockNode, BodyDocument, ImageNode, InlineNode } from "../newsroom/body.types.js";

/**
 * The editor's HTML import drops every <img> (a pasted image must be uploaded), so an archive's
 * images are taken out first and each is replaced by a marker paragraph. Once the images are in
 * the media library, the markers become image blocks in the same places.
 */

export interface BodyImageRef {
  src: string;
  alt?: string;
  caption?: string;
}

const marker = (index: number) => `[[gazette-import-image-${index}]]`;
const MARKER = /\[\[gazette-import-image-(\d+)\]\]/g;

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
  const value = match ? (match[1] ?? match[2] ?? match[3]) : undefined;
  return value === undefined ? undefined : decodeEntities(value).trim();
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;|&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&");
}

function textOf(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
}

/** Takes the images out of the HTML, leaving a marker paragraph where each one stood. */
export function extractImages(html: string): { html: string; images: BodyImageRef[] } {
  const images: BodyImageRef[] = [];
  const take = (tag: string, caption?: string): string => {
    const src = attribute(tag, "src");
    if (!src) return "";
    const alt = attribute(tag, "alt");
    images.push({ src, ...(alt ? { alt } : {}), ...(caption ? { caption } : {}) });
    return `<p>${marker(images.length - 1)}</p>`;
  };
  // A figure's caption belongs to its image, not to the text around it.
  const withoutFigures = html.replace(/<figure\b[^>]*>([\s\S]*?)<\/figure>/gi, (whole, inner: string) => {
    const imgs = inner.match(/<img\b[^>]*>/gi);
    if (!imgs || imgs.length === 0) return whole;
    const caption = /<figcaption\b[^>]*>([\s\S]*?)<\/figcaption>/i.exec(inner);
    const captionText = caption?.[1] ? textOf(caption[1]) : undefined;
    return imgs.map((tag, i) => take(tag, i === imgs.length - 1 ? captionText || undefined : undefined)).join("");
  });
  const out = withoutFigures.replace(/<img\b[^>]*>/gi, (tag) => take(tag));
  return { html: out, images };
}

/** Inline content without markers, and the marker indexes it held, in order. */
function stripMarkers(content: InlineNode[] | undefined): { content: InlineNode[]; found: number[] } {
  const found: number[] = [];
  const out: InlineNode[] = [];
  for (const node of content ?? []) {
    if (node.type !== "text") {
      out.push(node);
      continue;
    }
    const text = node.text.replace(MARKER, (_m, index: string) => {
      found.push(Number(index));
      return "";
    });
    if (text.trim() !== "" || (text !== "" && found.length === 0)) out.push({ ...node, text });
  }
  return { content: out, found };
}

function stripNested(block: BlockNode): BlockNode {
  if (block.type === "paragraph" || block.type === "heading") {
    const { content } = stripMarkers(block.content);
    return { ...block, content } as BlockNode;
  }
  if (block.type === "blockquote" || block.type === "bulletList" || block.type === "orderedList") {
    return { ...block, content: (block.content as BlockNode[]).map(stripNested) } as BlockNode;
  }
  if ((block as { type: string }).type === "listItem") {
    const item = block as unknown as { content: BlockNode[] };
    return { ...item, content: item.content.map(stripNested) } as unknown as BlockNode;
  }
  return block;
}

/**
 * Puts the images back where their markers stood: `image(index)` gives the image block, or null
 * when the image could not be had (the marker then leaves nothing behind).
 */
export function placeImages(body: BodyDocument, image: (index: number) => ImageNode | null): BodyDocument {
  const content: BlockNode[] = [];
  for (const block of body.content) {
    if (block.type !== "paragraph") {
      content.push(stripNested(block));
      continue;
    }
    const { content: inline, found } = stripMarkers(block.content);
    if (found.length === 0) {
      content.push(block);
      continue;
    }
    if (inline.some((node) => node.type === "text" && node.text.trim() !== "")) {
      content.push({ ...block, content: inline });
    }
    for (const index of found) {
      const node = image(index);
      if (node) content.push(node);
    }
  }
  return { ...body, content };
}

/** Every link address in the body, once each. */
export function linkHrefs(body: BodyDocument): string[] {
  const hrefs = new Set<string>();
  walkText(body.content, (node) => {
    for (const mark of node.marks ?? []) if (mark.type === "link") hrefs.add(mark.attrs.href);
  });
  return [...hrefs];
}

/** The body with each link address in `replace` changed to its new address. */
export function rewriteLinks(body: BodyDocument, replace: ReadonlyMap<string, string>): BodyDocument {
  const copy = structuredClone(body);
  walkText(copy.content, (node) => {
    for (const mark of node.marks ?? []) {
      if (mark.type !== "link") continue;
      const next = replace.get(mark.attrs.href);
      if (next !== undefined) mark.attrs.href = next;
    }
  });
  return copy;
}

type TextLike = { type: "text"; text: string; marks?: { type: string; attrs?: { href: string } }[] };

function walkText(nodes: unknown[], visit: (node: Extract<InlineNode, { type: "text" }>) => void): void {
  for (const node of nodes) {
    if (!node || typeof node !== "object") continue;
    const typed = node as { type?: string; content?: unknown[] };
    if (typed.type === "text") visit(node as TextLike as Extract<InlineNode, { type: "text" }>);
    else if (Array.isArray(typed.content)) walkText(typed.content, visit);
  }
}
