import type { MultiLineString, MultiPolygon, Polygon, Position } from "geojson";
import type { Basemap } from "./basemap.js";
import type { LayerCollection } from "./geojson.validator.js";

/**
 * Draws a map as SVG on the server: the offline basemap, one dated layer (areas, front lines,
 * events) and optional pins. It is the page's picture without JavaScript, the preview card of
 * promos and embeds, and the social-card image. Web Mercator, like the browser map.
 */

export interface SvgView {
  lat: number;
  lon: number;
  /** A Leaflet zoom level: the same number shows the same area in the browser map. */
  zoom: number;
  width: number;
  height: number;
}

export interface SvgPin {
  lat: number;
  lon: number;
  label: string;
}

export interface SvgOptions {
  /** Accessible name of the picture. */
  title: string;
  pins?: SvgPin[];
  labels?: SvgPin[];
}

export const AREA_COLOURS: Record<string, string> = {
  occupied: "#c0392b",
  contested: "#e67e22",
  liberated: "#2e86c1",
};

const TILE = 256;

function project(lon: number, lat: number): [number, number] {
  const clamped = Math.max(-85, Math.min(85, lat));
  const x = (lon + 180) / 360;
  const y = (1 - Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360)) / Math.PI) / 2;
  return [x, y];
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

class Projector {
  private readonly scale: number;
  private readonly originX: number;
  private readonly originY: number;

  constructor(view: SvgView) {
    this.scale = TILE * 2 ** view.zoom;
    const [cx, cy] = project(view.lon, view.lat);
    this.originX = cx * this.scale - view.width / 2;
    this.originY = cy * this.scale - view.height / 2;
  }

  point(position: Position): [number, number] {
    const [x, y] = project(position[0]!, position[1]!);
    return [round(x * this.scale - this.originX), round(y * this.scale - this.originY)];
  }

  line(positions: Position[], close: boolean): string {
    let d = "";
    let last = "";
    for (const p of positions) {
      const [x, y] = this.point(p);
      const step = `${x} ${y}`;
      if (step === last) continue;
      d += `${d ? "L" : "M"}${step}`;
      last = step;
    }
    return close ? `${d}Z` : d;
  }

  polygon(geometry: Polygon | MultiPolygon): string {
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    return polygons.map((rings) => rings.map((ring) => this.line(ring, true)).join("")).join("");
  }

  lines(geometry: MultiLineString | { type: "LineString"; coordinates: Position[] }): string {
    const lines = geometry.type === "LineString" ? [geometry.coordinates] : geometry.coordinates;
    return lines.map((line) => this.line(line, false)).join("");
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

export function renderMapSvg(
  basemap: Basemap,
  layer: LayerCollection | null,
  view: SvgView,
  options: SvgOptions,
): string {
  const p = new Projector(view);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${view.width} ${view.height}" width="${view.width}" height="${view.height}" role="img" aria-label="${escapeXml(options.title)}">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<defs><pattern id="claimed" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#c0392b" fill-opacity="0.08"/><line x1="0" y1="0" x2="0" y2="8" stroke="#c0392b" stroke-width="3" stroke-opacity="0.45"/></pattern></defs>`,
    `<rect width="100%" height="100%" fill="#dbe7ef"/>`,
  );
  for (const country of basemap.countries.features) {
    parts.push(`<path d="${p.polygon(country.geometry)}" fill="#ecebe6" stroke="#b5b3aa" stroke-width="0.8"/>`);
  }
  for (const oblast of basemap.oblasts.features) {
    parts.push(`<path d="${p.polygon(oblast.geometry)}" fill="#fbfaf6" stroke="none"/>`);
  }
  parts.push(
    `<path d="${p.lines(basemap.oblastBorders)}" fill="none" stroke="#9c9a90" stroke-width="0.8" stroke-dasharray="4 3"/>`,
  );
  const features = layer?.features ?? [];
  for (const f of features) {
    if (f.properties.kind !== "area" || (f.geometry.type !== "Polygon" && f.geometry.type !== "MultiPolygon")) continue;
    const colour = AREA_COLOURS[f.properties.status] ?? "#777";
    const fill = f.properties.confidence === "claimed" ? `url(#claimed)` : colour;
    const opacity = f.properties.confidence === "claimed" ? 1 : 0.28;
    parts.push(
      `<path class="area area-${f.properties.status} area-${f.properties.confidence}" d="${p.polygon(f.geometry)}" fill="${fill}" fill-opacity="${opacity}" stroke="${colour}" stroke-width="1"${f.properties.confidence === "claimed" ? ' stroke-dasharray="5 3"' : ""}/>`,
    );
  }
  for (const f of features) {
    if (f.properties.kind !== "front" || (f.geometry.type !== "LineString" && f.geometry.type !== "MultiLineString"))
      continue;
    parts.push(
      `<path class="front" d="${p.lines(f.geometry)}" fill="none" stroke="#8e1b10" stroke-width="3" stroke-linejoin="round" stroke-linecap="round"/>`,
    );
  }
  for (const label of options.labels ?? []) {
    const [x, y] = p.point([label.lon, label.lat]);
    if (x < 0 || y < 0 || x > view.width || y > view.height) continue;
    parts.push(
      `<circle cx="${x}" cy="${y}" r="2.5" fill="#333"/><text x="${x + 5}" y="${y - 4}" font-family="sans-serif" font-size="12" fill="#222" stroke="#fbfaf6" stroke-width="3" paint-order="stroke">${escapeXml(label.label)}</text>`,
    );
  }
  for (const f of features) {
    if (f.properties.kind !== "event" || f.geometry.type !== "Point") continue;
    const [x, y] = p.point(f.geometry.coordinates);
    parts.push(
      `<circle class="event" cx="${x}" cy="${y}" r="5" fill="#f1c40f" stroke="#333" stroke-width="1.5"><title>${escapeXml(f.properties.description)}</title></circle>`,
    );
  }
  for (const pin of options.pins ?? []) {
    const [x, y] = p.point([pin.lon, pin.lat]);
    parts.push(
      `<path class="pin" d="M${x} ${y}l-5 -11a6 6 0 1 1 10 0z" fill="#1f3a5f" stroke="#fff" stroke-width="1"><title>${escapeXml(pin.label)}</title></path>`,
    );
  }
  parts.push("</svg>");
  return parts.join("");
}
