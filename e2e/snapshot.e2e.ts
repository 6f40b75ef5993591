import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifySnapshot } from "../src/snapshot/snapshot-manifest.js";
import { COMPILED_CLI } from "../test/compiled-server.js";
import { checkSnapshotLinks } from "../test/link-checker.js";
import { type Browser, openBrowser } from "./support/browser.js";
import { ROOT, startServer, type TestServer } from "./support/server.js";

let server: TestServer;
let dir: string;

/** `gazette export static` over the demo server's database, as an outlet would run it. */
function exportSnapshot(): Promise<string> {
  const child = spawn(process.execPath, [COMPILED_CLI, "export", "static", dir], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: server.dataDir, PUBLIC_URL: server.url, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return new Promise((resolve, reject) =>
    child.on("close", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`export failed (${code}):\n${output}`)),
    ),
  );
}

beforeAll(async () => {
  server = await startServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-e2e-snapshot-"));
  await exportSnapshot();
}, 600_000);

afterAll(async () => {
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the demo's static snapshot", () => {
  it("has no broken link in any page or style sheet, and verifies", async () => {
    const { checked, broken } = checkSnapshotLinks(dir, server.url);
    expect(checked).toBeGreaterThan(10_000);
    expect(broken).toEqual([]);
    const publicKey = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")).publicKey as string;
    expect(verifySnapshot(dir, publicKey).problems).toEqual([]);
  });
});

describe("the static snapshot opened from file://", () => {
  let browser: Browser;
  const requests: string[] = [];
  const errors: string[] = [];
  beforeAll(async () => {
    // Any http(s) request is aborted and recorded by the helper; every request is listed here too.
    browser = await openBrowser("http://snapshot.invalid");
    browser.page.on("request", (request) => requests.push(request.url()));
    browser.page.on("console", (message) => {
      if (message.type() === "error") errors.push(`${message.text()} (${message.location().url})`);
    });
    browser.page.on("pageerror", (error) => errors.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("clicks from the front page to an article, its section and a map with nothing leaving the folder", async () => {
    const { page } = browser;
    const folder = `${pathToFileURL(dir).href}/`;
    await page.goto(`${folder}en/index.html`);
    await expect(page.locator("h1, .card__title").first().isVisible()).resolves.toBe(true);

    await page.locator(".card__title a").first().click();
    await page.waitForLoadState("load");
    expect(page.url()).toMatch(/\/en\/news\/[^/]+\.html$/);
    await page.locator("article h1").first().waitFor();

    const section = page.locator('article a[href*="section/"]').first();
    await section.click();
    await page.waitForLoadState("load");
    expect(page.url()).toMatch(/\/en\/section\/[^/]+\.html$/);

    // Every story carries the editors' map card.
    await page.locator(".card__title a").first().click();
    await page.waitForLoadState("load");
    await page.locator(".promo--map a").first().click();
    await page.waitForLoadState("load");
    expect(page.url()).toMatch(/\/en\/maps\/bakhmut\.html$/);
    // Without the island (browsers load no module script from file://) the map is the server's SVG.
    await page.locator("#battle-map svg").first().waitFor();

    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((url) => !url.startsWith(folder) && !url.startsWith("data:"))).toEqual([]);
    expect(browser.foreignRequests).toEqual([]);
    expect(errors).toEqual([]);
  });
});
