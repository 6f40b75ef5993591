import type { GazetteerPlace } from "./gazetteer.types.js";
import { cyrillicKey, isCyrillic, latinKey, WORD } from "./place-names.js";

/**
 * Finds the places a text names, in Ukrainian, Russian or English.
 *
 * Cyrillic names are declined, so a name's word matches its stem plus a case ending (Бахмут →
 * Бахмута, Бахмуті; Авдіївка → Авдіївці; Часів Яр → Часовому Яру). Latin spellings are compared
 * by a key that ignores y/i/j and apostrophes (Kupyansk, Kupiansk). A name must be capitalised in
 * the text, so "лиман" (an estuary) or "мирне населення" are not places; names that are also
 * common words (Щастя, Мирне) count only right after a place cue ("у", "біля", "near", "село").
 * A name several places share goes to the one in an oblast the text names or whose other places
 * lie in, then to the most populous.
 */

export interface PlaceMention {
  slug: string;
  /** How many times the text names the place. */
  count: number;
  /** Offset of the first mention, for ordering. */
  first: number;
}

interface TextWord {
  raw: string;
  key: string;
  latin: boolean;
  capital: boolean;
  start: number;
  end: number;
  sentenceStart: boolean;
}

interface NameWord {
  latin: boolean;
  /** For Latin words: the key. For Cyrillic words: the uninflected key. */
  key: string;
  /** Stems with the case endings they take (Cyrillic only). */
  stems: { stem: string; endings: ReadonlySet<string> }[];
  /** "область", "oblast", "region": written in lower case too. */
  anyCase: boolean;
}

interface NameEntry {
  words: NameWord[];
  places: GazetteerPlace[];
}

