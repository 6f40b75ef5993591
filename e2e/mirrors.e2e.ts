/**
 * The Mirrors screen in Chromium against a real server: the owner sees the key that signs the
 * public list (and the list verifies with it), adds a mirror of the Russian edition that serves at
 * once with its links pointing at itself, and removes it again.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AxeResults } from "axe-core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifySignature } from "../src/platform/security/signing-key.js";
import type { Browser } from "./support/browser.js";
import { setUpOwner } from "./support/owner.js";
import { ROOT, startServer, type TestServer } from "./support/server.js";

const ONION = `${"e2e".padEnd(52, "q")}2345.onion`;
const AXE = path.join(ROOT, "node_modules", "axe-core", "axe.min.js");
const SCREENSHOTS = path.join(ROOT, "test-results", "screenshots");

let server: TestServer;
let owner: Browser;
let page: Page;

/** A GET with another Host header, as a mirror's proxy or Tor would send it. */
function getOnHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { host } }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          body += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

beforeAll(async () => {
  server = await startServer({ env: { MIRROR_HOSTS: "standing-mirror.example=all", ONION_HOST: ONION } });
  owner = await setUpOwner(
    server,
    { name: "Mira Mirrors", email: "mirrors-owner@gazette.test", password: "a long enough passphrase" },
    { bypassCSP: true },
  );
  page = owner.page;
});

afterAll(async () => {
  await owner?.close().catch(() => undefined);
  await server?.stop();
});

describe("the Mirrors screen", () => {
  it("shows the key that signs /mirrors.json, and the list verifies with it", async () => {
    await page.getByRole("link", { name: "Mirrors" }).click();
    await page.getByRole("heading", { level: 1, name: "Mirrors" }).waitFor();
    await page.getByRole("cell", { name: "standing-mirror.example" }).waitFor();
    expect(await page.getByText(`http://${ONION}/`).count()).toBe(1);
    const key = (await page.locator("code", { hasText: /^[A-Za-z0-9+/]{43}=$/ }).textContent()) ?? "";
    const list = await fetch(`${server.url}/mirrors.json`);
    const bytes = new Uint8Array(await list.arrayBuffer());
    const signature = await (await fetch(`${server.url}/mirrors.json.sig`)).text();
    expect(verifySignature(bytes, signature, key)).toBe(true);
    // PUBLIC_URL is plain http here, so the mirrors take that scheme.
    expect(new TextDecoder().decode(bytes)).toContain("http://standing-mirror.example/");
  });

  it("adds a mirror of one edition that serves at once, and removes it", async () => {
    await page.getByLabel("Host").fill("ru-mirror.example");
    await page.getByLabel("Serves").selectOption("ru");
    await page.getByRole("button", { name: "Add" }).click();
    const row = page.getByRole("row", { name: /ru-mirror\.example/ });
    await row.waitFor();
    expect(await row.textContent()).toContain("Edition ru");

    const door = await getOnHost(`${server.url}/`, "ru-mirror.example");
    expect(door.status).toBe(302);
    const front = await getOnHost(`${server.url}/ru/`, "ru-mirror.example");
    expect(front.status).toBe(200);
    expect(front.body).toContain("http://ru-mirror.example/");
    expect(front.body).toContain(`<link rel="canonical" href="${server.url}/ru/"`);

    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, "admin-mirrors.png"), fullPage: true });
    await page.addScriptTag({ path: AXE });
    const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    await row.getByRole("button", { name: /Remove/ }).click();
    await row.getByRole("button", { name: /Remove now/ }).click();
    await row.waitFor({ state: "detached" });
    const after = await getOnHost(`${server.url}/ru/`, "ru-mirror.example");
    expect(after.body).not.toContain("http://ru-mirror.example/");
  });
});
