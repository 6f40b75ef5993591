import { type DefaultTreeAdapterMap, parse } from "parse5";

type Element = DefaultTreeAdapterMap["element"];
type ChildNode = DefaultTreeAdapterMap["childNode"];

export interface PageHead {
  /** `<meta property>` and `<meta name>` values by key, in document order. */
  meta: Map<string, string[]>;
  links: Record<string, string>[];
  /** Parsed JSON of every `application/ld+json` block. */
  jsonLd: Record<string, unknown>[];
  /** Raw text of those blocks, to check escaping. */
  jsonLdText: string[];
}

function attrs(element: Element): Record<string, string> {
  return Object.fromEntries(element.attrs.map((a) => [a.name, a.value]));
}

function walk(node: ChildNode | DefaultTreeAdapterMap["document"], visit: (element: Element) => void): void {
  if ("tagName" in node) visit(node);
  if ("childNodes" in node) for (const child of node.childNodes) walk(child, visit);
}

/** Reads a page's head as a browser's HTML parser would (parse5), so escaping mistakes show. */
export function readHead(html: string): PageHead {
  const head: PageHead = { meta: new Map(), links: [], jsonLd: [], jsonLdText: [] };
  walk(parse(html), (element) => {
    const a = attrs(element);
    if (element.tagName === "meta") {
      const key = a.property ?? a.name;
      if (key && a.content !== undefined) head.meta.set(key, [...(head.meta.get(key) ?? []), a.content]);
    } else if (element.tagName === "link") {
      head.links.push(a);
    } else if (element.tagName === "script" && a.type === "application/ld+json") {
      const text = element.childNodes.map((child) => ("value" in child ? child.value : "")).join("");
      head.jsonLdText.push(text);
      head.jsonLd.push(JSON.parse(text) as Record<string, unknown>);
    }
  });
  return head;
}
