import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  FAKE_SECRET_KEY,
  FAKE_WEBHOOK_SECRET,
  type FakeStripe,
  signedEvent,
  startFakeStripe,
} from "../../test/fake-stripe.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import type { Role } from "../staff/actor.js";
import { RevenueRepository } from "./revenue.repository.js";
import { StripeKeys } from "./stripe-keys.service.js";

const FORM = { "content-type": "application/x-www-form-urlencoded" };

describe.each(DIALECTS)("Stripe keys set in the newsroom app on %s", (dialect) => {
  let stripe: FakeStripe;
  let t: TestApp;
  beforeAll(async () => {
    stripe = await startFakeStripe();
  });
  afterAll(async () => stripe.close());
  afterEach(async () => t?.close());

  async function start(env: Record<string, string> = {}) {
    t = await startTestApp(dialect, {
      env: { STRIPE_API_BASE: stripe.url, ...env },
      editions: ["en"],
    });
  }
  const as = (role: Role) => t.bearer(role);
  const keys = async (role: Role, payload?: object) =>
    t.app.inject({
      method: payload ? "PUT" : "GET",
      url: "/admin/api/revenue/stripe-keys",
      headers: await as(role),
      ...(payload ? { payload } : {}),
    });
  const checkout = () =>
    t.app.inject({
      method: "POST",
      url: "/en/support/checkout",
      headers: FORM,
      payload: "amount=25&currency=USD&frequency=one-time",
      remoteAddress: "203.0.113.9",
    });

  it("takes keys typed by an admin at once, without a restart, and never shows them back", async () => {
    await start();
    expect((await keys("admin")).json()).toEqual({
      secretKey: { set: false, source: null, last4: null },
      webhookSecret: { set: false, source: null, last4: null },
      storedReadable: true,
    });
    expect((await t.app.inject({ url: "/en/support" })).body).not.toContain("support-form");
    expect((await checkout()).statusCode).toBe(503);

    const saved = await keys("admin", { secretKey: FAKE_SECRET_KEY, webhookSecret: FAKE_WEBHOOK_SECRET });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({
      secretKey: { set: true, source: "app", last4: FAKE_SECRET_KEY.slice(-4) },
      webhookSecret: { set: true, source: "app", last4: FAKE_WEBHOOK_SECRET.slice(-4) },
      storedReadable: true,
    });
    expect(JSON.stringify(saved.json())).not.toContain(FAKE_SECRET_KEY);

    // The support page, the checkout and webhooks use them straight away.
    expect((await t.app.inject({ url: "/en/support" })).body).toContain("support-form");
    const response = await checkout();
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${stripe.url}/pay/cs_test_1`);
    const { payload, headers } = signedEvent({
      id: "evt_app_keys",
      type: "customer.subscription.updated",
      object: { id: "sub_1", status: "active" },
    });
    expect((await t.app.inject({ method: "POST", url: "/webhooks/stripe", headers, payload })).statusCode).toBe(200);

    // Stored encrypted: the database holds no key in the clear.
    const row = await t.database.db
      .selectFrom("revenue_settings")
      .select("document")
      .where("scope", "=", "stripe-keys")
      .executeTakeFirstOrThrow();
    expect(row.document).not.toContain(FAKE_SECRET_KEY);
    expect(row.document).not.toContain(FAKE_WEBHOOK_SECRET);

    // Removing the secret key turns card payments off again.
    expect((await keys("admin", { secretKey: null })).json().secretKey).toEqual({
      set: false,
      source: null,
      last4: null,
    });
    expect((await t.app.inject({ url: "/en/support" })).body).not.toContain("support-form");
  });

  it("reads nothing from stored keys once SECRET_KEY changed, and says they must be typed again", async () => {
    await start();
    const env = { secretKey: null, webhookSecret: null, apiBase: null };
    const repository = new RevenueRepository(t.database.db);
    await new StripeKeys(repository, "the first site secret, long enough!!", env).save({ secretKey: FAKE_SECRET_KEY });
    const later = new StripeKeys(repository, "another site secret, long enough!!!", env);
    await later.load();
    expect(later.gateway()).toBeNull();
    expect(later.status()).toMatchObject({ secretKey: { set: false }, storedReadable: false });
  });

  it("refuses what is not a Stripe key, and anyone below admin", async () => {
    await start();
    expect((await keys("admin", { secretKey: "pk_test_publishable_key" })).json()).toMatchObject({
      code: "validation_failed",
      details: { field: "secretKey" },
    });
    expect((await keys("admin", { webhookSecret: "secret" })).json()).toMatchObject({
      code: "validation_failed",
      details: { field: "webhookSecret" },
    });
    expect((await keys("editor")).statusCode).toBe(403);
    expect((await keys("editor", { secretKey: FAKE_SECRET_KEY })).statusCode).toBe(403);
  });

  it("lets the environment win: a key set there cannot be replaced in the app, and says where it comes from", async () => {
    await start({ STRIPE_SECRET_KEY: FAKE_SECRET_KEY });
    const refused = await keys("admin", { secretKey: "sk_test_another_key_here" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: "conflict", details: { field: "secretKey" } });
    expect(refused.json().message).toContain("STRIPE_SECRET_KEY");
    // The key the environment does not set can still be typed in.
    const saved = await keys("admin", { webhookSecret: FAKE_WEBHOOK_SECRET });
    expect(saved.json()).toMatchObject({
      secretKey: { set: true, source: "environment", last4: FAKE_SECRET_KEY.slice(-4) },
      webhookSecret: { set: true, source: "app" },
    });
  });
});
