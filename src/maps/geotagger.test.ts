import { describe, expect, it } from "vitest";
import { loadGazetteer } from "./gazetteer.js";
import { Geotagger } from "./geotagger.js";
import { LABELLED } from "./geotagger.labelled.js";

const tagger = new Geotagger(loadGazetteer());
const slugs = (text: string) => tagger.find(text).map((m) => m.slug);

describe("Geotagger", () => {
  it("finds Ukrainian inflected forms", () => {
    expect(slugs("Бої біля Бахмута, в Авдіївці і в Часовому Яру.")).toEqual(["bakhmut", "avdiivka", "chasiv-yar"]);
  });

  it("finds transliteration variants", () => {
    expect(slugs("Avdiyivka and Kupyansk; Zaporizhzhya.")).toEqual(["avdiivka", "kupiansk", "zaporizhzhia"]);
  });

  it("prefers an oblast over the city its name starts with", () => {
    expect(slugs("У Донецькій області та на Харківщині.")).toEqual(["donetsk-oblast", "kharkiv-oblast"]);
  });

  it("ignores lower-case words that look like places", () => {
    expect(slugs("лиман обміліє, а мирне населення виїхало")).toEqual([]);
  });

  it("takes a name that is a common word only after a place cue", () => {
    expect(slugs("Щастя не купиш.")).toEqual([]);
    expect(slugs("Світла немає в Щасті.")).toEqual(["shchastia"]);
  });

  it("resolves a namesake by the oblast the text names, then by population", () => {
    expect(slugs("Костянтинівка на Запоріжжі")).toContain("kostiantynivka-zaporizhzhia");
    expect(slugs("Костянтинівка")).toEqual(["kostiantynivka"]);
  });

  it("counts repeated mentions of one place", () => {
    expect(tagger.find("Bakhmut, then Bakhmut again.")).toEqual([{ slug: "bakhmut", count: 2, first: 0 }]);
  });
});

describe("Geotagger accuracy on the labelled set", () => {
  for (const [language, sentences] of Object.entries(LABELLED)) {
    it(`keeps precision ≥ 0.95 and recall ≥ 0.9 in ${language}`, () => {
      let truePositives = 0;
      let found = 0;
      let expected = 0;
      const misses: string[] = [];
      for (const { text, places } of sentences) {
        const result = slugs(text);
        found += result.length;
        expected += places.length;
        truePositives += result.filter((slug) => places.includes(slug)).length;
        if (result.length !== places.length || result.some((s) => !places.includes(s))) {
          misses.push(`${text} → ${result.join(", ") || "∅"} (want ${places.join(", ") || "∅"})`);
        }
      }
      const precision = found === 0 ? 1 : truePositives / found;
      const recall = expected === 0 ? 1 : truePositives / expected;
      console.info(
        `geotagger ${language}: ${sentences.length} sentences, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}` +
          (misses.length > 0 ? `\n  ${misses.join("\n  ")}` : ""),
      );
      expect(sentences.length).toBeGreaterThanOrEqual(30);
      expect(precision).toBeGreaterThanOrEqual(0.95);
      expect(recall).toBeGreaterThanOrEqual(0.9);
    });
  }
});
