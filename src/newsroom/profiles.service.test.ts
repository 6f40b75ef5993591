import { describe, expect, it } from "vitest";
import { bioFor, displayName } from "./profiles.service.js";

describe("a staff byline's name and bio in an edition's language", () => {
  const names = { uk: "Олена Коваль", ru: null, en: "Olena Koval" };

  it("uses the edition's language when the profile has it", () => {
    expect(displayName(names, "uk")).toBe("Олена Коваль");
    expect(displayName(names, "en")).toBe("Olena Koval");
  });

  it("lets Ukrainian and Russian stand in for each other before English", () => {
    expect(displayName(names, "ru")).toBe("Олена Коваль");
    expect(displayName({ uk: null, ru: "Елена Коваль", en: "Olena Koval" }, "uk")).toBe("Елена Коваль");
  });

  it("gives an English edition the English name, then the Ukrainian, then the Russian", () => {
    expect(displayName({ uk: "Олена", ru: "Елена", en: null }, "en")).toBe("Олена");
    expect(displayName({ uk: null, ru: "Елена", en: null }, "en")).toBe("Елена");
  });

  it("reads an edition in another language as an English one", () => {
    expect(displayName(names, "de")).toBe("Olena Koval");
  });

  it("shows a bio only in the edition's own language", () => {
    const bios = { uk: "Кореспондентка.", ru: null, en: "Correspondent." };
    expect(bioFor(bios, "uk")).toBe("Кореспондентка.");
    expect(bioFor(bios, "ru")).toBeNull();
    expect(bioFor(bios, "de")).toBeNull();
  });
});
