/**
 * Checks an uploaded layer (RFC 7946 FeatureCollection) before anything is stored, and returns a
 * clean copy holding only what the map draws. Every problem names the feature's index, so an
 * editor can find it in the file; one bad feature rejects the whole upload.
 *
 * A layer mixes three kinds of feature, told apart by geometry:
 * - front lines: LineString / MultiLineString;
 * - areas: Polygon / MultiPolygon with `status` (occupied | liberated | contested) and
 *   `confidence` (assessed | claimed), the distinction ISW's legend makes;
 * - events: Point with `category`, `time`, `description` and a `source` URL.
 */

export const AREA_STATUSES = ["occupied", "liberated", "contested"] as const;
export const CONFIDENCES = ["assessed", "claimed"] as const;
export const EVENT_CATEGORIES = ["shelling", "airstrike", "drone", "missile", "assault", "advance", "other"] as const;

export type AreaStatus = (typeof AREA_STATUSES)[number];
export type Confidence = (typeof CONFIDENCES)[number];
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

export type Position = [number, number];

export interface FrontFeature {
  type: "Feature";
  geometry: { type: "LineString"; coordinates: Position[] } | { type: "MultiLineString"; coordinates: Position[][] };
  properties: { kind: "front"; name: string | null };
}

export interface AreaFeature {
  type: "Feature";
  geometry: { type: "Polygon"; coordinates: Position[][] } | { type: "MultiPolygon"; coordinates: Position[][][] };
  properties: { kind: "area"; status: AreaStatus; confidence: Confidence; name: string | null };
}

export interface EventFeature {
  type: "Feature";
  geometry: { type: "Point"; coordinates: Position };
  properties: { kind: "event"; category: EventCategory; time: string; description: string; source: string };
}

export type LayerFeature = FrontFeature | AreaFeature | EventFeature;

export interface LayerCollection {
  type: "FeatureCollection";
  features: LayerFeature[];
}

export interface GeoJsonProblem {
  /** Index of the feature in `features`, or null for the file as a whole. */
  feature: number | null;
  message: string;
}

export const GEOJSON_LIMITS = { bytes: 2 * 1024 * 1024, features: 5000, positions: 200_000, errors: 50, text: 1000 };

export type ValidationResult = { ok: true; value: LayerCollection } | { ok: false; problems: GeoJsonProblem[] };

class Problems {
  readonly list: GeoJsonProblem[] = [];
  add(feature: number | null, message: string): void {
    if (this.list.length < GEOJSON_LIMITS.errors) this.list.push({ feature, message });
  }
  get full(): boolean {
    return this.list.length >= GEOJSON_LIMITS.errors;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

class PositionCounter {
  count = 0;
}

function position(value: unknown, where: string, fail: (m: string) => void, counter: PositionCounter): Position | null {
  counter.count++;
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
    fail(`${where} is not a position [longitude, latitude]`);
    return null;
  }
  const [lon, lat] = value;
  if (typeof lon !== "number" || typeof lat !== "number" || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    fail(`${where} has a coordinate that is not a number`);
    return null;
  }
  if (lon < -180 || lon > 180) {
    fail(`${where} has longitude ${lon} outside -180…180 (is it [latitude, longitude]? GeoJSON wants longitude first)`);
    return null;
  }
  if (lat < -90 || lat > 90) {
    fail(`${where} has latitude ${lat} outside -90…90`);
    return null;
  }
  return [lon, lat];
}

function positions(
  value: unknown,
  where: string,
  minimum: number,
  fail: (m: string) => void,
  counter: PositionCounter,
): Position[] | null {
  if (!Array.isArray(value)) {
    fail(`${where} is not a list of positions`);
    return null;
  }
  if (value.length < minimum) {
    fail(`${where} needs at least ${minimum} positions, has ${value.length}`);
    return null;
  }
  if (counter.count + value.length > GEOJSON_LIMITS.positions) {
    fail(`the file has more than ${GEOJSON_LIMITS.positions} positions`);
    return null;
  }
  const out: Position[] = [];
  for (let i = 0; i < value.length; i++) {
    const p = position(value[i], `${where} position ${i}`, fail, counter);
    if (!p) return null;
    out.push(p);
  }
  return out;
}

function ring(value: unknown, where: string, fail: (m: string) => void, counter: PositionCounter): Position[] | null {
  const list = positions(value, where, 4, fail, counter);
  if (!list) return null;
  const first = list[0]!;
  const last = list[list.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    fail(`${where} is not closed: its last position must repeat the first`);
    return null;
  }
  return list;
}

function listOf<T>(
  value: unknown,
  where: string,
  fail: (m: string) => void,
  each: (v: unknown, w: string) => T | null,
): T[] | null {
  if (!Array.isArray(value) || value.length === 0) {
    fail(`${where} is not a non-empty list`);
    return null;
  }
  const out: T[] = [];
  for (let i = 0; i < value.length; i++) {
    const item = each(value[i], `${where} part ${i}`);
    if (item === null) return null;
    out.push(item);
  }
  return out;
}

function optionalText(value: unknown, name: string, fail: (m: string) => void): string | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") {
    fail(`property "${name}" must be text`);
    return undefined;
  }
  if (value.length > GEOJSON_LIMITS.text) {
    fail(`property "${name}" is longer than ${GEOJSON_LIMITS.text} characters`);
    return undefined;
  }
  return value.trim() || null;
}

