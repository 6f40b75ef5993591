import { describe, expect, it } from "vitest";
import { measureDetector, measureLabelledSet } from "./labelled-set.metrics.js";
import {
  checkAirDefenceNearPlace,
  checkLanguageOf,
  checkPhotos,
  checkPrecisePlaceAfterStrike,
  checkStory,
  isPrecisePlaceAfterStrike,
  type StoryForCheck,
} from "./publication-check.rules.js";

const event = new Date("2026-05-01T06:00:00Z");
const story = (over: Partial<StoryForCheck>): StoryForCheck => ({
  language: "en",
  text: "",
  captions: [],
  eventAt: event,
  publishAt: new Date("2026-05-01T07:00:00Z"),
  delayMinutes: 180,
  ...over,
});

describe("precise place after a strike", () => {
  it("flags a street named in a strike story within the delay, and says why", () => {
    const findings = checkPrecisePlaceAfterStrike(
      story({ text: "A missile hit a nine-storey building at 14 Shevchenko Street. Rescuers are at work." }),
    );
    expect(findings).toEqual([
      expect.objectContaining({ rule: "precise_place_after_strike", text: "14 Shevchenko Street" }),
    ]);
    expect(findings[0]?.why).toContain("less than 3 h after the event");
  });

  it("says nothing once the delay after the event has passed", () => {
    const text = "A missile hit a nine-storey building at 14 Shevchenko Street.";
    expect(checkPrecisePlaceAfterStrike(story({ text, publishAt: new Date("2026-05-01T09:00:00Z") }))).toEqual([]);
  });

  it("leaves a labour strike on a named street alone", () => {
    expect(isPrecisePlaceAfterStrike("Workers at the bus depot on Shevchenko Street went on strike.", "en")).toBe(
      false,
    );
  });

  it("reads Ukrainian and Russian inflections", () => {
    expect(isPrecisePlaceAfterStrike("Уламки після вибуху вибили вікна на вулиці Київській.", "uk")).toBe(true);
    expect(isPrecisePlaceAfterStrike("Обстрел накрыл проспект Мира, когда люди стояли в очереди.", "ru")).toBe(true);
    expect(isPrecisePlaceAfterStrike("Нова кав'ярня на вулиці Шевченка працює з восьмої.", "uk")).toBe(false);
    expect(isPrecisePlaceAfterStrike("Тепловой удар на улице Пушкинской свалил прохожего.", "ru")).toBe(false);
  });

  it("counts the geotagger's street-level places too", () => {
    const findings = checkPrecisePlaceAfterStrike(
      story({ text: "Shelling continued overnight.", places: [{ name: "Sumska", precision: "street" }] }),
    );
    expect(findings.map((f) => f.text)).toEqual(["Sumska"]);
  });
});

describe("air defence next to a place", () => {
  it("flags a system named with where it stands", () => {
    const [finding] = checkAirDefenceNearPlace({
      language: "uk",
      text: "Розрахунок ППО працював біля Броварів усю ніч.",
    });
    expect(finding).toMatchObject({ rule: "air_defence_near_place" });
    expect(finding?.why).toContain("ППО");
  });

  it("leaves air defence without a place alone", () => {
    expect(
      checkAirDefenceNearPlace({ language: "en", text: "Air defence systems were working, officials said." }),
    ).toEqual([]);
  });
});

describe("photos", () => {
  it("says that a photo's location was stripped, and flags a caption naming a street", () => {
    const findings = checkPhotos({
      language: "en",
      captions: ["Firefighters on Sumska Street at dawn"],
      photosWithMetadata: [{ mediaId: 4, had: ["location", "time"] }],
    });
    expect(findings.map((f) => f.rule)).toEqual(["photo_location", "photo_location"]);
    expect(findings[0]?.why).toContain("stripped");
    expect(findings[1]?.text).toBe("Firefighters on Sumska Street at dawn");
  });
});

describe("the whole check", () => {
  it("leaves out the rules the edition turned off", () => {
    const text = "A missile hit 14 Shevchenko Street. A Patriot battery near Kyiv fired twice.";
    expect(checkStory(story({ text })).map((f) => f.rule)).toEqual([
      "precise_place_after_strike",
      "air_defence_near_place",
    ]);
    expect(checkStory(story({ text }), new Set(["precise_place_after_strike"])).map((f) => f.rule)).toEqual([
      "air_defence_near_place",
    ]);
  });

  it("checks other languages' editions with the English lists", () => {
    expect(checkLanguageOf("uk-UA")).toBe("uk");
    expect(checkLanguageOf("de")).toBe("en");
  });
});

describe("the labelled set", () => {
  it("computes precision and recall", () => {
    const items = [
      { text: "a", precisePlaceAfterStrike: true },
      { text: "b", precisePlaceAfterStrike: true },
      { text: "c", precisePlaceAfterStrike: false },
      { text: "d", precisePlaceAfterStrike: false },
    ];
    expect(measureDetector(items, (t) => t === "a" || t === "c")).toMatchObject({
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 1,
      precision: 0.5,
      recall: 0.5,
    });
  });

  it("has at least 60 sentences per language and meets the targets (recall ≥ 0.9, precision ≥ 0.7)", () => {
    for (const [language, metrics] of Object.entries(measureLabelledSet())) {
      expect(metrics.sentences, language).toBeGreaterThanOrEqual(60);
      expect(metrics.recall, language).toBeGreaterThanOrEqual(0.9);
      expect(metrics.precision, language).toBeGreaterThanOrEqual(0.7);
    }
  });
});
