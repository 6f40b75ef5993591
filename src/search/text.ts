/**
 * The one tokenizer of search: documents and queries go through it, and stems are made from its
 * tokens in JS, so SQLite and PostgreSQL index exactly the same words.
 */

/** A word of the original text with where it stands, for highlighting. */
export interface TextToken {
  /** Folded: lowercase, ё→е, ґ→г, apostrophes inside words dropped, Latin accents removed. */
  word: string;
  start: number;
  end: number;
}

/** Longer "words" are noise (hashes, base64) and would only bloat the index. */
export const MAX_TOKEN_LENGTH = 60;

// Letters and digits, with an apostrophe allowed between two letters (Ukrainian "обʼєкт", "п'ять",
// English "don't"); combining marks (stress accents) belong to the word they sit on.
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}]|['’ʼ`](?=\p{L}))*/gu;

const PLAIN = /^[a-z0-9а-щьюяєії]+$/;

/** Folds one word so every spelling readers type finds the same token. */
export function foldWord(raw: string): string {
  const lower = raw.toLowerCase();
  // Most words need nothing more (indexing 100,000 articles spends its time here).
  if (PLAIN.test(lower)) return lower;
  let word = lower.normalize("NFC");
  // Latin letters with diacritics (café, Zelenskyy's transliterations) lose them; Cyrillic й and ї
  // keep theirs, since they are different letters, not accents.
  word = word.replace(/[\u00c0-\u024f]/g, (c) => c.normalize("NFD").replace(/[\u0300-\u036f]/g, ""));
  return word
    .replace(/['’ʼ`]/g, "")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ё/g, "е")
    .replace(/ґ/g, "г");
}

/** The words of a text with their offsets in it. */
export function tokenize(text: string): TextToken[] {
  const out: TextToken[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = foldWord(match[0]);
    if (word === "" || word.length > MAX_TOKEN_LENGTH) continue;
    out.push({ word, start: match.index, end: match.index + match[0].length });
  }
  return out;
}

/** Just the folded words. */
export function words(text: string): string[] {
  return tokenize(text).map((token) => token.word);
}
