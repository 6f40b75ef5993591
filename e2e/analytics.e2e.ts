/**
 * Audience counts (Gazette #21) in Chromium against a real server: a reader opens two stories of
 * the demo site in a browser of their own; the owner, in another, watches "Right now" and sees
 * both headlines with their views within 10 seconds. The reader's pages set no cookie, send the
 * view and the engage beacon with the contract's keys, and load a beacon script under 1 kB; a
 * browser with Global Privacy Control sends no beacon at all.
 */
import fs from "node:fs";
import path from "node:path";
import type { AxeResults } from "axe-core";
import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, openBrowser } from "./support/browser.js";
import { setUpOwner } from "./support/owner.js";
import { ROOT, startServer, type TestServer } from "./support/server.js";
import { leadStoryPath } from "./support/site.js";

const OWNER = { name: "Olha Owner", email: "owner@audience.test", password: "a long enough passphrase" };
// An ordinary desktop browser's: headless Chromium names itself, and bots are not counted.
const READER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
/** The promise: a view shows in "Right now" within 10 seconds. */
const RIGHT_NOW_WITHIN_MS = 10_000;

const AXE = fs.readFileSync(path.join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");

let server: TestServer;
let owner: Browser;
const browsers: Browser[] = [];
const stories: { path: string; title: string; id: string }[] = [];

async function reader(options: { gpc?: boolean } = {}): Promise<{ browser: Browser; beacons: Request[] }> {
  const browser = await openBrowser(server.origin, { userAgent: READER_AGENT });
  browsers.push(browser);
  if (options.gpc) {
    await browser.context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true, configurable: true });
    });
  }
  const beacons: Request[] = [];
  browser.context.on("request", (request) => {
    if (new URL(request.url()).pathname === "/beacon") beacons.push(request);
  });
  return { browser, beacons };
}

/** Waits, a bounded while, until `count` beacons of `type` have been sent. */
async function beaconsOf(beacons: Request[], type: "view" | "engage", count: number): Promise<unknown[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const bodies = beacons.map((request) => JSON.parse(request.postData() ?? "{}") as { t?: string });
    const found = bodies.filter((body) => body.t === type);
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Scrolls to the page's foot and waits for the scroll event the beacon measures depth on. */
async function scrollDown(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        addEventListener("scroll", () => resolve(), { once: true });
        scrollTo(0, document.documentElement.scrollHeight);
      }),
  );
}

/** What switching to another tab does to a page: it becomes hidden (sent twice: the beacon goes once). */
async function hide(page: Page): Promise<void> {
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { get: () => "hidden", configurable: true });
    Object.defineProperty(document, "hidden", { get: () => true, configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
    document.dispatchEvent(new Event("visibilitychange"));
  });
}

/**
 * axe's findings on the screen's main region. Evaluated through DevTools rather than a script tag,
 * so the newsroom's CSP stays on and the chart is drawn as it would be for an editor.
 */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run(context: string): Promise<AxeResults> } }).axe.run("main"),
  );
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function titleOf(page: Page): Promise<string> {
  return (await page.locator("h1.article__title").textContent())?.trim() ?? "";
}

