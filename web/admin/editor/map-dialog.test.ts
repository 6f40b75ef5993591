import { describe, expect, it } from "vitest";
import { mapTitle } from "./map-dialog.js";

describe("a map's title in the body editor", () => {
  const map = {
    slug: "bakhmut",
    texts: { uk: { title: "Бахмут", description: "" }, en: { title: "Bakhmut", description: "" } },
  };

  it("is the title in the body's language", () => {
    expect(mapTitle(map, "en")).toBe("Bakhmut");
  });

  it("falls back to the first title, then to the address", () => {
    expect(mapTitle(map, "ru")).toBe("Бахмут");
    expect(mapTitle({ slug: "empty", texts: {} }, "en")).toBe("empty");
  });
});
