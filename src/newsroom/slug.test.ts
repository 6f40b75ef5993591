import { describe, expect, it } from "vitest";
import { isValidSlug, slugify, transliterate } from "./slug.js";

describe("slugs", () => {
  it("transliterates Ukrainian with the national system", () => {
    expect(slugify("Бої за Бахмут: Щастя, Їжакевичі та Ізюм", "uk")).toBe(
      "boi-za-bakhmut-shchastia-yizhakevychi-ta-izium",
    );
  });

  it("spells Ukrainian є ї й ю я differently at the start of a word (KMU 2010)", () => {
    expect(transliterate("Єнакієве Їжак Йосипівка Юрій Яготин", "uk")).toBe(
      "yenakiieve yizhak yosypivka yurii yahotyn",
    );
  });

  it("writes Ukrainian зг as zgh, г as h and ґ as g", () => {
    expect(slugify("Згорани, Ґорґани і Гадяч", "uk")).toBe("zghorany-gorgany-i-hadiach");
  });

  it("drops the apostrophe and the soft sign inside Ukrainian words", () => {
    expect(slugify("Прем’єр зустрівся з об'єднанням у Львові", "uk")).toBe("premier-zustrivsia-z-obiednanniam-u-lvovi");
  });

  it("transliterates Russian by Russian rules, not Ukrainian ones", () => {
    expect(slugify("Что происходит под Авдеевкой", "ru")).toBe("chto-proiskhodit-pod-avdeevkoi");
    // г is g and и is i in Russian (h and y in Ukrainian).
    expect(slugify("Жители Горловки", "ru")).toBe("zhiteli-gorlovki");
    expect(slugify("Жители Горловки", "uk")).toBe("zhytely-horlovky");
  });

  it("handles the Russian е ё ы э ъ ь", () => {
    expect(transliterate("ёлка белый этаж объявление сильный", "ru")).toBe("elka belyi etazh obieiavlenie silnyi");
  });

  it("keeps English as written, dropping accents and punctuation", () => {
    expect(slugify("Drones over Odesa: what we know", "en")).toBe("drones-over-odesa-what-we-know");
    expect(slugify("Café crème in Kyiv", "en")).toBe("cafe-creme-in-kyiv");
  });

  it("transliterates Cyrillic left in an English text by the letters it has", () => {
    expect(slugify("Їжак", "en")).toBe("yizhak");
    expect(slugify("Объявление", "en")).toBe("obieiavlenie");
  });

  it("cuts long titles at a word", () => {
    const slug = slugify("A very long headline ".repeat(10), "en");
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith("-")).toBe(false);
    expect(isValidSlug(slug)).toBe(true);
  });

  it("never returns an empty slug", () => {
    expect(slugify("!!!", "en")).toBe("article");
  });
});
