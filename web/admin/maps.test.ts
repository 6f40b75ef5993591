import { describe, expect, it } from "vitest";
import { ApiError } from "./api.js";
import { describeLayerProblem, editionLanguages, layerProblems, mapPreviewUrl } from "./screens/map.js";
import { layerEvents, missingTexts, translationLanguages } from "./screens/map-layer-texts.js";
import type { MapLayer } from "./types.js";

describe("a refused layer upload in the maps screen", () => {
  it("reads every problem of the server's answer, to list them by the file control", () => {
    const error = new ApiError(400, "validation_failed", "The layer was not imported.", {
      problems: [
        { feature: 2, path: "properties.status", message: "must be one of occupied, liberated, contested" },
        { feature: 2, path: "geometry.coordinates[0][3]", message: "has longitude 200 outside -180…180" },
      ],
    });
    expect(layerProblems(error)?.map(describeLayerProblem)).toEqual([
      "Feature 2 · properties.status: must be one of occupied, liberated, contested",
      "Feature 2 · geometry.coordinates[0][3]: has longitude 200 outside -180…180",
    ]);
  });

  it("names the file itself for a problem of no feature, and leaves other errors to the usual message", () => {
    expect(describeLayerProblem({ feature: null, path: "", message: "the file is not valid JSON" })).toBe(
      "The file: the file is not valid JSON",
    );
    expect(layerProblems(new ApiError(409, "conflict", "A layer exists for that day."))).toBeNull();
    expect(layerProblems(new Error("offline"))).toBeNull();
  });
});

describe("the layer texts editor", () => {
  const layer: MapLayer = {
    id: 7,
    mapId: 1,
    validOn: "2023-05-20",
    title: "Fighting in the centre",
    note: "The front moved west.",
    featureCount: 3,
    createdAt: "2023-05-20T10:00:00Z",
    updatedAt: "2023-05-20T10:00:00Z",
    status: "draft",
    publishedAt: null,
    language: "en",
    translations: {},
    geojson: {
      features: [
        { properties: { kind: "front" } },
        { properties: { kind: "event", description: "Shelling", time: "2023-05-20T06:00:00Z" } },
        { properties: { kind: "event", description: "Assault", time: "2023-05-20T08:00:00Z" } },
      ],
    },
  };

  it("numbers events as the server does, from 1 among all features", () => {
    expect(layerEvents(layer).map((e) => [e.number, e.description])).toEqual([
      [2, "Shelling"],
      [3, "Assault"],
    ]);
  });

  it("offers every edition language but the layer's own, each once", () => {
    const editions = editionLanguages([
      { code: "uk", name: "Українська", language: "uk", timeZone: "Europe/Kyiv", basePath: "/" },
      { code: "ru", name: "Русский", language: "ru", timeZone: "Europe/Kyiv", basePath: "/ru/" },
      { code: "en", name: "English", language: "en", timeZone: "Europe/Kyiv", basePath: "/en/" },
      { code: "en-us", name: "English (US)", language: "en", timeZone: "America/New_York", basePath: "/us/" },
    ]);
    expect(editions.map((e) => e.code)).toEqual(["uk", "ru", "en"]);
    expect(translationLanguages(editions, "en").map((e) => e.code)).toEqual(["uk", "ru"]);
  });

  it("lists what a translation still lacks, which readers see in the original", () => {
    expect(missingTexts(layer, undefined)).toEqual(["title", "note", "event 2", "event 3"]);
    expect(missingTexts(layer, { title: "Бої", note: null, events: { "2": "Обстріл" }, updatedAt: "" })).toEqual([
      "note",
      "event 3",
    ]);
  });

  it("opens the staff preview of the map on the layer's day", () => {
    expect(mapPreviewUrl(1, "en", "2023-05-20")).toBe("/admin/api/maps/1/preview?edition=en&date=2023-05-20");
  });
});
