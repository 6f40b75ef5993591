// Browser-safe: the admin app imports this module (no server code may be imported here).

import type { Mark } from "./body.types.js";

/**
 * The order in which the admin editor (Tiptap/ProseMirror) keeps marks: by their rank in its
 * schema, where the link extension's higher priority puts it first, then StarterKit's bold and
 * italic, then the editorial note mark (registered after StarterKit). Stored bodies use the same order, so the document the editor gives back after merely
 * opening an article equals the stored one and nothing is saved. Pure: the admin app imports it.
 */
export const MARK_ORDER: readonly Mark["type"][] = ["link", "bold", "italic", "note"];

/** The marks in the editor's order (a new array; unknown types keep their place after known ones). */
export function sortMarks<T extends { type: string }>(marks: readonly T[]): T[] {
  const rank = (mark: T) => {
    const index = MARK_ORDER.indexOf(mark.type as Mark["type"]);
    return index === -1 ? MARK_ORDER.length : index;
  };
  return [...marks].sort((a, b) => rank(a) - rank(b));
}
