import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Edition } from "../newsroom/editions.service.js";
import { createErrorHandler } from "../platform/http/error-handler.js";
import { registerSecurityHeaders } from "../platform/http/security-headers.js";
import {
  ADMIN_SCRIPT_ENTRY,
  ADMIN_STYLE_ENTRY,
  adminShell,
  loadAdminAssets,
  registerAdminRoutes,
} from "./admin.routes.js";

const EDITIONS: Edition[] = [
  { code: "en", name: "English", locale: "en-GB", language: "en", timeZone: "Europe/London", basePath: "/en/" },
  { code: "uk", name: "Українська <b>", locale: "uk-UA", language: "uk", timeZone: "Europe/Kyiv", basePath: "/" },
];

let dir: string;
let app: FastifyInstance;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-admin-assets-"));
  fs.mkdirSync(path.join(dir, ".vite"));
  fs.writeFileSync(
    path.join(dir, ".vite", "manifest.json"),
    JSON.stringify({
      [ADMIN_SCRIPT_ENTRY]: { file: "admin-abc.js", isEntry: true, imports: ["_shared"] },
      [ADMIN_STYLE_ENTRY]: { file: "admin-style-def.css", isEntry: true },
      _shared: { file: "chunks/shared-123.js", imports: ["_deeper"] },
      _deeper: { file: "chunks/deeper-456.js" },
    }),
  );
  app = Fastify({ logger: false });
  registerSecurityHeaders(app);
  app.setErrorHandler(createErrorHandler());
  registerAdminRoutes(app, { assets: { dir }, editions: { list: () => EDITIONS } });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the admin app's page", () => {
  it.each(["/admin", "/admin/", "/admin/articles/12", "/admin/setup", "/admin/invitation"])(
    "%s serves the app, never cached, under the site's CSP",
    async (url) => {
      const response = await app.inject({ url });
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(response.headers["cache-control"]).toBe("no-store");
      expect(response.headers["content-security-policy"]).toContain("script-src 'self'");
      const html = response.body;
      expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(html).toContain('<link rel="stylesheet" href="/assets/admin-style-def.css">');
      expect(html).toContain('<script type="module" src="/assets/admin-abc.js"></script>');
      expect(html).toContain('<div id="app" data-editions="');
    },
  );

  it("has no inline script or style, which the CSP would block", async () => {
    const html = (await app.inject({ url: "/admin" })).body;
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script type="module" src="/assets/admin-abc.js">']);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });

  it("preloads the chunks the entry imports", () => {
    expect(loadAdminAssets(dir).preload).toEqual(["/assets/chunks/shared-123.js", "/assets/chunks/deeper-456.js"]);
  });

  it("passes the editions escaped, readable back as JSON", async () => {
    const html = (await app.inject({ url: "/admin" })).body;
    const attribute = html.match(/data-editions="([^"]*)"/)?.[1] ?? "";
    expect(attribute).not.toContain("<");
    const decoded = attribute
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&");
    expect(JSON.parse(decoded)).toEqual([
      { code: "en", name: "English", language: "en", timeZone: "Europe/London", basePath: "/en/" },
      { code: "uk", name: "Українська <b>", language: "uk", timeZone: "Europe/Kyiv", basePath: "/" },
    ]);
  });

  it("leaves unknown /admin/api addresses to the JSON API's 404", async () => {
    const response = await app.inject({ url: "/admin/api/nothing-here", headers: { accept: "text/html" } });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: "not_found", message: "There is no such admin API route." });
  });

  it("still answers (unstyled) before the first build", () => {
    const html = adminShell(loadAdminAssets(path.join(dir, "missing")), []);
    expect(html).toContain('src="/assets/admin.js"');
  });
});