function oneOf<T extends string>(
  value: unknown,
  name: string,
  allowed: readonly T[],
  fail: (m: string) => void,
): T | null {
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  fail(`property "${name}" must be one of ${allowed.join(", ")}${value === undefined ? " (it is missing)" : ""}`);
  return null;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

function feature(value: unknown, fail: (m: string) => void, counter: PositionCounter): LayerFeature | null {
  if (!isObject(value) || value.type !== "Feature") {
    fail(`is not a GeoJSON Feature`);
    return null;
  }
  const geometry = value.geometry;
  if (!isObject(geometry)) {
    fail("has no geometry");
    return null;
  }
  const props = value.properties === undefined || value.properties === null ? {} : value.properties;
  if (!isObject(props)) {
    fail("has properties that are not an object");
    return null;
  }
  const coordinates = geometry.coordinates;
  const name = optionalText(props.name, "name", fail);
  if (name === undefined) return null;
  switch (geometry.type) {
    case "LineString": {
      const line = positions(coordinates, "the line", 2, fail, counter);
      return line
        ? { type: "Feature", geometry: { type: "LineString", coordinates: line }, properties: { kind: "front", name } }
        : null;
    }
    case "MultiLineString": {
      const lines = listOf(coordinates, "the lines", fail, (v, w) => positions(v, w, 2, fail, counter));
      return lines
        ? {
            type: "Feature",
            geometry: { type: "MultiLineString", coordinates: lines },
            properties: { kind: "front", name },
          }
        : null;
    }
    case "Polygon":
    case "MultiPolygon": {
      const status = oneOf(props.status, "status", AREA_STATUSES, fail);
      const confidence = oneOf(props.confidence, "confidence", CONFIDENCES, fail);
      if (!status || !confidence) return null;
      const polygon = (v: unknown, w: string) => listOf(v, w, fail, (r, rw) => ring(r, `${rw} ring`, fail, counter));
      const properties = { kind: "area" as const, status, confidence, name };
      if (geometry.type === "Polygon") {
        const rings = polygon(coordinates, "the polygon");
        return rings ? { type: "Feature", geometry: { type: "Polygon", coordinates: rings }, properties } : null;
      }
      const polygons = listOf(coordinates, "the polygons", fail, polygon);
      return polygons
        ? { type: "Feature", geometry: { type: "MultiPolygon", coordinates: polygons }, properties }
        : null;
    }
    case "Point": {
      const point = position(coordinates, "the point", fail, counter);
      const category = oneOf(props.category, "category", EVENT_CATEGORIES, fail);
      const description = optionalText(props.description, "description", fail);
      const source = typeof props.source === "string" ? props.source.trim() : "";
      const time = typeof props.time === "string" ? props.time : "";
      if (!source || !isHttpUrl(source)) fail(`property "source" must be an http(s) URL of the report`);
      if (
        !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(time) ||
        Number.isNaN(Date.parse(time))
      ) {
        fail(`property "time" must be a date or date-time (2024-02-17 or 2024-02-17T06:30:00Z)`);
        return null;
      }
      if (!description) fail(`property "description" is required for an event`);
      if (!point || !category || !description || !source || !isHttpUrl(source)) return null;
      return {
        type: "Feature",
        geometry: { type: "Point", coordinates: point },
        properties: { kind: "event", category, time, description, source },
      };
    }
    default:
      fail(
        `has geometry type ${JSON.stringify(String(geometry.type)).slice(0, 40)}; a layer takes LineString/MultiLineString (front), Polygon/MultiPolygon (areas) or Point (events)`,
      );
      return null;
  }
}

/** Validates the text of an uploaded file. */
export function validateLayerText(text: string): ValidationResult {
  if (Buffer.byteLength(text, "utf8") > GEOJSON_LIMITS.bytes) {
    return {
      ok: false,
      problems: [{ feature: null, message: `the file is larger than ${GEOJSON_LIMITS.bytes / 1024 / 1024} MB` }],
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ feature: null, message: "the file is not valid JSON" }] };
  }
  return validateLayer(parsed);
}

/** Validates a parsed GeoJSON document. */
export function validateLayer(value: unknown): ValidationResult {
  const problems = new Problems();
  if (!isObject(value) || value.type !== "FeatureCollection" || !Array.isArray(value.features)) {
    return { ok: false, problems: [{ feature: null, message: "the file is not a GeoJSON FeatureCollection" }] };
  }
  if (value.features.length === 0)
    return { ok: false, problems: [{ feature: null, message: "the file has no features" }] };
  if (value.features.length > GEOJSON_LIMITS.features) {
    return {
      ok: false,
      problems: [
        {
          feature: null,
          message: `the file has ${value.features.length} features; the limit is ${GEOJSON_LIMITS.features}`,
        },
      ],
    };
  }
  const counter = new PositionCounter();
  const features: LayerFeature[] = [];
  for (let i = 0; i < value.features.length && !problems.full; i++) {
    const result = feature(value.features[i], (message) => problems.add(i, message), counter);
    if (result) features.push(result);
  }
  if (problems.list.length > 0) return { ok: false, problems: problems.list };
  return { ok: true, value: { type: "FeatureCollection", features } };
}

/** "feature 3: the polygon part 0 ring is not closed…" for an error message. */
export function describeProblems(problems: readonly GeoJsonProblem[]): string {
  const lines = problems
    .slice(0, 5)
    .map((p) => (p.feature === null ? p.message : `feature ${p.feature}: ${p.message}`));
  const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : "";
  return `The layer was not imported: ${lines.join("; ")}${more}.`;
}
