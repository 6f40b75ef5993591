/** Browser-safe rules of live entries, shared by the service and the newsroom app's composer. */
import type { BodyDocument } from "./body.types.js";

function hasText(node: unknown): boolean {
  if (typeof node !== "object" || node === null) return false;
  const record = node as { type?: unknown; text?: unknown; content?: unknown };
  if (record.type === "text" && typeof record.text === "string" && record.text.trim() !== "") return true;
  return Array.isArray(record.content) && record.content.some(hasText);
}

/**
 * An entry with nothing for a reader: no words, no image or gallery, no embed, clip or PDF, no takeaways or timeline. A divider or
 * empty paragraphs alone would put a bare timestamp on the page.
 */
export function isEmptyEntryBody(body: BodyDocument): boolean {
  return !body.content.some(
    (node) =>
      node.type === "image" ||
      node.type === "gallery" ||
      node.type === "embed" ||
      node.type === "audio" ||
      node.type === "document" ||
      (node.type === "takeaways" && node.attrs.items.some((item) => item.trim() !== "")) ||
      (node.type === "timeline" && node.attrs.entries.some((entry) => entry.text.trim() !== "")) ||
      hasText(node),
  );
}
