import translitModule from "cyrillic-to-translit-js";

// The package is CommonJS with an ESM-style `default` in its typings; at run time the default
// import is the factory itself. Accept both shapes so the types and the runtime agree.
type Factory = typeof translitModule.default;
const CyrillicToTranslit: Factory =
  (translitModule as unknown as { default?: Factory }).default ?? (translitModule as unknown as Factory);

// Ukrainian uses the official 2010 national system (the library's "uk" preset); Russian a common scheme.
const transliterators = {
  uk: CyrillicToTranslit({ preset: "uk" }),
  ru: CyrillicToTranslit({ preset: "ru" }),
};

const MAX_SLUG = 80;

/** A URL slug from a title, transliterated for Cyrillic, ASCII letters, digits and hyphens only. */
export function slugify(title: string, language: string): string {
  const translit = language === "ru" ? transliterators.ru : transliterators.uk;
  const ascii = translit
    .transform(title.normalize("NFC").replace(/[’ʼ'`]/g, ""), " ")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
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
