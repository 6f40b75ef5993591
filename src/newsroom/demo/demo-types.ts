/**
 * Shape of the hand-written demo stories. Bodies are kept as plain paragraphs here and
 * converted to the Tiptap document model by the seeder, so the prose stays readable.
 */
export type EditionCode = "uk" | "ru" | "en";

export type DemoSectionKey = "war" | "politics" | "world" | "economy" | "society" | "analysis";

export type DemoTagKey =
  | "bakhmut"
  | "avdiivka"
  | "kharkiv"
  | "zaporizhzhia"
  | "kherson"
  | "odesa"
  | "kyiv"
  | "donetsk-oblast"
  | "air-defence"
  | "drones"
  | "energy"
  | "sanctions"
  | "diplomacy"
  | "humanitarian"
  | "think-tanks"
  | "mobilisation"
  | "black-sea"
  | "crimea"
  | "reconstruction"
  | "culture";

export type DemoPersonKey =
  | "taras-hnatiuk"
  | "mariia-lysenko"
  | "kateryna-savchuk"
  | "yurii-pasichnyk"
  | "sofiia-moroz"
  | "bohdan-kravets";

export interface DemoStoryText {
  title: string;
  dek: string;
  /** Plain-text paragraphs, in reading order. At least four. */
  paragraphs: string[];
  /** A pull quote, placed after the second paragraph. */
  quote?: { text: string; cite: string };
  /** A bulleted list placed after the last paragraph. */
  list?: string[];
  /** The "key takeaways" block. */
  takeaways?: { title: string; items: string[] };
  /** Who the story relies on, e.g. "Based on the daily assessment of the Dnipro Conflict Monitor". */
  sourceAttribution?: string;
  /** Lead photo caption and credit; the alt text describes the generated picture (demoPictureAlt). */
  caption: string;
  credit: string;
}

export interface DemoStory {
  /** Stable kebab-case id, unique across all story files. */
  key: string;
  section: DemoSectionKey;
  tags: DemoTagKey[];
  author: DemoPersonKey;
  featured?: boolean;
  breaking?: boolean;
  /** Colour theme of the generated lead picture. */
  picture: "dusk" | "field" | "city" | "sea" | "snow" | "night" | "smoke" | "sunflower";
  text: Record<EditionCode, DemoStoryText>;
}
