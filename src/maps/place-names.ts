/** Spelling keys shared by the gazetteer build and the geotagger, so both compare names alike. */

const APOSTROPHES = /['’ʼ`]/g;

/** Latin spellings that differ only in y/i/j, doubled i or apostrophes get one key (Avdiyivka, Avdiivka). */
export function latinKey(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(APOSTROPHES, "")
    .replace(/-/g, "")
    .replace(/[yj]/g, "i")
    .replace(/i+/g, "i");
}

/** Cyrillic spellings compared without case, ё or apostrophes (Куп'янськ, Купʼянськ). */
export function cyrillicKey(text: string): string {
  return text.toLowerCase().replace(/ё/g, "е").replace(APOSTROPHES, "").replace(/-/g, "");
}

export function isCyrillic(text: string): boolean {
  return /\p{Script=Cyrillic}/u.test(text);
}

/** Words of a name or a text: letters, with apostrophes and hyphens inside a word kept. */
export const WORD = /[\p{L}\p{M}]+(?:['’ʼ`-][\p{L}\p{M}]+)*/gu;
