/**
 * Gazette #22, items 9 and 16, in Chromium against a real server with the demo content: a new map
 * layer is a draft that readers do not see until an editor has previewed and published it; and
 * times the newsroom enters or reads are in the edition's time zone, named.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoLayerGeoJson } from "../src/maps/demo/bakhmut.demo.js";
import type { Browser } from "./support/browser.js";
import { setUpOwner } from "./support/owner.js";
import { ROOT, startServer, type TestServer } from "./support/server.js";

const SCREENSHOTS = path.join(ROOT, "test-results", "screenshots");
const PASSWORD = "a long enough passphrase";
const OWNER = { name: "Mira Maps", email: "maps-owner@gazette.test" };
const LAYER_TITLE = "Front after the June counter-attack";

let server: TestServer;
let owner: Browser;
let page: Page;

async function screenshot(name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-1280.png`), fullPage: true });
}

async function readerMapPage(): Promise<string> {
  const response = await fetch(`${server.url}/en/maps/bakhmut`);
  expect(response.status).toBe(200);
  return response.text();
}

beforeAll(async () => {
  server = await startServer();
  owner = await setUpOwner(server, { ...OWNER, password: PASSWORD });
  page = owner.page;
});

afterAll(async () => {
  await owner?.close().catch(() => undefined);
  await server?.stop();
});

describe("a new map layer (item 9)", () => {
  it("is a draft readers do not see until it is previewed and published", async () => {
    // The reader's page is cached before the upload, as it would be on a live site.
    expect(await readerMapPage()).not.toContain(LAYER_TITLE);

    await page.goto(`${server.url}/admin/maps`);
    await page.locator(".map-list a").first().click();
    await page.getByRole("heading", { name: "Add a layer" }).waitFor();
    const geojson = demoLayerGeoJson({
      validOn: "2023-06-10",
      title: LAYER_TITLE,
      note: "",
      frontLon: 37.97,
      contested: 0.02,
      events: [],
    });
    await page.getByLabel("Day (YYYY-MM-DD)").fill("2023-06-10");
    await page.getByLabel("Title").fill(LAYER_TITLE);
    await page.getByLabel("Written in (language)").selectOption("en");
    await page.getByLabel("GeoJSON file").setInputFiles({
      name: "june.geojson",
      mimeType: "application/geo+json",
      buffer: Buffer.from(JSON.stringify(geojson)),
    });
    await page.getByRole("button", { name: "Upload layer" }).click();
    await page.getByText(/added as a draft/).waitFor();
    const row = page.locator("tr", { hasText: LAYER_TITLE });
    await expect(row.locator(".status--draft").textContent()).resolves.toBe("Draft");
    await screenshot("admin-map-draft-layer");

    // Readers: not on the map page, its day list, or the slider's history.
    const before = await readerMapPage();
    expect(before).not.toContain(LAYER_TITLE);
    expect(before).not.toContain("2023-06-10");

    // The staff preview shows it, marked as unpublished.
    const previewHref = await row.getByRole("link", { name: "Preview" }).getAttribute("href");
    if (!previewHref) throw new Error("the layer's row has no preview link");
    const admin = page.url();
    await page.goto(`${server.url}${previewHref}`);
    await page.locator(".map-preview-banner").waitFor();
    expect(await page.locator("#map-date").textContent()).toContain(LAYER_TITLE);
    expect(await page.locator(".map-draft-mark").count()).toBeGreaterThan(0);
    await screenshot("map-preview-with-draft");

    await page.goto(admin);
    await page.locator("tr", { hasText: LAYER_TITLE }).getByRole("button", { name: "Publish", exact: true }).click();
    await page.getByText(/published: it is on the map page now/).waitFor();

    const after = await readerMapPage();
    expect(after).toContain(LAYER_TITLE);
    expect(after).toContain('datetime="2023-06-10"');
    // In English, the layer's own language: no fallback label.
    expect(after).not.toContain("map-fallback");
    // The Ukrainian edition shows the English original, and says so.
    const uk = await (await fetch(`${server.url}/maps/bakhmut`)).text();
    expect(uk).toContain(LAYER_TITLE);
    expect(uk).toContain("(мовою: англійська)");

    // Translated for the Ukrainian edition, it shows there in Ukrainian.
    await page.locator("tr", { hasText: LAYER_TITLE }).getByRole("button", { name: "Texts", exact: true }).click();
    const form = page.locator('form.layer-texts[lang="uk"]');
    await form.getByLabel("Title (uk)").fill("Фронт після червневого контрнаступу");
    await form.getByRole("button", { name: /^Save .* texts$/ }).click();
    await form.getByText(/texts saved/).waitFor();
    await screenshot("admin-map-layer-texts");
    const translated = await (await fetch(`${server.url}/maps/bakhmut`)).text();
    expect(translated).toContain("Фронт після червневого контрнаступу");
  });
});

describe("times in the edition's zone, named (item 16)", () => {
  it("says a digest's schedule in words with its zone's city", async () => {
    await page.goto(`${server.url}/admin/newsletters`);
    const briefing = page.locator("tr", { hasText: "The Morning Briefing" });
    await briefing.waitFor();
    expect(await briefing.textContent()).toContain("every day at 09:00 New York time");
    const weekdays = page.locator("tr", { hasText: "Mon–Fri" });
    expect(await weekdays.textContent()).toContain("Mon–Fri at 08:00 Kyiv time");
  });

  it("takes the banner's expiry on the edition's clock and shows it with the zone's name", async () => {
    await page.goto(`${server.url}/admin/banner?edition=uk`);
    const expires = page.getByLabel("Expires at (Kyiv time)");
    await expires.waitFor();
    await page.getByLabel("Banner text").fill("Air raid alert in Kyiv: go to a shelter");
    // A summer time in Kyiv (UTC+3), whatever zone the browser itself is in.
    await expires.fill("2030-07-01T10:00");
    await page.getByRole("button", { name: "Raise the banner" }).click();
    await page.getByText("Until 1 Jul 2030, 10:00 Kyiv time.").waitFor();
    const banner = await page.evaluate(async () => (await fetch("/admin/api/banners/uk")).json());
    expect(banner.banner.expiresAt).toBe("2030-07-01T07:00:00.000Z");
    await screenshot("admin-banner-kyiv-time");
  });
});
