import { stemmerFor } from "./stemmers.js";
import { tokenize } from "./text.js";

/** A run of original text; `mark` runs matched the query. Views escape the text. */
export interface TextRun {
  text: string;
  mark: boolean;
}

/** Which words of a text match: stems of the query, or (the last typed word) a prefix. */
export interface Highlighter {
  language: string;
  stems: ReadonlySet<string>;
  prefixes: readonly string[];
}

function matches(h: Highlighter, word: string): boolean {
  if (h.stems.has(stemmerFor(h.language)(word))) return true;
  return h.prefixes.some((prefix) => word.startsWith(prefix));
}

/** The whole text with its matching words marked (for titles). */
export function highlightAll(text: string, h: Highlighter): TextRun[] {
  const runs: TextRun[] = [];
  let at = 0;
  for (const token of tokenize(text)) {
    if (!matches(h, token.word)) continue;
    if (token.start > at) runs.push({ text: text.slice(at, token.start), mark: false });
    runs.push({ text: text.slice(token.start, token.end), mark: true });
    at = token.end;
  }
  if (at < text.length) runs.push({ text: text.slice(at), mark: false });
  return runs;
}

/**
 * An excerpt of about `words` words around the densest cluster of matches, made from the original
 * text (so both databases show the same), with the matches marked and "…" where it was cut.
 */
export function snippet(text: string, h: Highlighter, words = 32): TextRun[] {
  const tokens = tokenize(text);
  if (tokens.length === 0) return [];
  const hit = tokens.map((token) => matches(h, token.word));
  let best = 0;
  let bestScore = -1;
  let score = 0;
  // A sliding window over the tokens; the first window with the most matches wins.
  for (let i = 0; i < tokens.length; i++) {
    if (hit[i]) score++;
    if (i >= words && hit[i - words]) score--;
    const start = Math.max(0, i - words + 1);
    if (score > bestScore) {
      bestScore = score;
      best = start;
    }
  }
  // Start a few words before the first match, so it is read in context.
  const firstHit = hit.indexOf(true, best);
  const from = firstHit >= 0 ? Math.max(0, Math.min(best, firstHit - 4)) : 0;
  const to = Math.min(tokens.length, from + words);
  const startChar = from === 0 ? 0 : (tokens[from]?.start ?? 0);
  const endChar = to >= tokens.length ? text.length : (tokens[to - 1]?.end ?? text.length);
  const runs = highlightAll(text.slice(startChar, endChar).replace(/\s+/g, " "), h);
  if (from > 0) runs.unshift({ text: "…", mark: false });
  if (to < tokens.length) runs.push({ text: "…", mark: false });
  return mergeRuns(runs);
}

function mergeRuns(runs: TextRun[]): TextRun[] {
  const out: TextRun[] = [];
  for (const run of runs) {
    const last = out.at(-1);
    if (last && last.mark === run.mark) last.text += run.text;
    else out.push({ ...run });
  }
  return out;
}
