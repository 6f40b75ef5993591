/**
 * Reader revenue in Chromium against a real server whose Stripe SDK talks to a fake Stripe API
 * started here: a reader picks an amount on an article page and lands on the (fake) Checkout page.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AxeResults } from "axe-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_SECRET_KEY, FAKE_WEBHOOK_SECRET, type FakeStripe, startFakeStripe } from "../test/fake-stripe.js";
import { type Browser, openBrowser } from "./support/browser.js";
import { ROOT, startServer, type TestServer } from "./support/server.js";
import { leadStoryPath } from "./support/site.js";

let stripe: FakeStripe;
let server: TestServer;
let article: string;

/** A browser that may also reach the fake Stripe (every other foreign request stays blocked). */
async function browserWithStripe(javaScriptEnabled: boolean): Promise<Browser> {
  const browser = await openBrowser(server.origin, { javaScriptEnabled });
  // Routes registered later run first: the fake Stripe's origin goes through.
  await browser.context.route(
    (url) => url.origin === stripe.url,
    (route) => route.continue(),
  );
  return browser;
}

const checkoutParams = () => Object.fromEntries(stripe.calls.at(-1)?.params ?? []);

beforeAll(async () => {
  stripe = await startFakeStripe();
  server = await startServer({
    env: {
      STRIPE_SECRET_KEY: FAKE_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: FAKE_WEBHOOK_SECRET,
      STRIPE_API_BASE: stripe.url,
    },
  });
  article = await leadStoryPath(server.url, "/en/");
});

afterAll(async () => {
  await server?.stop();
  await stripe?.close();
});

describe("giving from an article", () => {
  it("takes a reader without JavaScript from an amount button to Stripe Checkout", async () => {
    const browser = await browserWithStripe(false);
    try {
      const { page } = browser;
      await page.goto(`${server.url}${article}`);
      const card = page.locator('[data-promo="support"]');
      await card.getByRole("button", { name: "$10" }).click();
      await page.waitForURL(`${stripe.url}/pay/**`);
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toMatch(/^Fake Checkout cs_test_/);
      expect(checkoutParams()).toMatchObject({
        mode: "payment",
        "line_items[0][price_data][currency]": "usd",
        "line_items[0][price_data][unit_amount]": "1000",
        cancel_url: `${server.url}/en/support/cancelled`,
      });
      expect(browser.foreignRequests).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("lets a reader choose another amount and become a monthly patron on the support page", async () => {
    const browser = await browserWithStripe(true);
    try {
      const { page } = browser;
      await page.goto(`${server.url}${article}`);
      await page.locator('[data-promo="support"]').getByRole("link", { name: "Other amount" }).click();
      await page.waitForURL(`${server.url}/en/support?**`);
      await page.getByRole("link", { name: "EUR" }).click();
      await page.getByLabel("Monthly").check();
      await page.getByLabel("Other amount, EUR").fill("12.50");
      await page.getByLabel("Email for the receipt (optional)").fill("reader@example.org");
      await page.getByRole("button", { name: "Continue to payment" }).click();
      await page.waitForURL(`${stripe.url}/pay/**`);
      expect(checkoutParams()).toMatchObject({
        mode: "subscription",
        "line_items[0][price_data][currency]": "eur",
        "line_items[0][price_data][unit_amount]": "1250",
        "line_items[0][price_data][recurring][interval]": "month",
        customer_email: "reader@example.org",
      });
    } finally {
      await browser.close();
    }
  });

  it("answers a too-small amount with a page in the reader's language, not a payment", async () => {
    const browser = await browserWithStripe(true);
    try {
      const { page } = browser;
      const calls = stripe.calls.length;
      await page.goto(`${server.url}/support`);
      await page.getByLabel(/Інша сума/).fill("1");
      await page.getByRole("button", { name: "Перейти до оплати" }).click();
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Не вдалося почати оплату");
      expect(stripe.calls.length).toBe(calls);
    } finally {
      await browser.close();
    }
  });
});

describe("the support page and card with card payments on", () => {
  const AXE = path.join(ROOT, "node_modules", "axe-core", "axe.min.js");
  const VNU = path.join(ROOT, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
  const SCREENSHOTS = path.join(ROOT, "test-results", "screenshots");
  const paths = () => [
    { name: "support-page-en", path: "/en/support?currency=EUR&frequency=monthly" },
    { name: "support-page-uk", path: "/support" },
    { name: "article-with-support-card", path: article },
  ];

  it("has no accessibility violations, at 375 and 1280 px", async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    for (const width of [375, 1280]) {
      const browser = await openBrowser(server.origin, { bypassCSP: true, width });
      try {
        for (const { name, path: pagePath } of paths()) {
          const { page } = browser;
          await page.goto(`${server.url}${pagePath}`);
          if (name.startsWith("article")) await page.locator('[data-promo="support"]').scrollIntoViewIfNeeded();
          await page.screenshot({
            path: path.join(SCREENSHOTS, `${name}-${width}.png`),
            fullPage: !name.startsWith("article"),
          });
          await page.addScriptTag({ path: AXE });
          const results = await page.evaluate(() =>
            (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run(),
          );
          expect(results.violations.map((v) => `${name}: ${v.id} ${v.nodes.map((n) => n.target.join(" "))}`)).toEqual(
            [],
          );
        }
        expect(browser.foreignRequests).toEqual([]);
      } finally {
        await browser.close();
      }
    }
  });

  it("is valid HTML (W3C Nu validator)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-e2e-revenue-vnu-"));
    try {
      const files: string[] = [];
      for (const { name, path: pagePath } of paths()) {
        const response = await fetch(`${server.url}${pagePath}`);
        expect(response.status).toBe(200);
        const file = path.join(dir, `${name}.html`);
        fs.writeFileSync(file, await response.text());
        files.push(file);
      }
      const run = spawnSync("java", ["-jar", VNU, "--format", "json", "--stdout", ...files], {
        encoding: "utf8",
        maxBuffer: 32 * 1024 * 1024,
        timeout: 60_000,
      });
      const report = JSON.parse(run.stdout) as {
        messages: { type: string; url?: string; message: string; extract?: string }[];
      };
      const errors = report.messages
        .filter((m) => m.type === "error")
        .map((m) => `${path.basename(m.url ?? "")}: ${m.message} ${m.extract ?? ""}`);
      expect(errors).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
