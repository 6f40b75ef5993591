import { type RawBuilder, sql } from "kysely";

/** Escapes LIKE wildcards so a search for "50%" finds "50%". */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The spellings a search tries. SQLite's lower() folds only ASCII, so for Cyrillic the text is
 * also tried as typed, lower-cased and capitalised; PostgreSQL folds every script itself.
 */
function spellings(text: string): string[] {
  const lower = text.toLocaleLowerCase();
  const capital = lower.charAt(0).toLocaleUpperCase() + lower.slice(1);
  return [...new Set([text, lower, capital])];
}

/** Conditions, any of which holds when `column` contains `text` in any case; join them with `or`. */
export function containsAnyCase(column: string, text: string): RawBuilder<boolean>[] {
  return spellings(text).map(
    (spelling) => sql<boolean>`lower(${sql.ref(column)}) like lower(${likePattern(spelling)}) escape '\\'`,
  );
}
