import { describe, expect, it } from "vitest";
import { CATALOGS, translate, translatePlural } from "./messages.js";

const languages = Object.keys(CATALOGS) as (keyof typeof CATALOGS)[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogs", () => {
  it("have every key in every language, none empty", () => {
    const keys = new Set(languages.flatMap((language) => Object.keys(CATALOGS[language])));
    for (const language of languages) {
      const catalog: Record<string, string> = CATALOGS[language];
      for (const key of keys) {
        expect(catalog[key], `${language}: ${key}`).toBeTypeOf("string");
        expect(catalog[key]?.trim(), `${language}: ${key}`).not.toBe("");
      }
    }
  });

  it("use the same placeholders in every language", () => {
    for (const key of Object.keys(CATALOGS.en) as (keyof typeof CATALOGS.en)[]) {
      const expected = placeholders(CATALOGS.en[key]);
      for (const language of languages)
        expect(placeholders(CATALOGS[language][key]), `${language}: ${key}`).toEqual(expected);
    }
  });

  it("falls back to English for an unknown language", () => {
    expect(translate("de", "site.home")).toBe("Home");
  });

  it("chooses plural forms by the language's rules", () => {
    expect(translatePlural("uk", "search.count", 1)).toBe("Знайдено 1 матеріал");
    expect(translatePlural("uk", "search.count", 3)).toBe("Знайдено 3 матеріали");
    expect(translatePlural("uk", "search.count", 11)).toBe("Знайдено 11 матеріалів");
    expect(translatePlural("uk", "search.count", 21)).toBe("Знайдено 21 матеріал");
    expect(translatePlural("ru", "search.count", 5)).toBe("Найдено 5 материалов");
    expect(translatePlural("en", "search.count", 1)).toBe("1 story found");
    expect(translatePlural("en", "search.count", 1000)).toBe("1,000 stories found");
  });
});
