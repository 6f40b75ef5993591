import { describe, expect, it } from "vitest";
import { startTestApp } from "../../test/test-app.js";
import { tileImageSources } from "./map-assets.js";

describe("tileImageSources", () => {
  it("allows images from the tile host only, subdomains as a wildcard", () => {
    expect(tileImageSources(null)).toEqual([]);
    expect(tileImageSources("https://tiles.example/{z}/{x}/{y}.png")).toEqual(["https://tiles.example"]);
    expect(tileImageSources("https://{s}.tiles.example/{z}/{x}/{y}.png")).toEqual(["https://*.tiles.example"]);
  });

  it("adds the tile host to the pages' CSP when a tile URL is set, and nothing otherwise", async () => {
    for (const [env, expected] of [
      [{}, "img-src 'self' data:;"],
      [{ MAP_TILE_URL: "https://tiles.example/{z}/{x}/{y}.png" }, "img-src 'self' data: https://tiles.example;"],
    ] as const) {
      const t = await startTestApp("sqlite", { env, editions: ["en"] });
      try {
        const response = await t.app.inject({ url: "/" });
        expect(response.headers["content-security-policy"]).toContain(expected);
      } finally {
        await t.close();
      }
    }
  });
});
