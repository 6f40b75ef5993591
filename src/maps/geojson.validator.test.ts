import { describe, expect, it } from "vitest";
import { GEOJSON_LIMITS, validateLayer, validateLayerText } from "./geojson.validator.js";

const square = [
  [37.9, 48.5],
  [38.0, 48.5],
  [38.0, 48.6],
  [37.9, 48.6],
  [37.9, 48.5],
];

function collection(...features: unknown[]) {
  return { type: "FeatureCollection", features };
}

const front = {
  type: "Feature",
  geometry: {
    type: "LineString",
    coordinates: [
      [37.9, 48.5],
      [38.0, 48.6],
    ],
  },
  properties: {},
};
const area = {
  type: "Feature",
  geometry: { type: "Polygon", coordinates: [square] },
  properties: { status: "occupied", confidence: "assessed" },
};
const event = {
  type: "Feature",
  geometry: { type: "Point", coordinates: [37.95, 48.55] },
  properties: {
    category: "shelling",
    time: "2023-05-20T06:00:00Z",
    description: "Shelling",
    source: "https://example.org/r",
  },
};

function problems(value: unknown) {
  const result = validateLayer(value);
  if (result.ok) throw new Error("expected the layer to be refused");
  return result.problems;
}

describe("validateLayer", () => {
  it("accepts front lines, areas and events and keeps only what the map draws", () => {
    const result = validateLayer(
      collection(front, { ...area, properties: { ...area.properties, extra: "<script>", name: " North " } }, event),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.features.map((f) => f.properties.kind)).toEqual(["front", "area", "event"]);
    expect(result.value.features[1]?.properties).toEqual({
      kind: "area",
      status: "occupied",
      confidence: "assessed",
      name: "North",
    });
  });

  it("names an unclosed ring by its feature number, counting from 1, and its path", () => {
    const open = { ...area, geometry: { type: "Polygon", coordinates: [square.slice(0, 4).concat([[37.95, 48.55]])] } };
    expect(problems(collection(front, open))).toEqual([
      { feature: 2, path: "geometry.coordinates[0]", message: expect.stringContaining("is not closed") },
    ]);
  });

  it("lists every problem at once, geometry and properties together, each with its path", () => {
    const broken = {
      type: "Feature",
      geometry: {
        type: "MultiPolygon",
        coordinates: [[square], [[...square.slice(0, 3), [200, 48.6], [37.9, 48.5]]]],
      },
      properties: { status: "annexed" },
    };
    const badEvent = {
      ...event,
      geometry: { type: "Point", coordinates: ["x", 48] },
      properties: { category: "rumour", time: "yesterday", source: "ftp://example.org" },
    };
    expect(problems(collection(front, broken, badEvent))).toEqual([
      { feature: 2, path: "properties.status", message: expect.stringContaining("must be one of occupied") },
      { feature: 2, path: "properties.confidence", message: expect.stringContaining("(it is missing)") },
      { feature: 2, path: "geometry.coordinates[1][0][3]", message: expect.stringContaining("longitude 200 outside") },
      { feature: 3, path: "geometry.coordinates", message: expect.stringContaining("not a number") },
      { feature: 3, path: "properties.category", message: expect.stringContaining("must be one of shelling") },
      { feature: 3, path: "properties.time", message: expect.stringContaining("date or date-time") },
      { feature: 3, path: "properties.description", message: "is required for an event" },
      { feature: 3, path: "properties.source", message: expect.stringContaining("http(s) URL") },
    ]);
  });

  it("refuses swapped or out-of-range coordinates", () => {
    const swapped = {
      ...front,
      geometry: {
        type: "LineString",
        coordinates: [
          [37.9, 48.5],
          [238, 48.6],
        ],
      },
    };
    expect(problems(collection(swapped))[0]?.message).toMatch(/longitude 238 outside/);
    const strings = {
      ...front,
      geometry: {
        type: "LineString",
        coordinates: [
          ["37.9", "48.5"],
          [38, 48],
        ],
      },
    };
    expect(problems(collection(strings))[0]?.message).toMatch(/not a number/);
  });

  it("refuses an area without status or confidence, and an unknown status", () => {
    const bare = { ...area, properties: {} };
    const odd = { ...area, properties: { status: "annexed", confidence: "assessed" } };
    const found = problems(collection(bare, odd));
    expect(found.map((p) => p.feature)).toEqual([1, 1, 2]);
    expect(found[2]).toEqual({
      feature: 2,
      path: "properties.status",
      message: "must be one of occupied, liberated, contested",
    });
  });

  it("refuses an event without a source URL or with a script URL", () => {
    const noSource = { ...event, properties: { ...event.properties, source: undefined } };
    const script = { ...event, properties: { ...event.properties, source: "javascript:alert(1)" } };
    expect(problems(collection(noSource, script)).map((p) => [p.feature, p.path])).toEqual([
      [1, "properties.source"],
      [2, "properties.source"],
    ]);
  });

  it("refuses geometry types a layer has no use for", () => {
    const collectionGeometry = {
      type: "Feature",
      geometry: { type: "GeometryCollection", geometries: [] },
      properties: {},
    };
    expect(problems(collection(collectionGeometry))[0]?.message).toMatch(/GeometryCollection/);
  });

  it("refuses what is not a FeatureCollection", () => {
    expect(problems(front)[0]).toEqual({
      feature: null,
      path: "",
      message: expect.stringContaining("FeatureCollection"),
    });
    expect(problems(collection())[0]?.message).toMatch(/no features/);
    expect(problems(null)[0]?.feature).toBeNull();
    expect(problems(collection("feature", 42, null)).map((p) => p.feature)).toEqual([1, 2, 3]);
  });

  it("refuses hostile nesting and sizes without walking them whole", () => {
    let deep: unknown = [37.9, 48.5];
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(problems(collection({ ...front, geometry: { type: "LineString", coordinates: deep } }))).toHaveLength(1);
    const many = Array.from({ length: GEOJSON_LIMITS.features + 1 }, () => front);
    expect(problems(collection(...many))[0]?.message).toMatch(/limit is 5000/);
    const long = Array.from({ length: GEOJSON_LIMITS.positions + 1 }, (_, i) => [37 + i / 1e6, 48]);
    expect(problems(collection({ ...front, geometry: { type: "LineString", coordinates: long } }))[0]?.message).toMatch(
      /more than 200000 positions/,
    );
  });

  it("stops listing problems at a bounded number", () => {
    const bad = Array.from({ length: 500 }, () => ({ ...area, properties: {} }));
    expect(problems(collection(...bad))).toHaveLength(GEOJSON_LIMITS.errors);
  });
});

describe("validateLayerText", () => {
  it("refuses text that is not JSON, and files over the size limit", () => {
    expect(validateLayerText("{ not json")).toEqual({
      ok: false,
      problems: [{ feature: null, path: "", message: "the file is not valid JSON" }],
    });
    const huge = JSON.stringify(collection(front)).padEnd(GEOJSON_LIMITS.bytes + 1, " ");
    expect(validateLayerText(huge).ok).toBe(false);
  });

  it("ignores a __proto__ key in properties", () => {
    const text = `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[37.9,48.5],[38,48.6]]},"properties":{"__proto__":{"polluted":true}}}]}`;
    const result = validateLayerText(text);
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
