/**
 * Reader revenue in Chromium against a real server whose Stripe SDK talks to a fake Stripe API
 * started here: a reader picks an amount on an article page and lands on the (fake) Checkout page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_SECRET_KEY, FAKE_WEBHOOK_SECRET, type FakeStripe, startFakeStripe } from "../test/fake-stripe.js";
import { type Browser, openBrowser } from "./support/browser.js";
import { startServer, type TestServer } from "./support/server.js";
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
