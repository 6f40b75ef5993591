import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, openBrowser } from "./support/browser.js";
import { ROOT, startServer, type TestServer } from "./support/server.js";

const SCREENSHOTS = path.join(ROOT, "test-results", "screenshots");

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

describe("the battle map page", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser(server.origin);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("draws the demo map's layers with no request leaving the server", async () => {
    const { page } = browser;
    const response = await page.goto(`${server.url}/en/maps/bakhmut`);
    expect(response?.status()).toBe(200);
    await page.locator("#leaflet-map .map-front").first().waitFor();
    expect(await page.locator("#leaflet-map .map-area--occupied").count()).toBeGreaterThan(0);
    expect(await page.locator("#leaflet-map .map-event").count()).toBeGreaterThan(0);
    // The offline basemap: countries and oblasts drawn from the committed TopoJSON.
    await page.locator(".map-basemap-pane path").first().waitFor({ state: "attached" });
    expect(await page.locator(".map-basemap-pane path").count()).toBeGreaterThan(10);
    expect(browser.foreignRequests).toEqual([]);
  });

  it("moves through the layer history with the slider and keeps the day in the URL", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/en/maps/bakhmut`);
    const slider = page.locator("#map-slider");
    await slider.waitFor();
    expect(await slider.getAttribute("max")).toBe("4");
    await slider.fill("1");
    await page.waitForURL(/\?date=2022-12-15$/);
    expect(await page.locator("#map-date").getAttribute("data-day")).toBe("2022-12-15");
    await slider.fill("4");
    await page.waitForURL(/\?date=2023-05-20$/);
    // A URL with a day opens on that day.
    await page.goto(`${server.url}/en/maps/bakhmut?date=2023-03-01`);
    await page.locator("#map-slider").waitFor();
    expect(await page.locator("#map-slider").inputValue()).toBe("2");
    expect(browser.foreignRequests).toEqual([]);
  });

  it("opens an event's popup with its source link", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/en/maps/bakhmut?date=2023-05-20`);
    const event = page.locator("#leaflet-map .map-event").first();
    await event.waitFor();
    await event.click({ force: true });
    const source = page.locator(".leaflet-popup .map-popup__source");
    await source.waitFor();
    expect(await source.getAttribute("href")).toMatch(/^https:\/\/example\.org\/demo\/reports\//);
  });

  it.each([375, 1280])("is saved as a screenshot at %i px", async (width) => {
    const narrow = await openBrowser(server.origin, { width, height: 900 });
    try {
      await narrow.page.goto(`${server.url}/en/maps/bakhmut`);
      await narrow.page.locator("#leaflet-map .map-front").first().waitFor();
      await narrow.page.locator(".map-basemap-pane path").first().waitFor({ state: "attached" });
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      const file = path.join(SCREENSHOTS, `map-bakhmut-${width}.png`);
      await narrow.page.screenshot({ path: file, fullPage: true });
      expect(fs.statSync(file).size).toBeGreaterThan(10_000);
      // Nothing wider than the window: the page works on a phone.
      const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(narrow.foreignRequests).toEqual([]);
    } finally {
      await narrow.close();
    }
  });
});

describe("without JavaScript", () => {
  it("shows the server's SVG of the newest layer and the list of changes", async () => {
    const browser = await openBrowser(server.origin, { javaScriptEnabled: false });
    try {
      await browser.page.goto(`${server.url}/en/maps/bakhmut`);
      expect(await browser.page.locator(".map-figure__svg svg .front").count()).toBe(1);
      expect(await browser.page.locator(".map-changes li").count()).toBe(5);
      expect(await browser.page.locator(".map-stories li").count()).toBeGreaterThan(0);
    } finally {
      await browser.close();
    }
  });

  it("lists a place's stories on its page", async () => {
    const response = await fetch(`${server.url}/en/places/bakhmut`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('class="place-stories"');
  });
});
