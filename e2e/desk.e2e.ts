/**
 * Items of the editors' trial of the newsroom app (Gazette #22), in Chromium against a real
 * server with the demo content and no Stripe keys: the preview's state banner and the per-story
 * video switch, every GeoJSON problem listed by the upload, a newsletter issue followed until it
 * is sent with its delivery log and test copy, and giving without card payments.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "./support/browser.js";
import { setUpOwner } from "./support/owner.js";
import { ROOT, startServer, type TestServer } from "./support/server.js";
import { findPages, type SitePages } from "./support/site.js";

const SCREENSHOTS = path.join(ROOT, "test-results", "screenshots");
const PASSWORD = "a long enough passphrase";
const OWNER = { name: "Dana Desk", email: "desk-owner@gazette.test" };

let server: TestServer;
let pages: SitePages;
let owner: Browser;
let page: Page;

/** The page as it is now, full length, at 375 and 1280 px wide (the window is left at 1280). */
async function screenshots(name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: width < 700 ? 812 : 900 });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
  }
}

/** Calls the admin API from the page, with the session cookie and its CSRF token, as the app does. */
async function apiFromPage<T>(method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ([m, u, b]) => {
      const session = await (await fetch("/admin/api/auth/session")).json();
      const response = await fetch(u as string, {
        method: m as string,
        headers: {
          "x-csrf-token": session.csrfToken,
          ...(b === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(b === undefined ? {} : { body: JSON.stringify(b) }),
      });
      return response.json();
    },
    [method, url, body] as const,
  ) as Promise<T>;
}

beforeAll(async () => {
  server = await startServer();
  pages = await findPages(server.url);
  owner = await setUpOwner(server, { ...OWNER, password: PASSWORD });
  page = owner.page;
});

afterAll(async () => {
  await owner?.close().catch(() => undefined);
  await server?.stop();
});

describe("the preview and the story's options (item 6)", () => {
  it("an editor switches the video of the day off for a draft and its preview says it is not published", async () => {
    await page.goto(`${server.url}/admin/articles/new`);
    await page.getByLabel("Edition").selectOption("en");
    await page.getByLabel("Headline").fill("Night shift at the water works");
    await page.getByRole("button", { name: "Create the draft" }).click();
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split("/").at(-1));
    const video = page.getByLabel(/^Show the video of the day/);
    await expect(video.isChecked()).resolves.toBe(true);
    await video.uncheck();
    await expect
      .poll(
        async () => (await apiFromPage<{ videoOfTheDay: boolean }>("GET", `/admin/api/articles/${id}`)).videoOfTheDay,
        {
          timeout: 15_000,
        },
      )
      .toBe(false);
    await video.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, "admin-editor-video-option-1280.png") });

    await page.goto(`${server.url}/admin/api/articles/${id}/preview`);
    const banner = page.locator("[data-preview-banner]");
    await expect(banner.textContent()).resolves.toBe("Draft — not published");
    await expect(banner.isVisible()).resolves.toBe(true);
    expect(await page.locator('[data-slot="video-of-the-day"]').count()).toBe(0);
    await screenshots("preview-draft");

    // The reader's page of a published story has no such banner.
    await page.goto(`${server.url}${pages.enArticle}`);
    expect(await page.locator("[data-preview-banner]").count()).toBe(0);
  });
});

describe("map layers (item 10)", () => {
  it("lists every problem of a broken GeoJSON file by the upload control, by feature number and path", async () => {
    await page.goto(`${server.url}/admin/maps`);
    await page.locator(".map-list a").first().click();
    await page.getByRole("heading", { name: "Add a layer" }).waitFor();
    const broken = {
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          geometry: {
            type: "LineString",
            coordinates: [
              [37.9, 48.5],
              [38, 48.6],
            ],
          },
          properties: {},
        },
        {
          type: "Feature",
          geometry: {
            type: "Polygon",
            coordinates: [
              [
                [37.9, 48.5],
                [38, 48.5],
                [38, 48.6],
                [48.6, 237.9],
                [37.9, 48.5],
              ],
            ],
          },
          properties: { side: "ours" },
        },
      ],
    };
    await page.getByLabel("Day (YYYY-MM-DD)").fill("2024-02-17");
    await page.getByLabel("Title").fill("Broken on purpose");
    await page.getByLabel("GeoJSON file").setInputFiles({
      name: "broken.geojson",
      mimeType: "application/geo+json",
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    await page.getByRole("button", { name: "Upload layer" }).click();
    const problems = page.locator("#layer-file-problems li");
    await problems.first().waitFor();
    const lines = await problems.allTextContents();
    expect(lines).toEqual([
      expect.stringMatching(/^Feature 2 · properties\.status: must be one of/),
      expect.stringMatching(/^Feature 2 · properties\.confidence: must be one of/),
      expect.stringMatching(/^Feature 2 · geometry\.coordinates\[0\]\[3\]: has latitude 237\.9/),
    ]);
    // Next to the upload control: inside its form, after the file field.
    const inForm = await page
      .locator("form", { has: page.getByLabel("GeoJSON file") })
      .locator("#layer-file-problems")
      .count();
    expect(inForm).toBe(1);
    await screenshots("admin-map-layer-problems");
  });
});

