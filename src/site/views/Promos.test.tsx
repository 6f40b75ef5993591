import { describe, expect, it } from "vitest";
import type { Promo } from "../../newsroom/settings.schemas.js";
import { orderPromosForLanguage } from "./Promos.js";

function newsletter(language: "uk" | "ru" | "en", list: string): Promo {
  return { type: "newsletter", list, language, title: list, description: "", cadence: "Daily" };
}

describe("promo cards after an article", () => {
  const ru = newsletter("ru", "morning-ru");
  const en = newsletter("en", "morning-en");
  const uk = newsletter("uk", "morning-uk");
  const map: Promo = { type: "map", title: "Map", description: "", href: "/en/maps/front" };
  const support: Promo = { type: "support", title: "Support", description: "" };

  it("puts the newsletter in the reader's language before the others, in the newsletters' own slots", () => {
    expect(orderPromosForLanguage([ru, map, en, support], "en")).toEqual([en, map, ru, support]);
  });

  it("keeps the editors' order among newsletters in other languages and leaves other cards in place", () => {
    expect(orderPromosForLanguage([map, ru, uk, en, support], "en")).toEqual([map, en, ru, uk, support]);
    expect(orderPromosForLanguage([map, ru, uk, support], "en")).toEqual([map, ru, uk, support]);
  });
});
