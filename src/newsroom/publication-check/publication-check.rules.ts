import fs from "node:fs";

/**
 * The wartime publication check's rules (issue #20), as pure functions over text. The word lists
 * live in data/{uk,ru,en}.json so a newsroom can edit them without touching code. The check is a
 * helper, not a censor: every finding carries the text that triggered it and why.
 */

export type CheckRule = "precise_place_after_strike" | "air_defence_near_place" | "photo_location";
export const CHECK_RULES: readonly CheckRule[] = [
  "precise_place_after_strike",
  "air_defence_near_place",
  "photo_location",
];
export type CheckLanguage = "uk" | "ru" | "en";
export const CHECK_LANGUAGES: readonly CheckLanguage[] = ["uk", "ru", "en"];

export interface Finding {
  rule: CheckRule;
  /** The words in the story (or caption) that triggered it. */
  text: string;
  /** Why it matters, for the editor who decides. */
  why: string;
}

export interface CheckWordLists {
  strikeStrong: string[];
  strikeWeak: string[];
  weakExclusions: string[];
  precisePlaces: string[];
  airDefence: string[];
  placeNear: string;
}

interface CompiledLists {
  strong: RegExp;
  weak: RegExp;
  exclusions: RegExp;
  places: RegExp;
  airDefence: RegExp;
  placeNear: RegExp;
}

/** Whole words only: `\b` knows no Cyrillic, so letters on either side are ruled out explicitly. */
function words(patterns: string[], flags: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\d])(?:${patterns.join("|")})(?![\\p{L}])`, `${flags}u`);
}

/** Place patterns end on the start of a name ("вулиці Ш…"), so only their start is held to a word boundary. */
function startingWords(patterns: string[], flags: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\d])(?:${patterns.join("|")})`, `${flags}u`);
}

export function compileWordLists(lists: CheckWordLists): CompiledLists {
  return {
    strong: words(lists.strikeStrong, "i"),
    weak: words(lists.strikeWeak, "i"),
    exclusions: words(lists.weakExclusions, "i"),
    // Case matters for places: a capital letter is what tells "Lviv Street" from "the street".
    places: startingWords(lists.precisePlaces, "g"),
    airDefence: words(lists.airDefence, "g"),
    placeNear: new RegExp(lists.placeNear, "u"),
  };
}

const compiled = new Map<CheckLanguage, CompiledLists>();

/** The committed word lists of a language, read once per process. */
export function wordListsOf(language: CheckLanguage): CompiledLists {
  let lists = compiled.get(language);
  if (!lists) {
    const file = new URL(`./data/${language}.json`, import.meta.url);
    lists = compileWordLists(JSON.parse(fs.readFileSync(file, "utf8")) as CheckWordLists);
    compiled.set(language, lists);
  }
  return lists;
}

/** The language whose lists check an edition's stories; editions in other languages use English. */
export function checkLanguageOf(language: string): CheckLanguage {
  const code = language.toLowerCase().slice(0, 2);
  return (CHECK_LANGUAGES as readonly string[]).includes(code) ? (code as CheckLanguage) : "en";
}

/** Sentences, roughly: enough to keep a place and a strike word that belong together. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+(?=[\p{Lu}«"“(\d])|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Whether a sentence speaks of a strike: a word that can only mean one (missile, shelling), or an
 * ambiguous one ("strike", "hit", "удар") with nothing around it that gives it another meaning.
 */
export function mentionsStrike(sentence: string, lists: CompiledLists): boolean {
  if (lists.strong.test(sentence)) return true;
  return lists.weak.test(sentence) && !lists.exclusions.test(sentence);
}

/** Places finer than a city district that a sentence names (street, house, coordinates, a named plant). */
export function precisePlacesIn(sentence: string, lists: CompiledLists): string[] {
  return [...sentence.matchAll(lists.places)].map((m) => m[0].trim());
}

/** Rule (a) on one sentence: a strike and a precise place together. The labelled set measures this. */
export function isPrecisePlaceAfterStrike(sentence: string, language: CheckLanguage): boolean {
  const lists = wordListsOf(language);
  return mentionsStrike(sentence, lists) && precisePlacesIn(sentence, lists).length > 0;
}

