import fs from "node:fs";
import type { GazetteerFile, GazetteerPlace } from "./gazetteer.types.js";

let cached: readonly GazetteerPlace[] | undefined;

/** The committed gazetteer (built by `scripts/build-gazetteer.ts`); read once per process. */
export function loadGazetteer(): readonly GazetteerPlace[] {
  if (!cached) {
    const file = new URL("./data/gazetteer.json", import.meta.url);
    cached = (JSON.parse(fs.readFileSync(file, "utf8")) as GazetteerFile).places;
  }
  return cached;
}
