import type { DefaultTreeAdapterTypes } from "parse5";
import { parseFragment } from "parse5";

type Node = DefaultTreeAdapterTypes.ChildNode;

const BREAKS = new Set(["p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "tr"]);

/**
 * The plain text of an HTML fragment (an excerpt, a caption), entities decoded and whitespace
 * collapsed as a browser would show it on one line.
 */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/[ \t\n\f\r]+/g, " ").trim();
  const parts: string[] = [];
  const stack: (Node | string)[] = [...parseFragment(html).childNodes].reverse();
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item === "string") {
      parts.push(item);
      continue;
    }
    if (item.nodeName === "#text" && "value" in item) {
      parts.push(item.value);
      continue;
    }
    if (!("tagName" in item)) continue;
    if (item.tagName === "script" || item.tagName === "style") continue;
    if (BREAKS.has(item.tagName)) {
      parts.push(" ");
      stack.push(" ");
    }
    for (let i = item.childNodes.length - 1; i >= 0; i--) stack.push(item.childNodes[i]!);
  }
  return parts
    .join("")
    .replace(/[ \t\n\f\r]+/g, " ")
    .trim();
}

/** Escapes text for use inside HTML content or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}
