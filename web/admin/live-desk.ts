/** Pure helpers of the live desk: what an entry shows in the newsroom and how its history reads. */
import type { Static } from "typebox";
import type { LivePlaceTagSchema } from "../../src/maps/live-places.schemas.js";
import type { BodyDocument } from "../../src/newsroom/body.types.js";
import type { LiveEntryRevisionSchema, LiveEntrySchema } from "../../src/newsroom/live-coverage.schemas.js";

export type LiveEntry = Omit<Static<typeof LiveEntrySchema>, "body"> & { body: BodyDocument };
export type LiveEntryRevision = Omit<Static<typeof LiveEntryRevisionSchema>, "body"> & { body: BodyDocument };
export type LivePlaceTag = Static<typeof LivePlaceTagSchema>;

/** The places of each entry, in the order the server lists them. */
export function placesByEntry(tags: readonly LivePlaceTag[]): Map<number, LivePlaceTag[]> {
  const byEntry = new Map<number, LivePlaceTag[]>();
  for (const tag of tags) {
    const list = byEntry.get(tag.entryId);
    if (list) list.push(tag);
    else byEntry.set(tag.entryId, [tag]);
  }
  return byEntry;
}

/**
 * A line per saved text, newest first as the server sends them: the oldest is the text as posted,
 * every later one an edit.
 */
export function describeRevisions(
  revisions: readonly LiveEntryRevision[],
): { revision: LiveEntryRevision; label: "Posted" | "Edited"; current: boolean }[] {
  return revisions.map((revision, index) => ({
    revision,
    label: index === revisions.length - 1 ? "Posted" : "Edited",
    current: index === 0,
  }));
}

/** The words of a body, blocks on their own lines: the history's view of an old text. */
export function entryText(body: BodyDocument): string {
  const blocks: string[] = [];
  const inline = (node: unknown): string => {
    if (typeof node !== "object" || node === null) return "";
    const record = node as { type?: unknown; text?: unknown; content?: unknown };
    if (record.type === "hardBreak") return "\n";
    if (typeof record.text === "string") return record.text;
    return Array.isArray(record.content) ? record.content.map(inline).join("") : "";
  };
  const walk = (node: unknown): void => {
    if (typeof node !== "object" || node === null) return;
    const record = node as { type?: unknown; content?: unknown; attrs?: Record<string, unknown> };
    if (record.type === "paragraph" || record.type === "heading") {
      const text = inline(record).trim();
      if (text) blocks.push(text);
      return;
    }
    if (record.type === "image") blocks.push("[Image]");
    else if (record.type === "embed") {
      const title = typeof record.attrs?.title === "string" ? record.attrs.title : "";
      blocks.push(record.attrs?.provider === "map" ? `[Map: ${title}]` : `[Video: ${title}]`);
    } else if (record.type === "takeaways") {
      const items = Array.isArray(record.attrs?.items) ? record.attrs.items : [];
      blocks.push(items.filter((item): item is string => typeof item === "string").join("\n"));
    } else if (record.type === "timeline") {
      const entries = Array.isArray(record.attrs?.entries) ? (record.attrs.entries as { text?: unknown }[]) : [];
      blocks.push(entries.map((entry) => (typeof entry.text === "string" ? entry.text : "")).join("\n"));
    } else if (record.type === "socialPost" && typeof record.attrs?.text === "string") {
      blocks.push(record.attrs.text);
    }
    if (Array.isArray(record.content)) for (const child of record.content) walk(child);
  };
  walk(body);
  return blocks.join("\n");
}
