/**
 * Checks an uploaded layer (RFC 7946 FeatureCollection) before anything is stored, and returns a
 * clean copy holding only what the map draws. Every problem names the feature (counting from 1)
 * and the path inside it, and all are listed at once, so an editor can fix the file in one go; one
 * bad feature rejects the whole upload.
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
  /** The feature's number in `features`, counting from 1 as an editor does; null for the file as a whole. */
  feature: number | null;
  /** Where in the feature: "properties.status", "geometry.coordinates[0][3]"; "" for the feature or file itself. */
  path: string;
  message: string;
}

export const GEOJSON_LIMITS = { bytes: 2 * 1024 * 1024, features: 5000, positions: 200_000, errors: 50, text: 1000 };

export type ValidationResult = { ok: true; value: LayerCollection } | { ok: false; problems: GeoJsonProblem[] };

class Problems {
  readonly list: GeoJsonProblem[] = [];
  add(feature: number | null, path: string, message: string): void {
    if (this.list.length < GEOJSON_LIMITS.errors) this.list.push({ feature, path, message });
  }
  get full(): boolean {
    return this.list.length >= GEOJSON_LIMITS.errors;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * One feature's check: every problem is recorded (geometry and properties alike) so an editor
 * fixes the file in one go; `failed` tells the caller to drop the feature.
 */
class FeatureCheck {
  failed = false;
  constructor(
    private readonly report: (path: string, message: string) => void,
    private readonly counter: { count: number; exceeded: boolean },
  ) {}
  fail(path: string, message: string): void {
    this.failed = true;
    this.report(path, message);
  }
  /** Counts positions across the file; false once the file has too many. */
  take(n: number, path: string): boolean {
    if (this.counter.exceeded) return false;
    if (this.counter.count + n > GEOJSON_LIMITS.positions) {
      this.counter.exceeded = true;
      this.fail(path, `the file has more than ${GEOJSON_LIMITS.positions} positions`);
      return false;
    }
    this.counter.count += n;
    return true;
  }
}

function position(value: unknown, path: string, check: FeatureCheck): Position | null {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
    check.fail(path, "is not a position [longitude, latitude]");
    return null;
  }
  const [lon, lat] = value;
  if (typeof lon !== "number" || typeof lat !== "number" || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    check.fail(path, "has a coordinate that is not a number");
    return null;
  }
  if (lon < -180 || lon > 180) {
    check.fail(
      path,
      `has longitude ${lon} outside -180…180 (is it [latitude, longitude]? GeoJSON wants longitude first)`,
    );
    return null;
  }
  if (lat < -90 || lat > 90) {
    check.fail(path, `has latitude ${lat} outside -90…90`);
    return null;
  }
  return [lon, lat];
}

function positions(value: unknown, path: string, minimum: number, check: FeatureCheck): Position[] | null {
  if (!Array.isArray(value)) {
    check.fail(path, "is not a list of positions");
    return null;
  }
  if (value.length < minimum) {
    check.fail(path, `needs at least ${minimum} positions, has ${value.length}`);
    return null;
  }
  if (!check.take(value.length, path)) return null;
  const out: Position[] = [];
  let bad = false;
  for (let i = 0; i < value.length; i++) {
    const p = position(value[i], `${path}[${i}]`, check);
    if (p) out.push(p);
    else bad = true;
  }
  return bad ? null : out;
}

function ring(value: unknown, path: string, check: FeatureCheck): Position[] | null {
  const list = positions(value, path, 4, check);
  if (!list) return null;
  const first = list[0]!;
  const last = list[list.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    check.fail(path, "is not closed: its last position must repeat the first");
    return null;
  }
  return list;
}

function listOf<T>(
  value: unknown,
  path: string,
  check: FeatureCheck,
  each: (v: unknown, path: string) => T | null,
): T[] | null {
  if (!Array.isArray(value) || value.length === 0) {
    check.fail(path, "is not a non-empty list");
    return null;
  }
  const out: T[] = [];
  let bad = false;
  for (let i = 0; i < value.length; i++) {
    const item = each(value[i], `${path}[${i}]`);
    if (item === null) bad = true;
    else out.push(item);
  }
  return bad ? null : out;
}

function optionalText(value: unknown, name: string, check: FeatureCheck): string | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") {
    check.fail(`properties.${name}`, "must be text");
    return undefined;
  }
  if (value.length > GEOJSON_LIMITS.text) {
    check.fail(`properties.${name}`, `is longer than ${GEOJSON_LIMITS.text} characters`);
    return undefined;
  }
  return value.trim() || null;
}