beforeAll(async () => {
  // Counters are written every 200 ms here (2 s by default), well inside the 10 seconds.
  server = await startServer({ env: { ANALYTICS_FLUSH_MS: "200" } });
  owner = await setUpOwner(server, OWNER);
  browsers.push(owner);
  const lead = await leadStoryPath(server.url, "/en/");
  const home = await (await fetch(`${server.url}/en/`)).text();
  const other = [...home.matchAll(/href="(\/en\/news\/[^"#?]+)"/g)].map((m) => m[1] ?? "").find((p) => p !== lead);
  if (!other) throw new Error("The English home page links to only one story");
  stories.push({ path: lead, title: "", id: "" }, { path: other, title: "", id: "" });
}, 90_000);

afterAll(async () => {
  for (const browser of browsers) await browser.close().catch(() => {});
  await server?.stop();
});

describe("audience counts", () => {
  it("shows a reader's views in Right now within 10 seconds, with no cookie set on the reader", async () => {
    const { browser, beacons } = await reader();
    const { page } = browser;
    for (const story of stories) {
      await page.goto(`${server.url}${story.path}`);
      story.title = await titleOf(page);
      story.id = (await page.locator("article[data-article-id]").getAttribute("data-article-id")) ?? "";
      expect(story.title).not.toBe("");
      await scrollDown(page);
      await hide(page);
    }
    const views = await beaconsOf(beacons, "view", 2);
    expect(views).toHaveLength(2);
    expect(views[0]).toMatchObject({ t: "view", e: "en", d: "d" });
    expect(typeof (views[0] as { a?: unknown }).a).toBe("string");
    // Hiding each story sent its engage beacon, once, with the depth scrolled to.
    const engaged = await beaconsOf(beacons, "engage", 2);
    expect(engaged).toHaveLength(2);
    expect(engaged[0]).toMatchObject({ t: "engage", e: "en" });
    expect([25, 50, 75, 100]).toContain((engaged[0] as { k?: number }).k);

    const seenAt = Date.now();
    const admin = owner.page;
    await admin.goto(`${server.url}/admin/audience?edition=en`);
    await admin.getByRole("heading", { level: 1, name: "Right now" }).waitFor();
    for (const story of stories) {
      const row = admin.locator("tr", { has: admin.getByRole("link", { name: story.title, exact: true }) });
      await row.waitFor({ timeout: Math.max(1, RIGHT_NOW_WITHIN_MS - (Date.now() - seenAt)) });
      expect(await row.locator("td.num").textContent()).toBe("1");
    }
    expect(await admin.locator("[data-now-views]").getAttribute("data-now-views")).toBe("2");
    expect(await accessibilityViolations(admin)).toEqual([]);

    expect(await browser.context.cookies(server.url)).toEqual([]);
    expect(browser.foreignRequests).toEqual([]);
  });

  it("serves the beacon as a long-cached script under 1 kB", async () => {
    const html = await (await fetch(`${server.url}${stories[0]?.path}`)).text();
    const src = html.match(/<script type="module" src="(\/assets\/beacon-[^"]+\.js)" data-audience="beacon"/)?.[1];
    expect(src).toBeDefined();
    const response = await fetch(`${server.url}${src}`, { headers: { "accept-encoding": "identity" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("immutable");
    expect((await response.arrayBuffer()).byteLength).toBeLessThan(1024);
  });

  it("opens a story's numbers from Right now: a chart with its table of the same views", async () => {
    const admin = owner.page;
    const first = stories[0];
    if (!first) throw new Error("no story");
    await admin.getByRole("link", { name: first.title, exact: true }).click();
    await admin.getByRole("heading", { level: 1, name: `Audience: ${first.title}` }).waitFor();
    const chart = admin.getByRole("img", { name: /^Views per hour/ });
    await chart.waitFor();
    // uPlot drew it under the newsroom's real CSP.
    await admin.locator(".views-chart__plot canvas").waitFor();
    expect(await chart.getAttribute("aria-label")).toMatch(/\b1 in (all|the one hour)/);
    await admin.getByText("Views per hour as a table").click();
    expect(await admin.locator(".views-chart__table tbody tr td").last().textContent()).toBe("1");
    expect(await accessibilityViolations(admin)).toEqual([]);
    expect(owner.foreignRequests).toEqual([]);
  });

  it("fits a 375 px phone, and lists views by section with CSV downloads", async () => {
    const admin = owner.page;
    await admin.setViewportSize({ width: 375, height: 800 });
    const fits = () => admin.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    // From the article editor, as a phone-holding editor would get there.
    await admin.goto(`${server.url}/admin/articles/${stories[0]?.id}`);
    await admin.locator(".page-header").getByRole("link", { name: "Audience", exact: true }).click();
    await admin.getByRole("img", { name: /^Views per hour/ }).waitFor();
    expect(new URL(admin.url()).pathname).toBe(`/admin/articles/${stories[0]?.id}/stats`);
    expect(await fits()).toBe(true);
    await admin.goto(`${server.url}/admin/audience/reports?edition=en&days=1`);
    await admin.getByRole("heading", { level: 1, name: "Audience reports" }).waitFor();
    const sections = admin.getByRole("table", { name: "Views by section" });
    await sections.waitFor();
    const total = await sections.locator("tbody td.num:last-child").allTextContents();
    expect(total.map(Number).reduce((sum, n) => sum + n, 0)).toBe(2);
    const csv = await admin.getByRole("link", { name: "sections", exact: true }).getAttribute("href");
    const download = await admin.evaluate(async (href) => (await fetch(href ?? "")).text(), csv);
    expect(download.split("\n")[0]).toContain("views");
    expect(await fits()).toBe(true);
    await admin.setViewportSize({ width: 1280, height: 900 });
  });

  it("sends no beacon at all from a browser with Global Privacy Control", async () => {
    const { browser, beacons } = await reader({ gpc: true });
    const { page } = browser;
    for (const story of stories) await page.goto(`${server.url}${story.path}`, { waitUntil: "load" });
    // Leaving the page would send the engage beacon, if any were to go.
    await page.goto(`${server.url}/en/`, { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
    expect(await page.evaluate(() => (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl)).toBe(
      true,
    );
    expect(beacons).toHaveLength(0);
    expect(await browser.context.cookies(server.url)).toEqual([]);
  });
});
