import { newStemmer } from "snowball-stemmers";
import { stemUkrainian } from "./ukrainian-stemmer.js";

/** Stems one folded word (see text.ts). */
export type Stemmer = (word: string) => string;

const russian = newStemmer("russian");
const english = newStemmer("english");

// Words recur endlessly (every article says "війна"), and stemming is the costly part of indexing.
const CACHE_LIMIT = 50_000;

function cached(stem: Stemmer): Stemmer {
  const cache = new Map<string, string>();
  return (word) => {
    const hit = cache.get(word);
    if (hit !== undefined) return hit;
    const out = stem(word);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, out);
    return out;
  };
}

// Digits and words in another script pass through the Snowball stemmers unchanged, so an English
// name in a Ukrainian story and a number anywhere are indexed as written.
const STEMMERS: Record<string, Stemmer> = {
  uk: cached(stemUkrainian),
  ru: cached((word) => russian.stem(word)),
  en: cached((word) => english.stem(word)),
};

const identity: Stemmer = (word) => word;

/** The stemmer of a language ("uk", "ru", "en"); other languages are indexed unstemmed. */
export function stemmerFor(language: string): Stemmer {
  return STEMMERS[language] ?? identity;
}

/** Languages with a stemmer, for searches that span editions. */
export const STEMMED_LANGUAGES = Object.keys(STEMMERS);
