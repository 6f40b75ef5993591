import { stemmerFor } from "./stemmers.js";
import { isStopWord } from "./stop-words.js";
import { tokenize } from "./text.js";

/**
 * A parsed query: every clause must match; a clause matches when any of its alternatives does.
 * An alternative is a run of stems (one stem: a word; several: a phrase), and with `prefix` its
 * last token also matches as a word prefix (the newsroom's search-as-you-type).
 */
export interface Alternative {
  tokens: string[];
  prefix: boolean;
}
export type Clause = Alternative[];

/** Past this a query is cut: nobody types more, and a 10 kB paste must not cost 10 kB of work. */
export const MAX_QUERY_CHARS = 500;
export const MAX_CLAUSES = 8;
const MAX_PHRASE_TOKENS = 8;
const MIN_PREFIX = 2;

const QUOTED = /"([^"]*)"|«([^»]*)»|“([^”]*)”|„([^“”]*)[“”]/g;

/**
 * Reads what a person typed. Nothing in it is syntax except quotes around a phrase: operators
 * (AND, OR, NOT, NEAR, *, ^, column:), brackets and SQL metacharacters are punctuation or words.
 * `languages` are those of the editions searched; each word is stemmed for every one of them.
 */
export function parseQuery(
  raw: string,
  languages: readonly string[],
  options: { prefixLast?: boolean } = {},
): Clause[] {
  const text = raw.slice(0, MAX_QUERY_CHARS);
  const phrases: string[][] = [];
  const loose = text.replace(QUOTED, (_match, ...groups: (string | undefined)[]) => {
    const inner = groups.slice(0, 4).find((g) => g !== undefined) ?? "";
    const tokens = tokenize(inner)
      .map((t) => t.word)
      .slice(0, MAX_PHRASE_TOKENS);
    if (tokens.length > 0) phrases.push(tokens);
    return " ";
  });
  const looseWords = tokenize(loose).map((t) => t.word);
  const isStop = (word: string) => languages.some((language) => isStopWord(language, word));
  const meaningful = looseWords.filter((word) => !isStop(word));
  // A query of nothing but function words ("the", "що") still searches; the ranking cap keeps it cheap.
  const kept = meaningful.length > 0 || phrases.length > 0 ? meaningful : looseWords;

  const clauses: Clause[] = [];
  const seen = new Set<string>();
  const add = (clause: Clause) => {
    const key = JSON.stringify(clause);
    if (clause.length === 0 || seen.has(key) || clauses.length >= MAX_CLAUSES) return;
    seen.add(key);
    clauses.push(clause);
  };
  for (const phrase of phrases) {
    add(alternatives(phrase, languages));
  }
  kept.forEach((word, index) => {
    const prefix = options.prefixLast === true && index === kept.length - 1 && word.length >= MIN_PREFIX;
    const clause = alternatives([word], languages);
    if (prefix) clause.push({ tokens: [word], prefix: true });
    add(clause);
  });
  return clauses;
}

function alternatives(words: string[], languages: readonly string[]): Clause {
  const out: Clause = [];
  const seen = new Set<string>();
  for (const language of languages) {
    const stem = stemmerFor(language);
    const tokens = words.map((word) => stem(word));
    const key = tokens.join(" ");
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ tokens, prefix: false });
  }
  return out;
}

/** Every stem a clause can match, for highlighting. */
export function stemsOf(clauses: readonly Clause[]): Set<string> {
  return new Set(clauses.flatMap((clause) => clause.filter((alt) => !alt.prefix).flatMap((alt) => alt.tokens)));
}

/** Prefixes a clause can match, for highlighting. */
export function prefixesOf(clauses: readonly Clause[]): string[] {
  return clauses.flatMap((clause) => clause.filter((alt) => alt.prefix).flatMap((alt) => alt.tokens.slice(-1)));
}

/**
 * The FTS5 MATCH expression. Every token is a double-quoted string (tokens hold only letters and
 * digits, so no quote can end one early), and the user's terms are confined to the text columns.
 */
export function toFts5(clauses: readonly Clause[]): string {
  const clause = (alts: Clause) =>
    `(${alts.map((alt) => `"${alt.tokens.join(" ")}"${alt.prefix ? "*" : ""}`).join(" OR ")})`;
  return `{title_stems dek_stems body_stems} : (${clauses.map(clause).join(" AND ")})`;
}

/** The PostgreSQL tsquery text for `to_tsquery('simple', …)`; tokens are single-quoted lexemes. */
export function toTsQuery(clauses: readonly Clause[]): string {
  const alt = (a: Alternative) => {
    const lexemes = a.tokens.map((token) => `'${token}'`);
    if (a.prefix) lexemes[lexemes.length - 1] = `${lexemes[lexemes.length - 1]}:*`;
    return lexemes.length > 1 ? `(${lexemes.join(" <-> ")})` : (lexemes[0] ?? "");
  };
  return clauses.map((alts) => `(${alts.map(alt).join(" | ")})`).join(" & ");
}
