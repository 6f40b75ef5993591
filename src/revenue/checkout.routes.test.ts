import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createArticle } from "../../test/factories.js";
import { FAKE_SECRET_KEY, type FakeStripe, startFakeStripe } from "../../test/fake-stripe.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

const FORM = { "content-type": "application/x-www-form-urlencoded" };

describe.each(DIALECTS)("support page and checkout on %s", (dialect) => {
  let stripe: FakeStripe;
  let t: TestApp;
  beforeAll(async () => {
    stripe = await startFakeStripe();
  });
  afterAll(async () => stripe.close());
  beforeEach(async () => {
    stripe.calls.length = 0;
    t = await startTestApp(dialect, {
      env: stripe.env,
      editions: ["uk", "en"],
    });
    await t.services.settings.saveEditionSettings("en", {
      siteName: "The Kyiv Ledger",
      videoOfTheDay: null,
      articlePromos: [{ type: "support", title: "Keep us reporting", description: "Readers pay for our work." }],
      follow: {},
      supportUrl: "",
    });
  });
  afterEach(async () => t.close());

  function post(url: string, form: Record<string, string>, ip = "203.0.113.7") {
    return t.app.inject({
      method: "POST",
      url,
      headers: FORM,
      payload: new URLSearchParams(form).toString(),
      remoteAddress: ip,
    });
  }

  it("sends a one-time gift to Stripe Checkout with exactly the validated parameters", async () => {
    const response = await post("/en/support/checkout", {
      amount: "25",
      currency: "usd",
      frequency: "one-time",
      name: "Olena",
      email: "Olena@Example.org",
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${stripe.url}/pay/cs_test_1`);
    expect(stripe.calls).toHaveLength(1);
    const call = stripe.calls[0];
    expect(call?.method).toBe("POST");
    expect(call?.path).toBe("/v1/checkout/sessions");
    expect(call?.authorization).toBe(`Bearer ${FAKE_SECRET_KEY}`);
    expect(call?.contentType).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(call?.params ?? [])).toEqual({
      mode: "payment",
      "line_items[0][quantity]": "1",
      "line_items[0][price_data][currency]": "usd",
      "line_items[0][price_data][unit_amount]": "2500",
      "line_items[0][price_data][product_data][name]": "Donation to The Kyiv Ledger",
      success_url: "https://news.example/en/support/thanks?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "https://news.example/en/support/cancelled",
      locale: "en",
      "metadata[edition]": "en",
      "metadata[language]": "en",
      "metadata[frequency]": "one-time",
      "metadata[supporter_name]": "Olena",
      customer_email: "olena@example.org",
      submit_type: "donate",
      customer_creation: "always",
      "payment_intent_data[metadata][edition]": "en",
      "payment_intent_data[metadata][language]": "en",
      "payment_intent_data[metadata][frequency]": "one-time",
      "payment_intent_data[metadata][supporter_name]": "Olena",
    });
  });

  it("makes a monthly patron a subscription with a recurring price", async () => {
    const response = await post("/en/support/checkout", {
      amount: "12,50",
      currency: "EUR",
      frequency: "monthly",
    });
    expect(response.statusCode).toBe(303);
    const params = Object.fromEntries(stripe.calls[0]?.params ?? []);
    expect(params).toMatchObject({
      mode: "subscription",
      "line_items[0][price_data][currency]": "eur",
      "line_items[0][price_data][unit_amount]": "1250",
      "line_items[0][price_data][recurring][interval]": "month",
      "line_items[0][price_data][product_data][name]": "Monthly support for The Kyiv Ledger",
      "subscription_data[metadata][frequency]": "monthly",
    });
    expect(params).not.toHaveProperty("submit_type");
    expect(params).not.toHaveProperty("customer_creation");
    expect(params).not.toHaveProperty("customer_email");
  });

  it("takes the chosen preset when nothing was typed, and a typed amount over a preset", async () => {
    expect((await post("/en/support/checkout", { preset: "50", amount: "", currency: "USD" })).statusCode).toBe(303);
    expect((await post("/en/support/checkout", { preset: "50", amount: "7", currency: "USD" })).statusCode).toBe(303);
    expect(
      stripe.calls.map((call) => Object.fromEntries(call.params)["line_items[0][price_data][unit_amount]"]),
    ).toEqual(["5000", "700"]);
  });

  it("prices a tier from the settings, whatever amount the form also carries", async () => {
    const response = await post("/en/support/checkout", { tier: "patron", currency: "USD", amount: "1" });
    expect(response.statusCode).toBe(303);
    expect(Object.fromEntries(stripe.calls[0]?.params ?? [])).toMatchObject({
      mode: "subscription",
      "line_items[0][price_data][unit_amount]": "1500",
      "line_items[0][price_data][recurring][interval]": "month",
      "metadata[tier]": "patron",
    });
  });

  it("asks for yearly billing for a yearly patron and uses the edition's default currency", async () => {
    const response = await post("/support/checkout", { amount: "500", frequency: "yearly" });
    expect(response.statusCode).toBe(303);
    expect(Object.fromEntries(stripe.calls[0]?.params ?? [])).toMatchObject({
      "line_items[0][price_data][currency]": "uah",
      "line_items[0][price_data][unit_amount]": "50000",
      "line_items[0][price_data][recurring][interval]": "year",
      locale: "auto",
      "metadata[language]": "uk",
    });
  });

  it.each([
    [{ amount: "0.99", currency: "USD" }, "The smallest amount we can accept is $1."],
    [{ amount: "10000.01", currency: "USD" }, "The largest amount we can accept online is $10,000."],
    [{ amount: "-5", currency: "USD" }, "Enter the amount as a number"],
    [{ amount: "25.001", currency: "USD" }, "Enter the amount as a number"],
    [{ amount: "$25", currency: "USD" }, "Enter the amount as a number"],
    [{ amount: "25", currency: "GBP" }, "This currency is not accepted here"],
    [{ amount: "25", currency: "USD", frequency: "weekly" }, "Choose a one-time, monthly or yearly"],
    [{ amount: "25", currency: "USD", email: "not-an-address" }, "The email address does not look right"],
    [{ tier: "gold", currency: "USD" }, "This patron tier is not offered"],
    [{ amount: "25", currency: "USD", name: "x".repeat(101) }, "The name is too long"],
  ])("refuses %j with a page that says why, and never calls Stripe", async (form, message) => {
    const response = await post("/en/support/checkout", form);
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toMatch(/text\/html/);
    expect(response.body).toContain(message);
    expect(response.body).toContain('lang="en"');
    expect(stripe.calls).toHaveLength(0);
  });

  it("explains a refused amount in the reader's language", async () => {
    const response = await post("/support/checkout", { amount: "5", currency: "UAH" });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("Найменша сума, яку ми можемо прийняти");
    expect(response.body).toContain('lang="uk"');
  });

  it("rate-limits checkout creation per IP address", async () => {
    for (let i = 0; i < 10; i++) {
      expect((await post("/en/support/checkout", { amount: "5", currency: "USD" })).statusCode).toBe(303);
    }
    const limited = await post("/en/support/checkout", { amount: "5", currency: "USD" });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect((await post("/en/support/checkout", { amount: "5", currency: "USD" }, "198.51.100.2")).statusCode).toBe(303);
    expect(stripe.calls).toHaveLength(11);
  });

  it("answers 502 with a page when Stripe fails, having charged nothing", async () => {
    // The SDK retries once; both attempts fail.
    stripe.failNext(500, 2);
    const response = await post("/en/support/checkout", { amount: "5", currency: "USD" });
    expect(response.statusCode).toBe(502);
    expect(response.body).toContain("The payment service did not answer");
  });

  it("shows a support page whose form posts amounts to checkout", async () => {
    const response = await t.app.inject({ url: "/en/support?currency=EUR&frequency=monthly" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<form class="support-form" method="post" action="/en/support/checkout">');
    expect(response.body).toContain('name="currency" value="EUR"');
    expect(response.body).toMatch(/name="frequency" value="monthly" checked/);
    expect(response.body).toContain('name="preset" value="25"');
    expect(response.body).toContain('<input id="support-amount" name="amount"');
    expect(response.body).toContain("€25");
    expect(response.body).toContain("Patron");
    expect(response.body).toContain("Already a patron?");
    expect(response.headers["surrogate-key"]).toContain("settings:en");
  });

  it("lets the form's redirect reach the payment page under the Content-Security-Policy", async () => {
    const response = await t.app.inject({ url: "/en/support" });
    expect(response.headers["content-security-policy"]).toContain(
      `form-action 'self' https://checkout.stripe.com ${stripe.url};`,
    );
  });

  it("gives the article page's support card amount buttons that post to checkout", async () => {
    const article = await createArticle(t.services.articles, { edition: "en", title: "Night shelling of Kharkiv" });
    const page = await t.app.inject({ url: `/en/news/${article.slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form class="support-card" method="post" action="/en/support/checkout">');
    expect(page.body).toMatch(/<button type="submit" class="button" name="amount" value="10">\$10<\/button>/);
    const checkout = await post("/en/support/checkout", { currency: "USD", frequency: "one-time", amount: "10" });
    expect(checkout.statusCode).toBe(303);
    expect(checkout.headers.location).toMatch(/\/pay\/cs_test_/);
  });

  it("shows thank-you and cancel pages in the reader's language", async () => {
    const thanks = await t.app.inject({ url: "/support/thanks?session_id=cs_test_1" });
    expect(thanks.statusCode).toBe(200);
    expect(thanks.body).toContain("Дякуємо!");
    const cancelled = await t.app.inject({ url: "/en/support/cancelled" });
    expect(cancelled.body).toContain("Payment cancelled");
  });
});

describe.each(DIALECTS)("support without Stripe keys on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      editions: ["en"],
    });
  });
  afterEach(async () => t.close());

  const texts = {
    currency: "USD",
    pitch: "Independent reporting needs you.",
    faq: [],
    tiers: {},
    patronUrl: "https://www.patreon.com/example",
    bankDetails: "IBAN UA00 0000 0000 0000 0000 0000 000",
    paypalUrl: "https://www.paypal.com/donate/?hosted_button_id=EXAMPLE",
    crypto: [{ label: "USDT (TRC-20)", address: "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE" }],
  };
  function edition() {
    const en = t.services.editions.byCode("en");
    if (!en) throw new Error("no edition");
    return en;
  }
  async function articleWithSupportCard() {
    await t.services.settings.saveEditionSettings("en", {
      siteName: "The Kyiv Ledger",
      videoOfTheDay: null,
      articlePromos: [{ type: "support", title: "Keep us reporting", description: "Readers pay for our work." }],
      follow: {},
      supportUrl: "",
    });
    const story = await createArticle(t.services.articles, { edition: "en" });
    return `/en/news/${story.slug}`;
  }

  it("shows the other ways to give, PayPal and crypto included, and no card form", async () => {
    await t.services.revenue.settings.updateEdition(edition(), texts);
    const response = await t.app.inject({ url: "/en/support" });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain("Card payments are not available");
    expect(response.body).toContain("Ways to give");
    expect(response.body).toContain('href="https://www.patreon.com/example"');
    expect(response.body).toContain('href="https://www.paypal.com/donate/?hosted_button_id=EXAMPLE"');
    expect(response.body).toContain("IBAN UA00");
    expect(response.body).toContain("USDT (TRC-20)");
    expect(response.body).toContain("TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE");
    expect(response.body).not.toContain("support-form");
    expect(response.body).not.toContain("/en/support/checkout");
  });

  it("says card payments are unavailable only when there is no other way to give", async () => {
    await t.services.revenue.settings.updateEdition(edition(), {
      ...texts,
      patronUrl: "",
      bankDetails: "",
      paypalUrl: "",
      crypto: [],
    });
    const response = await t.app.inject({ url: "/en/support" });
    expect(response.body).toContain("Card payments are not available on this site at the moment.");
    expect(response.body).not.toContain("support-other");
  });

  it("gives the article's support card the other ways, with no amount buttons and no card checkout", async () => {
    await t.services.revenue.settings.updateEdition(edition(), texts);
    const html = (await t.app.inject({ url: await articleWithSupportCard() })).body;
    const card = html.slice(
      html.indexOf('data-promo="support"'),
      html.indexOf("</section>", html.indexOf('data-promo="support"')),
    );
    expect(card).toContain('href="https://www.paypal.com/donate/?hosted_button_id=EXAMPLE"');
    expect(card).toContain('href="https://www.patreon.com/example"');
    expect(card).toContain('href="/en/support#support-other"');
    expect(card).not.toContain("frequency=");
    expect(card).not.toContain("<form");
  });

  it("leaves the support card out when the edition has no way to give at all", async () => {
    await t.services.revenue.settings.updateEdition(edition(), {
      ...texts,
      patronUrl: "",
      paypalUrl: "",
      bankDetails: "",
      crypto: [],
    });
    const html = (await t.app.inject({ url: await articleWithSupportCard() })).body;
    expect(html).not.toContain('data-promo="support"');
  });

  it.each([
    ["paypalUrl", { paypalUrl: "javascript:alert(1)" }],
    ["patronUrl", { patronUrl: "ftp://example.org/give" }],
    ["crypto", { crypto: [{ label: "BTC", address: "<script>" }] }],
  ])("refuses a bad %s in the revenue texts", async (field, change) => {
    await expect(t.services.revenue.settings.updateEdition(edition(), { ...texts, ...change })).rejects.toMatchObject({
      code: "validation_failed",
      details: { field: expect.stringContaining(field) },
    });
  });

  it("answers a checkout post with a 503 page", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/en/support/checkout",
      headers: FORM,
      payload: "amount=10",
    });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain("Card payments are not available");
  });
});
