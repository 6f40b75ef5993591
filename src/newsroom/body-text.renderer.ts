import type { BlockNode, BodyDocument, InlineNode, ListItemNode } from "./body.types.js";
import { BODY_MAX_LIST_NESTING } from "./body-limits.js";
import { SOCIAL_PLATFORM_NAMES } from "./social-url.shared.js";

function inlineText(content: InlineNode[] | undefined): string {
  if (!content) return "";
  return content.map((node) => (node.type === "text" ? node.text : "\n")).join("");
}

/** `level` counts the lists around the items; past the limit (older rows) nested lists are left out. */
function listText(items: ListItemNode[], ordered: boolean, start: number, level: number): string {
  return items
    .map((item, i) => {
      const marker = ordered ? `${start + i}. ` : "• ";
      const children = item.content.filter((child) => child.type === "paragraph" || level < BODY_MAX_LIST_NESTING);
      return marker + children.map((child) => blockText(child, level)).join("\n");
    })
    .join("\n");
}

function blockText(node: BlockNode, level = 0): string {
  switch (node.type) {
    case "paragraph":
    case "heading":
      return inlineText(node.content);
    case "blockquote": {
      const quote = node.content.map((p) => inlineText(p.content)).join("\n");
      return node.attrs?.citation ? `“${quote}” — ${node.attrs.citation}` : `“${quote}”`;
    }
    case "bulletList":
      return listText(node.content, false, 1, level + 1);
    case "orderedList":
      return listText(node.content, true, node.attrs?.start ?? 1, level + 1);
    case "horizontalRule":
      return "";
    case "image":
      return node.attrs.caption ?? "";
    case "gallery":
      return node.attrs.photos
        .map((photo) => [photo.caption, photo.credit].filter(Boolean).join(" — "))
        .filter((line) => line !== "")
        .join("\n");
    case "embed":
    case "document":
      return node.attrs.title;
    case "audio":
      // The transcript is what a search or a plain-text reader can use of a clip.
      return [node.attrs.title, node.attrs.transcript?.trim() ?? ""].filter((part) => part !== "").join("\n");
    case "takeaways":
      return [node.attrs.title, ...node.attrs.items.map((item) => `• ${item}`)].join("\n");
    case "related":
      // Ids only: the headlines are not in the body (and a search index should not hold other stories' words).
      return "";
    case "factbox":
      return [node.attrs.title, ...node.content.map((child) => blockText(child, level))].join("\n");
    case "socialPost": {
      const { platform, url, author, text, postedAt } = node.attrs;
      const who = [author, SOCIAL_PLATFORM_NAMES[platform], postedAt.replace("T", " ")].filter(Boolean).join(", ");
      return [text.trim() ? `“${text.trim()}”` : "", `— ${who}`, url].filter(Boolean).join("\n");
    }
    case "timeline":
      // ISO dates: plain text goes to the search index and to readers of every language.
      return [
        node.attrs.title,
        ...node.attrs.entries.map((entry) =>
          entry.date ? `${entry.date.replace("T", " ")} — ${entry.text}` : entry.text,
        ),
      ].join("\n");
  }
}

/** Plain text of a body, blocks separated by blank lines: for search indexing and plain-text outputs. */
export function renderBodyText(body: BodyDocument): string {
  return body.content
    .map((node) => blockText(node))
    .filter((text) => text !== "")
    .join("\n\n");
}

/** A short excerpt of the body's opening paragraphs, cut at a word boundary. */
export function excerptBody(body: BodyDocument, maxLength = 200): string {
  const text = body.content
    .filter((node) => node.type === "paragraph")
    .map((node) => inlineText(node.content))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  const space = cut.lastIndexOf(" ");
  return `${(space > maxLength * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.—-]+$/, "")}…`;
}
