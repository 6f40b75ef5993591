import { describe, expect, it } from "vitest";
import { isValidSlug, slugify } from "./slug.js";

describe("slugs", () => {
  it("transliterates Ukrainian with the national system", () => {
    expect(slugify("Бої за Бахмут: Щастя, Їжакевичі та Ізюм", "uk")).toBe(
      "boi-za-bakhmut-shchastia-yizhakevychi-ta-izium",
    );
  });

  it("drops the apostrophe inside Ukrainian words", () => {
    expect(slugify("Прем’єр зустрівся з об'єднанням", "uk")).toBe("premier-zustrivsia-z-obiednanniam");
  });

  it("transliterates Russian", () => {
    expect(slugify("Что происходит под Авдеевкой", "ru")).toBe("chto-proiskhodit-pod-avdeevkoi");
  });

  it("keeps English and cuts long titles at a word", () => {
    const slug = slugify("A very long headline ".repeat(10), "en");
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith("-")).toBe(false);
    expect(isValidSlug(slug)).toBe(true);
  });

  it("never returns an empty slug", () => {
    expect(slugify("!!!", "en")).toBe("article");
  });
});