const VOWELS = "аяоеєиіїыуюэ";
const CONSONANT_FINAL = new RegExp(`[^${VOWELS}]$`);
const ENDINGS: ReadonlySet<string> = new Set(
  (
    ",а,я,у,ю,і,и,ы,е,є,ї,ой,ою,ей,ею,ом,ем,ём,ым,им,ім,ого,ому,его,ему,ої,ій,ая,ую,ое,ий,ый," +
    "ах,ях,ам,ям,ами,ями,ью,ья,ье,ьи,ьем"
  ).split(","),
);
// Locative of -ка/-га/-ха nouns: Авдіївці, Новій Каховці, Балаклії.
const SOFTENED_ENDINGS: ReadonlySet<string> = new Set(["і", "е"]);
const SOFTENING: Record<string, string> = { к: "ц", г: "з", х: "с" };
const CASE_FREE = new Set(["область", "oblast", "region", "province", "обл"]);
const CUES = new Set(
  (
    "в у во під біля поблизу коло до з із зі від над за через на под около возле близ из от " +
    "село селі села селище селища селищі місто міста місті город города городе поселок поселке посёлок " +
    "смт пгт near in at around outside of from to into village town city settlement"
  ).split(" "),
);
const RIVER_BEFORE = /^(річк|річц|рік|рек|рѣк)/;
const RIVER_AFTER = new Set(["river", "річка", "река"]);
const SENTENCE_OPENERS = /[.!?«"„“(\n:—–]\s*$/;

function stemsOf(key: string): NameWord["stems"] {
  let stem = key.replace(/[йь]$/, "");
  const trimmed = stem.replace(new RegExp(`[${VOWELS}]+$`), "");
  const endedInVowel = trimmed !== stem;
  stem = trimmed;
  // Short stems with their vowel cut (Суми → Сум) would catch unrelated words; exact forms only.
  if (endedInVowel && stem.length < 4) return [];
  const stems: NameWord["stems"] = [{ stem, endings: ENDINGS }];
  if (!endedInVowel && CONSONANT_FINAL.test(key)) {
    // The і of a final closed syllable turns into о/е when the word grows: Харків → Харкова,
    // Часів → Часового, Ріг → Рогу; Київ → Києва.
    const alternated = stem.match(/^(.*)([іїо])([^аяоеєиіїыуюэ]+)$/);
    if (alternated) {
      const [, head, vowel, tail] = alternated;
      const replacements = vowel === "ї" ? ["є"] : vowel === "і" ? ["о", "е"] : [];
      for (const r of replacements) stems.push({ stem: `${head}${r}${tail}`, endings: ENDINGS });
    }
  }
  const last = stem.at(-1) ?? "";
  if (endedInVowel && SOFTENING[last])
    stems.push({ stem: stem.slice(0, -1) + SOFTENING[last], endings: SOFTENED_ENDINGS });
  return stems;
}

function toNameWord(raw: string): NameWord {
  const latin = !isCyrillic(raw);
  const key = latin ? latinKey(raw) : cyrillicKey(raw);
  const anyCase = CASE_FREE.has(raw.toLowerCase());
  return { latin, key, stems: latin ? [] : stemsOf(key), anyCase };
}

function wordMatches(name: NameWord, word: TextWord): boolean {
  if (name.latin !== word.latin) return false;
  if (!name.anyCase && !word.capital) return false;
  if (word.key === name.key) return true;
  if (name.latin) return false;
  for (const { stem, endings } of name.stems) {
    if (word.key.startsWith(stem) && endings.has(word.key.slice(stem.length))) return true;
  }
  return false;
}

function indexKey(key: string): string {
  return key.slice(0, 3);
}

function splitWords(text: string): TextWord[] {
  const words: TextWord[] = [];
  for (const match of text.matchAll(WORD)) {
    let raw = match[0];
    const latin = !isCyrillic(raw);
    // English possessive: Bakhmut's.
    if (latin) raw = raw.replace(/['’]s$/i, "");
    const start = match.index ?? 0;
    const first = raw.charAt(0);
    words.push({
      raw,
      key: latin ? latinKey(raw) : cyrillicKey(raw),
      latin,
      capital: first !== first.toLowerCase(),
      start,
      end: start + match[0].length,
      sentenceStart: start === 0 || SENTENCE_OPENERS.test(text.slice(Math.max(0, start - 3), start)),
    });
  }
  return words;
}

export class Geotagger {
  private readonly index = new Map<string, NameEntry[]>();
  private readonly bySlug = new Map<string, GazetteerPlace>();

  constructor(places: readonly GazetteerPlace[]) {
    const entries = new Map<string, NameEntry>();
    for (const place of places) {
      this.bySlug.set(place.slug, place);
      for (const variant of place.variants) {
        const words = [...variant.matchAll(WORD)].map((m) => toNameWord(m[0]));
        if (words.length === 0) continue;
        const id = words.map((w) => w.key).join(" ");
        const entry = entries.get(id);
        if (entry) {
          if (!entry.places.includes(place)) entry.places.push(place);
          continue;
        }
        const created: NameEntry = { words, places: [place] };
        entries.set(id, created);
        const first = words[0]!;
        const keys = new Set([indexKey(first.key), ...first.stems.map((s) => indexKey(s.stem))]);
        for (const key of keys) {
          const list = this.index.get(key) ?? [];
          list.push(created);
          this.index.set(key, list);
        }
      }
    }
  }

  place(slug: string): GazetteerPlace | undefined {
    return this.bySlug.get(slug);
  }

  /** The places the text names, in order of first mention. */
  find(text: string): PlaceMention[] {
    const words = splitWords(text);
    const hits: { start: number; places: GazetteerPlace[] }[] = [];
    for (let i = 0; i < words.length; ) {
      const found = this.longestAt(words, i);
      if (!found) {
        i++;
        continue;
      }
      hits.push({ start: words[i]!.start, places: found.places });
      i += found.length;
    }
    // Oblasts the text names or that hold its unambiguous places decide between namesakes.
    const context = new Set<string>();
    for (const hit of hits) {
      if (hit.places.length !== 1) continue;
      const place = hit.places[0]!;
      if (place.kind === "oblast") context.add(place.slug);
      else if (place.oblast) context.add(place.oblast);
    }
    const mentions = new Map<string, PlaceMention>();
    for (const hit of hits) {
      const place = pickPlace(hit.places, context);
      const mention = mentions.get(place.slug);
      if (mention) mention.count++;
      else mentions.set(place.slug, { slug: place.slug, count: 1, first: hit.start });
    }
    return [...mentions.values()].sort((a, b) => a.first - b.first);
  }

  private longestAt(words: TextWord[], i: number): { length: number; places: GazetteerPlace[] } | undefined {
    const word = words[i]!;
    const candidates = this.index.get(indexKey(word.key));
    if (!candidates) return undefined;
    let best: { length: number; places: GazetteerPlace[] } | undefined;
    for (const entry of candidates) {
      const n = entry.words.length;
      if (best && n <= best.length) continue;
      if (i + n > words.length) continue;
      if (!entry.words.every((w, k) => wordMatches(w, words[i + k]!))) continue;
      const places = entry.places.filter((p) => this.accepts(p, words, i, n));
      if (places.length > 0) best = { length: n, places };
    }
    return best;
  }

  private accepts(place: GazetteerPlace, words: TextWord[], i: number, n: number): boolean {
    const before = words[i - 1];
    const after = words[i + n];
    if (before && RIVER_BEFORE.test(before.key)) return false;
    if (after && RIVER_AFTER.has(after.raw.toLowerCase())) return false;
    if (place.common) {
      const adjacent = before && !words[i]!.sentenceStart && words[i]!.start - before.end <= 2;
      return Boolean(adjacent && CUES.has(before.raw.toLowerCase()));
    }
    return true;
  }
}

function pickPlace(places: GazetteerPlace[], context: ReadonlySet<string>): GazetteerPlace {
  if (places.length === 1) return places[0]!;
  const inContext = places.filter((p) => p.oblast && context.has(p.oblast));
  const pool = inContext.length > 0 ? inContext : places;
  return pool.reduce((a, b) => (b.population > a.population ? b : a));
}
