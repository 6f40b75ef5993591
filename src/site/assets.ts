import fs from "node:fs";
import path from "node:path";

/** URLs of the built browser files (CSS and islands), with content hashes for long caching. */
export interface Assets {
  css: string;
  js: string;
  /** The audience beacon (web/islands/beacon.ts), a script of its own, under 1 kB. */
  beacon: string;
  /** Directory served at /assets/. */
  dir: string;
  /** False when `npm run build` has not been run: pages still render, unstyled. */
  built: boolean;
  /** The push alerts' service worker, a file under `dir` (served at /push-sw.js); absent when not built. */
  pushWorker?: string;
}

interface ManifestEntry {
  file: string;
  css?: string[];
}

export function loadAssets(rootDir: string): Assets {
  const dir = path.join(rootDir, "dist", "client");
  const manifestFile = path.join(dir, ".vite", "manifest.json");
  if (!fs.existsSync(manifestFile)) {
    return { css: "/assets/site.css", js: "/assets/site.js", beacon: "/assets/beacon.js", dir, built: false };
  }
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as Record<string, ManifestEntry>;
  const style = manifest["web/styles/site.css"];
  const script = manifest["web/islands/site.ts"];
  const beacon = manifest["web/islands/beacon.ts"];
  if (!style || !script || !beacon)
    throw new Error(`The asset manifest ${manifestFile} lacks the site entries; run npm run build.`);
  const pushWorker = manifest["web/islands/push-sw.ts"]?.file;
  return {
    css: `/assets/${style.file}`,
    js: `/assets/${script.file}`,
    beacon: `/assets/${beacon.file}`,
    dir,
    built: true,
    ...(pushWorker ? { pushWorker } : {}),
  };
}