/** Places the geotagger resolved, with its precision (finer than a district counts as precise). */
export interface TaggedPlace {
  name: string;
  precision: "country" | "region" | "city" | "district" | "street" | "building" | "point";
}

const PRECISE = new Set<TaggedPlace["precision"]>(["street", "building", "point"]);

export interface StoryForCheck {
  language: CheckLanguage;
  /** Headline, standfirst and body as plain text. */
  text: string;
  /** Captions of the lead image and the body's images. */
  captions: string[];
  /** Places the geotagger found, if it ran. */
  places?: TaggedPlace[];
  /** Images whose upload carried a location or time in its metadata (stripped then). */
  photosWithMetadata?: { mediaId: number; had: ("location" | "time")[] }[];
  /** When the event happened, or else when the article was created. */
  eventAt: Date;
  /** When it would go out. */
  publishAt: Date;
  delayMinutes: number;
}

/** Rule (a): a precise place in a strike story, going out sooner than the delay after the event. */
export function checkPrecisePlaceAfterStrike(story: StoryForCheck): Finding[] {
  const elapsed = (story.publishAt.getTime() - story.eventAt.getTime()) / 60_000;
  if (elapsed >= story.delayMinutes) return [];
  const lists = wordListsOf(story.language);
  const sentences = splitSentences(story.text);
  if (!sentences.some((s) => mentionsStrike(s, lists))) return [];
  const hours = Math.round((story.delayMinutes / 60) * 10) / 10;
  const why = (place: string) =>
    `The story reports a strike and names "${place}", a place finer than a city district, less than ${hours} h after the event: it can help correct the next strike. Name the district or city instead, or wait.`;
  const found = new Set<string>();
  for (const sentence of sentences) for (const place of precisePlacesIn(sentence, lists)) found.add(place);
  for (const place of story.places ?? []) if (PRECISE.has(place.precision)) found.add(place.name);
  return [...found].map((place) => ({ rule: "precise_place_after_strike", text: place, why: why(place) }));
}

/** Rule (b): air-defence systems, positions or unit numbers in a sentence that names a place. */
export function checkAirDefenceNearPlace(story: Pick<StoryForCheck, "language" | "text">): Finding[] {
  const lists = wordListsOf(story.language);
  const findings: Finding[] = [];
  for (const sentence of splitSentences(story.text)) {
    const terms = [...sentence.matchAll(lists.airDefence)].map((m) => m[0]);
    if (terms.length === 0) continue;
    const place = sentence.match(lists.placeNear)?.[0] ?? precisePlacesIn(sentence, lists)[0];
    if (!place) continue;
    findings.push({
      rule: "air_defence_near_place",
      text: sentence.length > 240 ? `${sentence.slice(0, 237)}…` : sentence,
      why: `"${terms.join('", "')}" next to "${place}": air-defence systems, positions and unit numbers tied to a place must not be published.`,
    });
  }
  return findings;
}

/** Rule (c): photos that carried a location or time, and captions that name a street or building. */
export function checkPhotos(story: Pick<StoryForCheck, "language" | "captions" | "photosWithMetadata">): Finding[] {
  const lists = wordListsOf(story.language);
  const findings: Finding[] = [];
  for (const photo of story.photosWithMetadata ?? []) {
    findings.push({
      rule: "photo_location",
      text: `Image ${photo.mediaId}`,
      why: `Its file carried the ${photo.had.join(" and ")} where it was taken; Gazette stripped that at upload, but check the picture itself shows nothing that places it.`,
    });
  }
  for (const caption of story.captions) {
    const [place] = precisePlacesIn(caption, lists);
    if (!place) continue;
    findings.push({
      rule: "photo_location",
      text: caption,
      why: `The caption names "${place}": with the picture, it shows exactly where it was taken.`,
    });
  }
  return findings;
}

/** Every enabled rule over a story. */
export function checkStory(story: StoryForCheck, disabled: ReadonlySet<CheckRule> = new Set()): Finding[] {
  return [
    ...(disabled.has("precise_place_after_strike") ? [] : checkPrecisePlaceAfterStrike(story)),
    ...(disabled.has("air_defence_near_place") ? [] : checkAirDefenceNearPlace(story)),
    ...(disabled.has("photo_location") ? [] : checkPhotos(story)),
  ];
}
