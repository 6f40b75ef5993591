/** Editorial notes in the article editor: where each note's words are, and the panel's order. */
import type { Node as PmNode } from "@tiptap/pm/model";
import type { NotesListView, NoteThreadView } from "../../src/newsroom/editorial-notes.schemas.js";

export type NoteThread = NoteThreadView;
export type NotesList = NotesListView;

/** Where a note's words are in the editor's document (from its first marked character to its last). */
export interface NoteAnchor {
  from: number;
  to: number;
}

/** Each note's range in the document, in the order the notes first appear. */
export function noteAnchors(doc: PmNode): Map<string, NoteAnchor> {
  const anchors = new Map<string, NoteAnchor>();
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const mark of node.marks) {
      if (mark.type.name !== "note" || typeof mark.attrs.noteId !== "string") continue;
      const end = pos + node.nodeSize;
      const known = anchors.get(mark.attrs.noteId);
      if (known) known.to = Math.max(known.to, end);
      else anchors.set(mark.attrs.noteId, { from: pos, to: end });
    }
    return false;
  });
  return anchors;
}

/**
 * The panel's order: threads whose words are in the document as the text runs, then those whose
 * words were deleted ("text removed"), oldest first. `removed` says which is which.
 */
export function orderThreads(
  threads: readonly NoteThread[],
  anchors: ReadonlyMap<string, NoteAnchor>,
): { thread: NoteThread; removed: boolean }[] {
  const order = [...anchors.keys()];
  const rank = (thread: NoteThread) => {
    const index = order.indexOf(thread.id);
    return index === -1 ? order.length : index;
  };
  return [...threads]
    .sort((a, b) => rank(a) - rank(b) || a.createdAt.localeCompare(b.createdAt))
    .map((thread) => ({ thread, removed: !anchors.has(thread.id) }));
}

/** A new note's id: 32 hex characters from the browser's random source (works without https). */
export function newNoteId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