describe("newsletters in the app (item 17)", () => {
  it("counts a new subscriber at once, shows the test copy, follows the send to the end and logs each copy", async () => {
    const lists = await apiFromPage<{ items: { id: number; slug: string; subscribers?: number }[] }>(
      "GET",
      "/admin/api/newsletters/lists",
    );
    const list = lists.items.find((l) => l.slug === "en-daily");
    if (!list) throw new Error("no en-daily list in the demo");
    await page.goto(`${server.url}/admin/newsletters/${list.id}`);
    const count = page.getByText(/\d+ active subscribers/);
    const before = Number((await count.textContent())?.match(/(\d+) active subscribers/)?.[1]);
    await page.getByLabel("Email address").fill("desk.reader@example.org");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByText(`${before + 1} active subscribers`).waitFor();

    const articles = await apiFromPage<{ items: { id: number; title: string }[] }>(
      "GET",
      "/admin/api/articles?edition=en&status=published&limit=2",
    );
    await page.getByLabel("Subject").fill("Desk test issue");
    const picker = page.getByRole("group", { name: "Articles", exact: true });
    for (const article of articles.items) {
      await picker.getByRole("searchbox", { name: "Find articles by headline" }).fill(article.title);
      await picker.getByRole("button", { name: `Add “${article.title}”`, exact: true }).click();
    }
    await page.getByRole("button", { name: "Create draft" }).click();
    await page.waitForURL(/\/admin\/newsletter-issues\/\d+$/);

    await page.getByRole("button", { name: "Send a test to myself" }).click();
    const copy = page.locator("details.test-copy");
    await copy.locator("summary").click();
    await expect(copy.textContent()).resolves.toContain(`sent to ${OWNER.email}Subject: [TEST] Desk test issue`);
    expect((await copy.locator("pre").textContent())?.length).toBeGreaterThan(100);

    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Send now" }).click();
    await page.getByText(/^Sent: /).waitFor({ timeout: 30_000 });
    expect(await page.getByText(/^Sending…/).count()).toBe(0);
    const log = page.locator("section", { has: page.getByRole("heading", { name: "Delivery log" }) });
    await log.locator("tbody tr").first().waitFor();
    const rows = await log.locator("tbody tr").allTextContents();
    expect(rows.length).toBe(Math.min(before + 1, 50));
    expect(rows.some((row) => row.includes("desk.reader@example.org") && row.includes("Delivered"))).toBe(true);
    await screenshots("admin-newsletter-issue-sent");
  });
});

describe("giving without card payments (item 11)", () => {
  it("the support page and the article's card offer the other ways to give and no card payment", async () => {
    await page.goto(`${server.url}/en/support`);
    await page.getByRole("heading", { name: "Ways to give" }).waitFor();
    expect(await page.locator("form.support-form").count()).toBe(0);
    expect(await page.getByText("Card payments are not available").count()).toBe(0);
    await expect(page.locator(".support-other__bank").textContent()).resolves.toContain("not a real account");
    await screenshots("en-support-no-stripe");

    await page.goto(`${server.url}${pages.enArticle}`);
    const card = page.locator('[data-promo="support"]');
    expect(await card.locator("form").count()).toBe(0);
    const link = card.getByRole("link", { name: "Other ways to give" });
    expect(await link.getAttribute("href")).toBe("/en/support#support-other");
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, "en-article-support-card-no-stripe-1280.png") });
  });

  it("an admin adds a PayPal link and a wallet, and the support page shows them at once", async () => {
    await page.goto(`${server.url}/admin/revenue/settings`);
    await page.getByRole("heading", { name: "Texts per edition" }).waitFor();
    await page.getByLabel("Edition", { exact: true }).selectOption("en");
    await page.getByLabel("PayPal link").fill("https://www.paypal.com/donate/?hosted_button_id=DESKDEMO");
    await page.getByLabel("Crypto wallets").fill("USDT (TRC-20) TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE");
    await page.getByRole("button", { name: "Save texts" }).click();
    await page.getByText("Texts of the en edition saved.").waitFor();
    await screenshots("admin-revenue-ways-to-give");

    await page.goto(`${server.url}/en/support`);
    const paypal = page.getByRole("link", { name: "Give with PayPal" });
    expect(await paypal.getAttribute("href")).toBe("https://www.paypal.com/donate/?hosted_button_id=DESKDEMO");
    await expect(page.locator(".support-other__crypto").textContent()).resolves.toContain(
      "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE",
    );
    await screenshots("en-support-ways-to-give");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    expect(owner.foreignRequests).toEqual([]);
  });

  it("an admin types a Stripe secret key in the app and the support page offers card payment at once", async () => {
    await page.goto(`${server.url}/admin/revenue/settings`);
    await page.getByRole("heading", { name: "Stripe keys" }).waitFor();
    const state = page.locator('[data-key-state="secretKey"]');
    await expect(state.textContent()).resolves.toBe("Not set.");
    await page.getByLabel("New secret key").fill("sk_test_desk_e2e_key_0001");
    await page.getByRole("button", { name: "Save secret key" }).click();
    await page.getByText("Secret key saved.").waitFor();
    await expect(state.textContent()).resolves.toBe("Set here, ending in …0001.");
    expect(await page.getByLabel("New secret key").inputValue()).toBe("");
    await screenshots("admin-revenue-stripe-keys");

    await page.goto(`${server.url}/en/support`);
    expect(await page.locator("form.support-form").count()).toBe(1);

    await page.goto(`${server.url}/admin/revenue/settings`);
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Remove", exact: true }).click();
    await page.getByText("Secret key removed.").waitFor();
    await page.goto(`${server.url}/en/support`);
    expect(await page.locator("form.support-form").count()).toBe(0);
    expect(owner.foreignRequests).toEqual([]);
  });
});
