import type { DefaultTreeAdapterTypes } from "parse5";
import { parseFragment, serialize } from "parse5";
import type { ImportImage } from "../import-item.types.js";
import { htmlToText } from "./html-text.js";

type Node = DefaultTreeAdapterTypes.ChildNode;
type Element = DefaultTreeAdapterTypes.Element;

/** What a source knows of an image beyond its tag (a WordPress attachment's alt text and credit). */
export type DescribeImage = (img: { src: string; className: string }) => Partial<ImportImage> | undefined;

export function absoluteUrl(src: string, base: string | undefined): string {
  try {
    return new URL(src, base).href;
  } catch {
    return src;
  }
}

function getAttr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

function setAttr(el: Element, name: string, value: string): void {
  const existing = el.attrs.find((a) => a.name === name);
  if (existing) existing.value = value;
  else el.attrs.push({ name, value });
}

/**
 * Makes every image address absolute (so each `src` equals its bodyImages url, which the import
 * engine matches to rewrite it) and lists the images in reading order, with the alt text and the
 * caption of the figure around them.
 */
export function collectBodyImages(
  html: string,
  base: string | undefined,
  options: { describe?: DescribeImage; localPath?: (url: string) => string | undefined } = {},
): { html: string; images: ImportImage[] } {
  const fragment = parseFragment(html);
  const images = new Map<string, ImportImage>();
  const stack: { node: Node; figure: Element | null }[] = [...fragment.childNodes]
    .reverse()
    .map((node) => ({ node, figure: null }));
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const { node, figure } = entry;
    if (!("tagName" in node)) continue;
    if (node.tagName === "img") {
      const raw = getAttr(node, "src")?.trim();
      if (!raw || raw.startsWith("data:")) continue;
      const url = absoluteUrl(raw, base);
      setAttr(node, "src", url);
      if (images.has(url)) continue;
      const known = options.describe?.({ src: url, className: getAttr(node, "class") ?? "" }) ?? {};
      const image: ImportImage = { url };
      const localPath = options.localPath?.(url);
      if (localPath) image.localPath = localPath;
      const alt = getAttr(node, "alt")?.trim() || known.alt;
      if (alt) image.alt = alt;
      const captionNode = figure?.childNodes.find((c): c is Element => "tagName" in c && c.tagName === "figcaption");
      const caption = captionNode ? htmlToText(serialize(captionNode)) : known.caption;
      if (caption) image.caption = caption;
      if (known.credit) image.credit = known.credit;
      images.set(url, image);
      continue;
    }
    const inFigure = node.tagName === "figure" ? node : figure;
    const children = "content" in node && node.tagName === "template" ? [] : node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, figure: inFigure });
  }
  return { html: serialize(fragment), images: [...images.values()] };
}
