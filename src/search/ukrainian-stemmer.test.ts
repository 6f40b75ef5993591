import { describe, expect, it } from "vitest";
import { stemmerFor } from "./stemmers.js";
import { words } from "./text.js";
import { stemUkrainian } from "./ukrainian-stemmer.js";

/** The stems of each word of a text, after the tokenizer's folding. */
const stems = (text: string, language = "uk") => words(text).map(stemmerFor(language));

describe("Ukrainian stemmer", () => {
  it.each([
    ["Бахмут Бахмута Бахмуті Бахмутом Бахмуту", "бахмут"],
    ["війна війни війні війну війною", "війн"],
    ["Україна України Україні Україну Україною", "україн"],
    ["обстріл обстріли обстрілів обстрілами обстрілах", "обстріл"],
    ["область області областю", "област"],
    ["Харків Харкова Харкові Харковом", "харк"],
    ["Київ Києва Києві Києвом", "київ"],
    ["російський російська російського російському російських", "російськ"],
  ])("brings the forms of %s to one stem", (forms, stem) => {
    expect(new Set(stems(forms))).toEqual(new Set([stem]));
  });

  it("leaves short words and stems that would lose their root alone", () => {
    expect(stemUkrainian("крим")).toBe("крим");
    expect(stemUkrainian("сили")).toBe("сил");
    expect(stemUkrainian("дні")).toBe("дні");
  });

  it("keeps Latin words and numbers as written", () => {
    expect(stems("HIMARS 2024 F-16")).toEqual(["himars", "2024", "f", "16"]);
  });

  it("folds apostrophes, ґ and stress marks the way readers type them", () => {
    expect(stems("обʼєкт об'єкти об’єктів")).toEqual(["обєкт", "обєкт", "обєкт"]);
    expect(stems("ґанок ганок")).toEqual(["ганок", "ганок"]);
    expect(stems("ви́бух вибух")).toEqual(stems("вибух вибух"));
  });
});

describe("Russian and English stemming", () => {
  it("brings Russian case forms together, with ё read as е", () => {
    expect(new Set(stems("Бахмут Бахмута Бахмуте Бахмутом", "ru"))).toEqual(new Set(["бахмут"]));
    expect(stems("ёлка елка", "ru")).toEqual(["елк", "елк"]);
  });

  it("brings English inflections together", () => {
    expect(new Set(stems("attack attacks attacked attacking", "en"))).toEqual(new Set(["attack"]));
    expect(stems("Bakhmut's", "en")).toEqual(["bakhmut"]);
  });
});
