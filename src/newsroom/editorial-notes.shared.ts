// Browser-safe: the admin app imports this module (no server code may be imported here).

import type { BodyDocument, Mark } from "./body.types.js";

/**
 * An editorial note's id, which is also the `noteId` of the `note` mark that anchors it in the
 * body. The editor makes it (so the mark goes on the text at once, before the thread is saved);
 * the API makes one when the caller does not. Letters, digits, `-` and `_`: a UUID fits.
 */
export const NOTE_ID_PATTERN = "^[A-Za-z0-9_-]{8,64}$";
const NOTE_ID = new RegExp(NOTE_ID_PATTERN);

export function isNoteId(value: unknown): value is string {
  return typeof value === "string" && NOTE_ID.test(value);
}

/** The longest quote of the anchored text kept with a thread, and the longest comment. */
export const NOTE_QUOTE_MAX = 500;
export const NOTE_BODY_MAX = 4000;

/**
 * `@handle` mentions in a comment, lowercased and without duplicates. A handle is a staff
 * member's e-mail address before the `@` (letters, digits, `.`, `_`, `-`); a trailing dot is the
 * sentence's, not the handle's. An address typed in full ("a@b.org") is not a mention.
 */
export function mentionedHandles(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/(^|[^\p{L}\p{N}_.@-])@([\p{L}\p{N}_][\p{L}\p{N}._-]*)/gu)) {
    found.add((match[2] as string).replace(/[.-]+$/, "").toLowerCase());
  }
  return [...found];
}

/** The handle a member is mentioned by: the part of their address before the `@`. */
export function handleOf(email: string): string {
  return (email.split("@")[0] ?? "").toLowerCase();
}

/** The note ids anchored in a body, in document order (each once). */
export function noteIdsIn(body: BodyDocument): string[] {
  const ids = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (typeof value !== "object" || value === null) return;
    const node = value as { marks?: Mark[]; content?: unknown };
    for (const mark of node.marks ?? []) if (mark.type === "note") ids.add(mark.attrs.noteId);
    walk(node.content);
  };
  walk(body.content);
  return [...ids];
}

/**
 * The body without its note marks: what leaves the newsroom (the Content API's JSON, a new
 * translation) never carries the desk's margin comments, not even their ids. Neighbouring text
 * left with the same marks is joined, as the editor would join it, so the result equals the same
 * body written without notes. A new document; the input is untouched.
 */
export function stripNoteMarks(body: BodyDocument): BodyDocument {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return joinText(value.map(strip));
    if (typeof value !== "object" || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (key === "marks" && Array.isArray(child)) {
        const kept = (child as Mark[]).filter((mark) => mark.type !== "note");
        if (kept.length > 0) out.marks = kept;
      } else if (key === "content") {
        out.content = strip(child);
      } else {
        out[key] = child;
      }
    }
    return out;
  };
  return strip(body) as BodyDocument;
}

type Loose = { type?: unknown; text?: unknown; marks?: unknown };

/** Joins neighbouring text nodes whose marks are the same. */
function joinText(nodes: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const node of nodes) {
    const previous = out.at(-1) as Loose | undefined;
    const current = node as Loose;
    if (
      previous?.type === "text" &&
      current?.type === "text" &&
      typeof previous.text === "string" &&
      typeof current.text === "string" &&
      JSON.stringify(previous.marks ?? []) === JSON.stringify(current.marks ?? [])
    ) {
      out[out.length - 1] = { ...previous, text: previous.text + current.text };
    } else {
      out.push(node);
    }
  }
  return out;
}
