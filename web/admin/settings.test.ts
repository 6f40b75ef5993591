import { Value } from "typebox/value";
import { describe, expect, it } from "vitest";
import { EditionSettingsSchema, PromoSchema } from "../../src/newsroom/settings.schemas.js";
import {
  addableKinds,
  defaultPromo,
  LIMITS,
  languageFor,
  move,
  normalizeXHandle,
  PROMO_KINDS,
  promoLabel,
  promoProblems,
  settingsBody,
  trimPromo,
  xHandleProblem,
} from "./screens/settings.js";
import type { Promo } from "./types.js";

const EN = { code: "en", language: "en", basePath: "/en/" };

describe("new promo modules", () => {
  it("starts each kind with the schema's shape, in the edition's language", () => {
    for (const { type } of PROMO_KINDS) {
      const promo = defaultPromo(type, EN);
      expect(promo.type).toBe(type);
      // Every kind but the map (whose address the editor must give) is valid as it starts.
      if (type !== "map") {
        expect(Value.Check(PromoSchema, promo), type).toBe(true);
        expect(promoProblems(promo)).toEqual({});
      }
    }
    expect(defaultPromo("newsletter", { code: "ru" })).toMatchObject({ language: "ru", list: "ru-daily" });
    expect(defaultPromo("support", { code: "uk", language: "uk" })).toMatchObject({
      title: "Підтримайте незалежну журналістику",
    });
    expect(promoProblems(defaultPromo("map", EN))).toEqual({ href: "Enter the map's address." });
  });

  it("picks the newsletter language from the edition, English otherwise", () => {
    expect(languageFor({ code: "uk" })).toBe("uk");
    expect(languageFor({ code: "x", language: "ru-RU" })).toBe("ru");
    expect(languageFor({ code: "pl", language: "pl" })).toBe("en");
  });

  it("offers the follow links once and nothing past twelve modules", () => {
    expect(addableKinds([])).toEqual(["newsletter", "map", "support", "follow"]);
    expect(addableKinds([{ type: "follow" }])).toEqual(["newsletter", "map", "support"]);
    const full: Promo[] = Array.from({ length: LIMITS.modules }, () => defaultPromo("support", EN));
    expect(addableKinds(full)).toEqual([]);
  });
});

describe("module validation follows the API's limits", () => {
  it("names each missing or too long field", () => {
    const newsletter = { ...defaultPromo("newsletter", EN), title: " ", list: "", cadence: "x".repeat(121) } as Promo;
    expect(promoProblems(newsletter)).toEqual({
      title: "Enter a title.",
      list: "Enter the list identifier.",
      cadence: "How often it goes out must be at most 120 characters (now 121).",
    });
    const map: Promo = { type: "map", title: "t".repeat(201), description: "d".repeat(601), href: "/en/maps/x" };
    expect(Object.keys(promoProblems(map)).sort()).toEqual(["description", "title"]);
    expect(promoProblems({ type: "follow" })).toEqual({});
  });

  it("agrees with the schema on the edges", () => {
    const at: Promo = { type: "support", title: "t".repeat(200), description: "d".repeat(600) };
    const over: Promo = { type: "support", title: "t".repeat(201), description: "" };
    expect(promoProblems(at)).toEqual({});
    expect(Value.Check(PromoSchema, at)).toBe(true);
    expect(promoProblems(over).title).toMatch(/at most 200/);
    expect(Value.Check(PromoSchema, over)).toBe(false);
  });

  it("trims texts before saving", () => {
    expect(trimPromo({ type: "map", title: " Map ", description: " d ", href: " /en/maps/x " })).toEqual({
      type: "map",
      title: "Map",
      description: "d",
      href: "/en/maps/x",
    });
  });
});

describe("X handle", () => {
  it("adds the @ and checks the pattern the API checks", () => {
    expect(normalizeXHandle(" gazette ")).toBe("@gazette");
    expect(normalizeXHandle("@gazette")).toBe("@gazette");
    expect(normalizeXHandle("  ")).toBe("");
    for (const handle of ["", "@gazette", "@a_1", `@${"a".repeat(15)}`]) {
      expect(xHandleProblem(handle), handle).toBeUndefined();
      const settings = {
        siteName: "G",
        videoOfTheDay: null,
        articlePromos: [],
        follow: {},
        supportUrl: "",
        xHandle: handle,
      };
      expect(Value.Check(EditionSettingsSchema, settings)).toBe(true);
    }
    for (const handle of ["@", "@with space", `@${"a".repeat(16)}`, "@é"]) {
      expect(xHandleProblem(handle), handle).toMatch(/1 to 15/);
    }
  });
});

describe("promoLabel", () => {
  it("names the kind and the title, or says there is none yet", () => {
    expect(promoLabel({ type: "map", title: "Battle map", description: "", href: "/en/maps/x" })).toBe(
      "Map: Battle map",
    );
    expect(promoLabel({ type: "support", title: " ", description: "" })).toBe("Support appeal: (no title yet)");
    expect(promoLabel({ type: "follow" })).toBe("Follow links");
  });
});

describe("move", () => {
  it("moves within bounds only", () => {
    expect(move([1, 2, 3], 0, 1)).toEqual([2, 1, 3]);
    expect(move([1, 2, 3], 2, -1)).toEqual([1, 3, 2]);
    const list = [1, 2];
    expect(move(list, 0, -1)).toBe(list);
  });
});

describe("the body sent to the API", () => {
  const initial = {
    siteName: "Gazette",
    videoOfTheDay: null,
    articlePromos: [],
    follow: { x: "https://x.com/gazette" },
    supportUrl: "",
  };
  const draft = {
    siteName: "  Renamed ",
    follow: { x: " ", telegram: " https://t.me/gazette " },
    supportUrl: " https://example.org/support ",
    xHandle: "",
    videoOfTheDay: null,
    articlePromos: [{ type: "support", title: " Help ", description: "" } as Promo],
  };

  it("sends an admin's trimmed edits, leaving out empty links and an X handle the server never had", () => {
    const body = settingsBody(initial, draft, true);
    expect(body).toEqual({
      siteName: "Renamed",
      follow: { telegram: "https://t.me/gazette" },
      supportUrl: "https://example.org/support",
      videoOfTheDay: null,
      articlePromos: [{ type: "support", title: "Help", description: "" }],
    });
    expect("xHandle" in body).toBe(false);
    expect(settingsBody({ ...initial, xHandle: "@old" }, draft, true).xHandle).toBe("");
    expect(settingsBody(initial, { ...draft, xHandle: "@new" }, true).xHandle).toBe("@new");
    expect(Value.Check(EditionSettingsSchema, body)).toBe(true);
  });

  it("sends an editor's site identity back untouched, so only promos and video change", () => {
    const body = settingsBody({ ...initial, xHandle: "@gazette" }, draft, false);
    expect(body).toEqual({
      siteName: "Gazette",
      follow: { x: "https://x.com/gazette" },
      supportUrl: "",
      xHandle: "@gazette",
      videoOfTheDay: null,
      articlePromos: [{ type: "support", title: "Help", description: "" }],
    });
    expect("xHandle" in settingsBody(initial, draft, false)).toBe(false);
  });
});
