import type { MultiPolygon, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { loadBasemap } from "./basemap.js";
import { demoLayerGeoJson } from "./demo/bakhmut.demo.js";
import { validateLayer } from "./geojson.validator.js";
import { renderMapSvg } from "./svg.renderer.js";

const view = { lat: 48.59, lon: 38.0, zoom: 10, width: 800, height: 560 };

function demoLayer(claimed?: [number, number, number, number]) {
  const result = validateLayer(
    demoLayerGeoJson({
      validOn: "",
      title: "",
      note: "",
      frontLon: 38,
      contested: 0.02,
      ...(claimed ? { claimed } : {}),
      events: [
        {
          at: [38, 48.59],
          category: "shelling",
          time: "2023-05-20",
          description: "Fire <&> smoke",
          source: "https://example.org/r",
        },
      ],
    }),
  );
  if (!result.ok) throw new Error("demo layer invalid");
  return result.value;
}

function contains(geometry: Polygon | MultiPolygon, [x, y]: [number, number]): boolean {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  let inside = false;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i] as [number, number];
        const [xj, yj] = ring[j] as [number, number];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

describe("renderMapSvg", () => {
  it("draws the basemap, areas by status, the front and events", () => {
    const svg = renderMapSvg(loadBasemap(), demoLayer([37.9, 48.6, 37.95, 48.65]), view, { title: "Bakhmut" });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('viewBox="0 0 800 560"');
    expect(svg).toContain('class="area area-occupied area-assessed"');
    expect(svg).toContain('class="area area-contested area-assessed"');
    expect(svg).toContain('class="area area-occupied area-claimed"');
    expect(svg.match(/class="front"/g)).toHaveLength(1);
    expect(svg.match(/class="event"/g)).toHaveLength(1);
  });

  it("escapes text from the layer and the title", () => {
    const svg = renderMapSvg(loadBasemap(), demoLayer(), view, { title: 'A "map" <b>' });
    expect(svg).toContain("Fire &#60;&#38;&#62; smoke");
    expect(svg).not.toContain("<b>");
  });

  it("puts the centre of the view in the middle of the picture", () => {
    const svg = renderMapSvg(loadBasemap(), null, view, { title: "x", pins: [{ lat: 48.59, lon: 38, label: "here" }] });
    expect(svg).toMatch(/class="pin" d="M400 280/);
  });

  it("draws Crimea and Sevastopol as Ukrainian oblasts", () => {
    const slugs = loadBasemap().oblasts.features.map((f) => f.properties.slug);
    expect(slugs).toEqual(expect.arrayContaining(["crimea", "sevastopol", "donetsk-oblast"]));
    const russia = loadBasemap().countries.features.find((f) => f.properties.iso === "RU");
    const crimea = loadBasemap().oblasts.features.find((f) => f.properties.slug === "crimea");
    const simferopol: [number, number] = [34.1, 44.95];
    const belgorod: [number, number] = [36.6, 50.6];
    expect(russia && contains(russia.geometry, belgorod)).toBe(true);
    expect(russia && contains(russia.geometry, simferopol)).toBe(false);
    expect(crimea && contains(crimea.geometry, simferopol)).toBe(true);
  });
});
