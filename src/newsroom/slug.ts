/**
 * URL slugs from headlines and names, by the language of the text: Ukrainian by the official
 * national system (Cabinet of Ministers resolution No. 55 of 27 January 2010), Russian by the
 * Russian passport system (ICAO Doc 9303, in use since 2013), anything else kept as written
 * (Latin letters and digits; other scripts and accents are dropped).
 */

/** Ukrainian letters with a different spelling at the start of a word (KMU 2010). */
const UK_INITIAL: Readonly<Record<string, string>> = { є: "ye", ї: "yi", й: "y", ю: "yu", я: "ya" };

const UK: Readonly<Record<string, string>> = {
  а: "a",
  б: "b",
  в: "v",
  г: "h",
  ґ: "g",
  д: "d",
  е: "e",
  є: "ie",
  ж: "zh",
  з: "z",
  и: "y",
  і: "i",
  ї: "i",
  й: "i",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ь: "",
  ю: "iu",
  я: "ia",
  // Letters of Russian quoted in a Ukrainian text.
  ё: "io",
  ы: "y",
  э: "e",
  ъ: "",
};

const RU: Readonly<Record<string, string>> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "i",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "ie",
  ы: "y",
  ь: "",
  э: "e",
  ю: "iu",
  я: "ia",
  // Letters of Ukrainian quoted in a Russian text (place names, quotes).
  ґ: "g",
  є: "e",
  і: "i",
  ї: "i",
};

const MAX_SLUG = 80;

const isLetter = (char: string | undefined) => char !== undefined && /\p{L}/u.test(char);

/** Ukrainian by KMU 2010: word-initial є ї й ю я differ, and "зг" is "zgh" (not "zh", which is ж). */
function transliterateUkrainian(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    const initial = !isLetter(text[i - 1]);
    if (char === "г" && text[i - 1] === "з") out += "gh";
    else if (initial && UK_INITIAL[char] !== undefined) out += UK_INITIAL[char];
    else out += UK[char] ?? char;
  }
  return out;
}

function transliterateRussian(text: string): string {
  let out = "";
  for (const char of text) out += RU[char] ?? char;
  return out;
}

/** Which Cyrillic rules apply to a text of a language without its own: its letters tell. */
function cyrillicLanguageOf(text: string): "uk" | "ru" {
  if (/[ґєії]/.test(text)) return "uk";
  if (/[ёыэъ]/.test(text)) return "ru";
  return "uk";
}

/** The text in Latin letters by the rules of `language` (a BCP 47 language, e.g. "uk", "ru", "en"). */
export function transliterate(text: string, language: string): string {
  // Apostrophes inside Ukrainian words (об'єднання) are not transliterated.
  const lower = text
    .normalize("NFC")
    .replace(/[’ʼ'`]/g, "")
    .toLowerCase();
  const rules = language === "uk" || language === "ru" ? language : cyrillicLanguageOf(lower);
  return rules === "ru" ? transliterateRussian(lower) : transliterateUkrainian(lower);
}

/**
 * A URL slug of a headline or a name in `language`: ASCII letters, digits and single hyphens,
 * cut at a word near 80 characters; never empty.
 */
export function slugify(title: string, language: string): string {
  const ascii = transliterate(title, language)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (ascii.length <= MAX_SLUG) return ascii || "article";
  const cut = ascii.slice(0, MAX_SLUG);
  const dash = cut.lastIndexOf("-");
  return dash > 40 ? cut.slice(0, dash) : cut;
}

export function isValidSlug(slug: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) && slug.length <= 120;
}
