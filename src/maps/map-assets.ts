import fs from "node:fs";
import path from "node:path";

/** URLs of the map island and its stylesheet (Leaflet's included), from Vite's manifest. */
export interface MapAssets {
  js: string | null;
  css: string[];
}

export function loadMapAssets(rootDir: string): MapAssets {
  const manifestFile = path.join(rootDir, "dist", "client", ".vite", "manifest.json");
  if (!fs.existsSync(manifestFile)) return { js: null, css: [] };
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as Record<
    string,
    { file: string; css?: string[] }
  >;
  const entry = manifest["web/islands/map.ts"];
  if (!entry) return { js: null, css: [] };
  return { js: `/assets/${entry.file}`, css: (entry.css ?? []).map((file) => `/assets/${file}`) };
}

/** The CSP `img-src` entry a tile URL template needs (`{s}` subdomains become a wildcard). */
export function tileImageSources(tileUrl: string | null): string[] {
  const origin = tileUrl?.match(/^https?:\/\/[^/]+/)?.[0];
  return origin ? [origin.replace(/\{s\}/g, "*")] : [];
}
