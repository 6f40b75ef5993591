import { diffWords } from "diff";

/** One run of text: kept, added or removed. */
export interface DiffPart {
  value: string;
  added: boolean;
  removed: boolean;
}

/** What changed in the text a reader sees: headline, dek and body (as plain text). */
export interface TextDiff {
  title: DiffPart[];
  dek: DiffPart[];
  body: DiffPart[];
  /** False when none of the three changed. */
  changed: boolean;
}

export interface ArticleText {
  title: string;
  dek: string;
  body: string;
}

function diffText(before: string, after: string): DiffPart[] {
  return diffWords(before, after).map((part) => ({
    value: part.value,
    added: part.added === true,
    removed: part.removed === true,
  }));
}

/** Word-level differences between two versions' texts, for the history and the Update dialog. */
export function diffArticleText(before: ArticleText, after: ArticleText): TextDiff {
  const title = diffText(before.title, after.title);
  const dek = diffText(before.dek, after.dek);
  const body = diffText(before.body, after.body);
  const changed = [title, dek, body].some((parts) => parts.some((part) => part.added || part.removed));
  return { title, dek, body, changed };
}
