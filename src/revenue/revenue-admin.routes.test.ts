import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FAKE_WEBHOOK_SECRET, signedEvent } from "../../test/fake-stripe.js";
import { createToken } from "../../test/staff-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

describe.each(DIALECTS)("revenue admin API on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      now: () => new Date("2026-11-29T10:00:00.000Z"),
      env: { STRIPE_SECRET_KEY: "sk_test_admin", STRIPE_WEBHOOK_SECRET: FAKE_WEBHOOK_SECRET },
      editions: ["uk", "en"],
    });
  });
  afterEach(async () => t.close());

  async function gift(id: string, email: string, name: string, amount: number, currency: string) {
    const { payload, headers } = signedEvent({
      id: `evt_${id}`,
      type: "checkout.session.completed",
      object: {
        id: `cs_${id}`,
        mode: "payment",
        payment_status: "paid",
        amount_total: amount,
        currency,
        customer: `cus_${id}`,
        payment_intent: `pi_${id}`,
        customer_details: { email, name },
        metadata: { edition: "en", language: "en" },
      },
    });
    const response = await t.app.inject({ method: "POST", url: "/webhooks/stripe", headers, payload });
    expect(response.statusCode).toBe(200);
  }

  it("totals gifts by day and month per currency, with the latest gifts", async () => {
    await gift("a", "a@example.org", "Anna", 2500, "usd");
    await gift("b", "b@example.org", "Bohdan", 1000, "usd");
    await gift("c", "c@example.org", "Chrystia", 50000, "uah");
    const response = await t.app.inject({ url: "/admin/api/revenue/summary", headers: await t.bearer("editor") });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.byDay).toEqual([
      { period: "2026-11-29", currency: "UAH", total: 50000, refunded: 0, count: 1 },
      { period: "2026-11-29", currency: "USD", total: 3500, refunded: 0, count: 2 },
    ]);
    expect(body.byMonth).toEqual([
      { period: "2026-11", currency: "UAH", total: 50000, refunded: 0, count: 1 },
      { period: "2026-11", currency: "USD", total: 3500, refunded: 0, count: 2 },
    ]);
    expect(body.latest).toHaveLength(3);
    expect(body.patrons).toEqual({ active: 0, monthlyRecurring: [] });
  });

  it("lists and searches supporters, pages through them, and exports CSV for admins only", async () => {
    await gift("a", "anna@example.org", "Anna Kovalenko", 2500, "usd");
    await gift("b", "bohdan@example.org", "Bohdan", 1000, "usd");
    await gift("c", "chrystia@example.org", "Христя", 1000, "usd");
    const admin = await t.bearer("admin");
    const found = await t.app.inject({ url: "/admin/api/revenue/supporters?q=KOVAL", headers: admin });
    expect(found.json().items.map((s: { email: string }) => s.email)).toEqual(["anna@example.org"]);
    const first = await t.app.inject({ url: "/admin/api/revenue/supporters?limit=2", headers: admin });
    expect(first.json().items).toHaveLength(2);
    const second = await t.app.inject({
      url: `/admin/api/revenue/supporters?limit=2&cursor=${first.json().nextCursor}`,
      headers: admin,
    });
    expect(second.json()).toMatchObject({ items: [{ email: "anna@example.org" }], nextCursor: null });
    const csv = await t.app.inject({ url: "/admin/api/revenue/supporters.csv", headers: admin });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    expect(csv.body.split("\n")[0]).toBe("\ufeffid,email,name,language,created_at,contributions,active_subscriptions");
    expect(csv.body).toContain("Христя");
    const editor = await t.bearer("editor");
    expect((await t.app.inject({ url: "/admin/api/revenue/supporters", headers: editor })).statusCode).toBe(403);
    expect((await t.app.inject({ url: "/admin/api/revenue/supporters.csv", headers: editor })).statusCode).toBe(403);
    expect((await t.app.inject({ url: "/admin/api/revenue/summary" })).statusCode).toBe(401);
  });

  it("changes amounts and texts, validating bounds, and the support page shows them", async () => {
    const admin = await t.bearer("admin");
    const settings = (await t.app.inject({ url: "/admin/api/revenue/settings", headers: admin })).json();
    const global = {
      ...settings.global,
      currencies: [{ code: "USD", min: 300, max: 50_000, presets: [300, 700, 1_100] }],
      tiers: [{ key: "friend", interval: "year", amounts: { USD: 6_000 } }],
    };
    const saved = await t.app.inject({
      method: "PUT",
      url: "/admin/api/revenue/settings/global",
      headers: admin,
      payload: global,
    });
    expect(saved.statusCode).toBe(200);
    const bad = await t.app.inject({
      method: "PUT",
      url: "/admin/api/revenue/settings/global",
      headers: admin,
      payload: { ...global, currencies: [{ code: "USD", min: 300, max: 50_000, presets: [100] }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe("validation_failed");
    const texts = {
      ...settings.editions.en,
      currency: "USD",
      pitch: "Readers keep this newsroom alive.",
      tiers: { friend: { name: "Friend", description: "A year of support." } },
    };
    const savedTexts = await t.app.inject({
      method: "PUT",
      url: "/admin/api/revenue/settings/editions/en",
      headers: admin,
      payload: texts,
    });
    expect(savedTexts.statusCode).toBe(200);
    const page = await t.app.inject({ url: "/en/support" });
    expect(page.body).toContain("Readers keep this newsroom alive.");
    expect(page.body).toContain('value="11"');
    expect(page.body).toContain("$60 a year");
    expect(
      (
        await t.app.inject({
          method: "PUT",
          url: "/admin/api/revenue/settings/editions/en",
          headers: await t.bearer("editor"),
          payload: texts,
        })
      ).statusCode,
    ).toBe(403);
  });

  it("reports the Stripe setup", async () => {
    const response = await t.app.inject({ url: "/admin/api/revenue/status", headers: await t.bearer("editor") });
    expect(response.json()).toEqual({
      checkout: true,
      webhooks: true,
      missing: [],
      mode: "test",
      apiBase: null,
      webhookUrl: "https://news.example/webhooks/stripe",
    });
  });
});

describe.each(DIALECTS)("revenue admin status without keys on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect);
  });
  afterEach(async () => t.close());

  it("names every missing setting", async () => {
    const token = await createToken(t.services, "admin");
    const response = await t.app.inject({
      url: "/admin/api/revenue/status",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.json()).toMatchObject({
      checkout: false,
      webhooks: false,
      missing: ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"],
    });
  });
});