function oneOf<T extends string>(value: unknown, name: string, allowed: readonly T[], check: FeatureCheck): T | null {
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  check.fail(
    `properties.${name}`,
    `must be one of ${allowed.join(", ")}${value === undefined ? " (it is missing)" : ""}`,
  );
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

const TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function feature(value: unknown, check: FeatureCheck): LayerFeature | null {
  if (!isObject(value) || value.type !== "Feature") {
    check.fail("", "is not a GeoJSON Feature");
    return null;
  }
  const geometry = value.geometry;
  const props = value.properties === undefined || value.properties === null ? {} : value.properties;
  if (!isObject(props)) check.fail("properties", "is not an object");
  if (!isObject(geometry)) {
    check.fail("geometry", "is missing");
    return null;
  }
  if (!isObject(props)) return null;
  const coordinates = geometry.coordinates;
  const at = "geometry.coordinates";
  const name = optionalText(props.name, "name", check);
  let built: LayerFeature | null = null;
  switch (geometry.type) {
    case "LineString": {
      const line = positions(coordinates, at, 2, check);
      if (line && name !== undefined) {
        built = {
          type: "Feature",
          geometry: { type: "LineString", coordinates: line },
          properties: { kind: "front", name },
        };
      }
      break;
    }
    case "MultiLineString": {
      const lines = listOf(coordinates, at, check, (v, path) => positions(v, path, 2, check));
      if (lines && name !== undefined) {
        built = {
          type: "Feature",
          geometry: { type: "MultiLineString", coordinates: lines },
          properties: { kind: "front", name },
        };
      }
      break;
    }
    case "Polygon":
    case "MultiPolygon": {
      const status = oneOf(props.status, "status", AREA_STATUSES, check);
      const confidence = oneOf(props.confidence, "confidence", CONFIDENCES, check);
      const polygon = (v: unknown, path: string) => listOf(v, path, check, (r, ringPath) => ring(r, ringPath, check));
      const properties =
        status && confidence && name !== undefined ? { kind: "area" as const, status, confidence, name } : null;
      if (geometry.type === "Polygon") {
        const rings = polygon(coordinates, at);
        if (rings && properties)
          built = { type: "Feature", geometry: { type: "Polygon", coordinates: rings }, properties };
      } else {
        const polygons = listOf(coordinates, at, check, polygon);
        if (polygons && properties) {
          built = { type: "Feature", geometry: { type: "MultiPolygon", coordinates: polygons }, properties };
        }
      }
      break;
    }
    case "Point": {
      const point = position(coordinates, at, check);
      const category = oneOf(props.category, "category", EVENT_CATEGORIES, check);
      const time = typeof props.time === "string" ? props.time : "";
      if (!TIME.test(time) || Number.isNaN(Date.parse(time))) {
        check.fail("properties.time", "must be a date or date-time (2024-02-17 or 2024-02-17T06:30:00Z)");
      }
      const description = optionalText(props.description, "description", check);
      if (description === null) check.fail("properties.description", "is required for an event");
      const source = typeof props.source === "string" ? props.source.trim() : "";
      if (!source || !isHttpUrl(source)) check.fail("properties.source", "must be an http(s) URL of the report");
      if (point && category && description && !check.failed) {
        built = {
          type: "Feature",
          geometry: { type: "Point", coordinates: point },
          properties: { kind: "event", category, time, description, source },
        };
      }
      break;
    }
    default:
      check.fail(
        "geometry.type",
        `is ${JSON.stringify(String(geometry.type)).slice(0, 40)}; a layer takes LineString/MultiLineString (front), Polygon/MultiPolygon (areas) or Point (events)`,
      );
  }
  return check.failed ? null : built;
}

/** Validates the text of an uploaded file. */
export function validateLayerText(text: string): ValidationResult {
  if (Buffer.byteLength(text, "utf8") > GEOJSON_LIMITS.bytes) {
    return {
      ok: false,
      problems: [
        { feature: null, path: "", message: `the file is larger than ${GEOJSON_LIMITS.bytes / 1024 / 1024} MB` },
      ],
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ feature: null, path: "", message: "the file is not valid JSON" }] };
  }
  return validateLayer(parsed);
}

/** Validates a parsed GeoJSON document. */
export function validateLayer(value: unknown): ValidationResult {
  const problems = new Problems();
  if (!isObject(value) || value.type !== "FeatureCollection" || !Array.isArray(value.features)) {
    return {
      ok: false,
      problems: [{ feature: null, path: "", message: "the file is not a GeoJSON FeatureCollection" }],
    };
  }
  if (value.features.length === 0)
    return { ok: false, problems: [{ feature: null, path: "features", message: "the file has no features" }] };
  if (value.features.length > GEOJSON_LIMITS.features) {
    return {
      ok: false,
      problems: [
        {
          feature: null,
          path: "features",
          message: `the file has ${value.features.length} features; the limit is ${GEOJSON_LIMITS.features}`,
        },
      ],
    };
  }
  const counter = { count: 0, exceeded: false };
  const features: LayerFeature[] = [];
  for (let i = 0; i < value.features.length && !problems.full && !counter.exceeded; i++) {
    const check = new FeatureCheck((path, message) => problems.add(i + 1, path, message), counter);
    const result = feature(value.features[i], check);
    if (result) features.push(result);
  }
  if (problems.list.length > 0) return { ok: false, problems: problems.list };
  return { ok: true, value: { type: "FeatureCollection", features } };
}

/** "feature 3, geometry.coordinates[0]: is not closed…" for an error message. */
export function describeProblems(problems: readonly GeoJsonProblem[]): string {
  const lines = problems.slice(0, 5).map((p) => {
    const where = [p.feature === null ? "" : `feature ${p.feature}`, p.path].filter(Boolean).join(", ");
    return where ? `${where}: ${p.message}` : p.message;
  });
  const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : "";
  return `The layer was not imported: ${lines.join("; ")}${more}.`;
}
