import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../errors.js";
import type { Edition } from "../newsroom/editions.service.js";
import type { Assets } from "../site/assets.js";

/** The built files of the newsroom app, from Vite's manifest. */
export interface AdminAssets {
  css: string;
  js: string;
  /** Chunks the entry imports, preloaded so the app starts in one round trip. */
  preload: string[];
  built: boolean;
}

interface ManifestEntry {
  file: string;
  css?: string[];
  imports?: string[];
}

export const ADMIN_SCRIPT_ENTRY = "web/admin/main.tsx";
export const ADMIN_STYLE_ENTRY = "web/admin/admin.css";

/** Reads the admin entries of the manifest that `npm run build` writes into the site's asset directory. */
export function loadAdminAssets(assetsDir: string): AdminAssets {
  const manifestFile = path.join(assetsDir, ".vite", "manifest.json");
  if (!fs.existsSync(manifestFile)) {
    return { css: "/assets/admin-style.css", js: "/assets/admin.js", preload: [], built: false };
  }
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as Record<string, ManifestEntry>;
  const script = manifest[ADMIN_SCRIPT_ENTRY];
  const style = manifest[ADMIN_STYLE_ENTRY];
  if (!script || !style)
    throw new Error(`The asset manifest ${manifestFile} lacks the admin entries; run npm run build.`);
  const preload = new Set<string>();
  const walk = (keys: string[] | undefined) => {
    for (const key of keys ?? []) {
      const entry = manifest[key];
      if (!entry || preload.has(`/assets/${entry.file}`)) continue;
      preload.add(`/assets/${entry.file}`);
      walk(entry.imports);
    }
  };
  walk(script.imports);
  return { css: `/assets/${style.file}`, js: `/assets/${script.file}`, preload: [...preload], built: true };
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * The app's page: no inline script or style (the site's CSP allows neither); the editions the
 * app needs before its first request travel in a data attribute.
 */
export function adminShell(assets: AdminAssets, editions: readonly Edition[]): string {
  const data = editions.map(({ code, name, language, timeZone, basePath }) => ({
    code,
    name,
    language,
    timeZone,
    basePath,
  }));
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    '<meta name="referrer" content="same-origin">',
    "<title>Gazette newsroom</title>",
    `<link rel="stylesheet" href="${escapeHtml(assets.css)}">`,
    ...assets.preload.map((href) => `<link rel="modulepreload" href="${escapeHtml(href)}">`),
    `<script type="module" src="${escapeHtml(assets.js)}"></script>`,
    "</head>",
    "<body>",
    `<div id="app" data-editions="${escapeHtml(JSON.stringify(data))}">`,
    "<noscript><p>The newsroom app needs JavaScript. Reading the site does not.</p></noscript>",
    "</div>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

export interface AdminRouteDeps {
  assets: Pick<Assets, "dir">;
  /** The site's editions, for the app's edition pickers and time zones. */
  editions?: { list(): readonly Edition[] };
}

/** Serves the newsroom app's page at /admin and every address under it except the JSON API. */
export function registerAdminRoutes(app: FastifyInstance, deps: AdminRouteDeps): void {
  let cached: AdminAssets | undefined;
  // Read once; a missing build is retried on each request so `npm run build` needs no restart.
  const assets = () => {
    if (!cached?.built) cached = loadAdminAssets(deps.assets.dir);
    return cached;
  };

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith("/admin/api/") || request.url === "/admin/api") {
      throw new AppError("not_found", "There is no such admin API route.");
    }
    return reply
      .header("cache-control", "no-store")
      .type("text/html; charset=utf-8")
      .send(adminShell(assets(), deps.editions?.list() ?? []));
  };
  app.get("/admin", handler);
  app.get("/admin/*", handler);
}
