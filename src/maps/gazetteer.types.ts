/** The committed gazetteer (`src/maps/data/gazetteer.json`), written by `scripts/build-gazetteer.ts`. */

export type PlaceKind = "settlement" | "oblast" | "region";

export interface GazetteerPlace {
  /** Stable across editions; the place page is `{base}places/{slug}`. */
  slug: string;
  kind: PlaceKind;
  /** Slug of the oblast the place lies in; null for oblasts and cross-oblast regions. */
  oblast: string | null;
  names: { uk: string; ru: string; en: string };
  /** Every spelling to look for in text (uninflected; the geotagger adds Cyrillic case endings). */
  variants: string[];
  lat: number;
  lon: number;
  population: number;
  /** The name is also a common word: a mention counts only after a place cue ("у", "near", "село"). */
  common?: boolean;
}

export interface GazetteerFile {
  source: string;
  places: GazetteerPlace[];
}
