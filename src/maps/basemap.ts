import fs from "node:fs";
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Polygon } from "geojson";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";

export interface Basemap {
  /** Ukraine's oblasts (Crimea and Sevastopol included), with `slug` and `name`. */
  oblasts: FeatureCollection<Polygon | MultiPolygon, { code: string; slug: string; name: string }>;
  /** Neighbouring countries, with `iso`. */
  countries: FeatureCollection<Polygon | MultiPolygon, { iso: string }>;
  /** Borders between oblasts, each drawn once. */
  oblastBorders: MultiLineString;
  /** The committed TopoJSON as is, for the browser map. */
  topology: Topology;
}

let cached: Basemap | undefined;

/** The committed offline basemap (built by `scripts/build-basemap.ts`), read once per process. */
export function loadBasemap(): Basemap {
  if (cached) return cached;
  const file = new URL("./data/basemap.topo.json", import.meta.url);
  const topology = JSON.parse(fs.readFileSync(file, "utf8")) as Topology;
  const oblastObject = topology.objects.oblasts as GeometryCollection;
  const countryObject = topology.objects.countries as GeometryCollection;
  cached = {
    oblasts: feature(topology, oblastObject) as unknown as Basemap["oblasts"],
    countries: feature(topology, countryObject) as unknown as Basemap["countries"],
    oblastBorders: mesh(topology, oblastObject, (a, b) => a !== b),
    topology,
  };
  return cached;
}

export type AreaShape = Feature<Polygon | MultiPolygon>;
