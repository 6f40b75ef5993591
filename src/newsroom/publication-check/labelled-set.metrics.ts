import fs from "node:fs";
import { CHECK_LANGUAGES, type CheckLanguage, isPrecisePlaceAfterStrike } from "./publication-check.rules.js";

export interface LabelledSentence {
  text: string;
  precisePlaceAfterStrike: boolean;
}

export interface Metrics {
  sentences: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

/** Precision and recall of a yes/no detector over labelled sentences. */
export function measureDetector(items: readonly LabelledSentence[], detect: (text: string) => boolean): Metrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const item of items) {
    const said = detect(item.text);
    if (said && item.precisePlaceAfterStrike) tp++;
    else if (said) fp++;
    else if (item.precisePlaceAfterStrike) fn++;
  }
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    sentences: items.length,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    // With nothing flagged there is nothing wrong among the flags.
    precision: round(tp + fp === 0 ? 1 : tp / (tp + fp)),
    recall: round(tp + fn === 0 ? 1 : tp / (tp + fn)),
  };
}

/** The committed labelled set (data/labelled-set.json), per language. */
export function loadLabelledSet(): Record<CheckLanguage, LabelledSentence[]> {
  const file = new URL("./data/labelled-set.json", import.meta.url);
  return JSON.parse(fs.readFileSync(file, "utf8")) as Record<CheckLanguage, LabelledSentence[]>;
}

/** Rule (a)'s precision and recall on the labelled set, per language. */
export function measureLabelledSet(): Record<CheckLanguage, Metrics & { missed: string[]; wronglyFlagged: string[] }> {
  const set = loadLabelledSet();
  const out = {} as Record<CheckLanguage, Metrics & { missed: string[]; wronglyFlagged: string[] }>;
  for (const language of CHECK_LANGUAGES) {
    const items = set[language];
    const detect = (text: string) => isPrecisePlaceAfterStrike(text, language);
    out[language] = {
      ...measureDetector(items, detect),
      missed: items.filter((i) => i.precisePlaceAfterStrike && !detect(i.text)).map((i) => i.text),
      wronglyFlagged: items.filter((i) => !i.precisePlaceAfterStrike && detect(i.text)).map((i) => i.text),
    };
  }
  return out;
}
