/**
 * A small suffix-stripping stemmer for Ukrainian (Snowball has none). It works on folded words
 * (see text.ts: lowercase, ґ→г, no apostrophes) and strips one inflectional ending inside the
 * region after the first vowel, so "Бахмут", "Бахмута", "Бахмуті" and "Бахмутом" meet at
 * "бахмут". It prefers leaving an ending on to cutting into a stem: verbs' past and infinitive
 * endings are left alone because they collide with common noun endings ("сили", "роботи").
 */

const VOWELS = new Set(["а", "е", "є", "и", "і", "ї", "о", "у", "ю", "я"]);

const GERUND = ["ючись", "учись", "ячись", "ачись", "вшись", "ивши", "авши", "увши", "ючи", "учи", "ячи", "ачи"];
const REFLEXIVE = ["ся", "сь"];
const ADJECTIVE = ["ього", "ьому", "ого", "ому", "ими", "ої", "ою", "ій", "ий", "их", "им", "ім", "іх"];
const VERB = ["ються", "ється", "ють", "уть", "ємо", "имо", "ете", "ите"];
const NOUN = [
  "ами",
  "ями",
  "ові",
  "еві",
  "єві",
  "ією",
  "ою",
  "ею",
  "єю",
  "ом",
  "ем",
  "єм",
  "ам",
  "ям",
  "ах",
  "ях",
  "ів",
  "їв",
  "ей",
  "ії",
  "ію",
  "ія",
  "ь",
  "а",
  "я",
  "о",
  "е",
  "є",
  "у",
  "ю",
  "і",
  "ї",
  "и",
  "й",
];

/** Longest first, so "ами" wins over "и". */
const byLength = (list: string[]) => [...list].sort((a, b) => b.length - a.length);
const GROUPS = {
  gerund: byLength(GERUND),
  reflexive: byLength(REFLEXIVE),
  adjective: byLength(ADJECTIVE),
  verb: byLength(VERB),
  noun: byLength(NOUN),
};

/** Where the stripping region begins: after the first vowel, and at least three letters stay. */
function regionStart(word: string): number {
  for (let i = 0; i < word.length; i++) {
    if (VOWELS.has(word[i] as string)) return Math.max(i + 1, MIN_STEM);
  }
  return word.length;
}

const MIN_STEM = 3;

/** The word without the longest of `endings` that lies wholly in the region, or null. */
function strip(word: string, region: number, endings: readonly string[]): string | null {
  for (const ending of endings) {
    if (word.endsWith(ending) && word.length - ending.length >= region) return word.slice(0, -ending.length);
  }
  return null;
}

export function stemUkrainian(word: string): string {
  if (word.length < 3 || !/[а-яєіїґ]/.test(word)) return word;
  const region = regionStart(word);
  const gerund = strip(word, region, GROUPS.gerund);
  if (gerund !== null) return gerund;
  const base = strip(word, region, GROUPS.reflexive) ?? word;
  const adjectiveOrVerb = strip(base, region, GROUPS.adjective) ?? strip(base, region, GROUPS.verb);
  if (adjectiveOrVerb !== null) return withoutSoftSign(adjectiveOrVerb);
  const noun = strip(base, region, GROUPS.noun);
  if (noun === null) return withoutSoftSign(base);
  return withoutSoftSign(closedSyllable(noun, region));
}

/**
 * Nouns like "Харків" change "-ів" to "-ов-" when a case ending follows ("Харкова", "Харкові"),
 * and "Київ" changes "ї" to "є" ("Києва"). Stripping the "-ов-" (or "-ев-") of a stem that just
 * lost its ending brings them back to the stem of the nominative, whose "-ів" goes as an ending.
 */
function closedSyllable(stem: string, region: number): string {
  for (const infix of ["ов", "ев", "єв"]) {
    if (!stem.endsWith(infix)) continue;
    if (stem.length - infix.length >= region) return stem.slice(0, -infix.length);
    if (infix === "єв") return `${stem.slice(0, -2)}їв`;
  }
  return stem;
}

/** A soft sign left at the end ("област-ь" after "-ю" went) is spelling, not meaning. */
function withoutSoftSign(stem: string): string {
  return stem.length > MIN_STEM && stem.endsWith("ь") ? stem.slice(0, -1) : stem;
}
