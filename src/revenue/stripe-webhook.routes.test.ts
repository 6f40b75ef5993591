import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FAKE_SECRET_KEY, type FakeStripe, signedEvent, startFakeStripe } from "../../test/fake-stripe.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

let sequence = 0;
const eventId = () => `evt_test_${++sequence}`;

function completedPayment(overrides: Record<string, unknown> = {}) {
  return {
    id: `cs_test_${++sequence}`,
    object: "checkout.session",
    mode: "payment",
    payment_status: "paid",
    amount_total: 2500,
    currency: "usd",
    customer: "cus_olena",
    customer_details: { email: "Olena@Example.org", name: "Olena K." },
    payment_intent: "pi_olena_1",
    metadata: { edition: "en", language: "en", frequency: "one-time", supporter_name: "Olena" },
    ...overrides,
  };
}

describe.each(DIALECTS)("Stripe webhooks on %s", (dialect) => {
  let stripe: FakeStripe;
  let t: TestApp;
  beforeAll(async () => {
    stripe = await startFakeStripe();
  });
  afterAll(async () => stripe.close());
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      env: stripe.env,
      editions: ["uk", "en"],
    });
  });
  afterEach(async () => t.close());

  function deliver(event: { id: string; type: string; object: Record<string, unknown> }, secret?: string) {
    const { payload, headers } = signedEvent(event, secret);
    return t.app.inject({ method: "POST", url: "/webhooks/stripe", headers, payload });
  }

  const db = () => t.database.db;
  const contributions = () => db().selectFrom("revenue_contributions").selectAll().orderBy("id").execute();
  const supporters = () => db().selectFrom("revenue_supporters").selectAll().orderBy("id").execute();
  const subscriptions = () => db().selectFrom("revenue_subscriptions").selectAll().orderBy("id").execute();
  const outbox = () => db().selectFrom("mail_outbox").selectAll().orderBy("id").execute();

  it("records a completed one-time gift and thanks the supporter in their language", async () => {
    const response = await deliver({ id: eventId(), type: "checkout.session.completed", object: completedPayment() });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: true, outcome: "applied" });
    const [supporter] = await supporters();
    expect(supporter).toMatchObject({ email: "olena@example.org", name: "Olena", stripe_customer_id: "cus_olena" });
    expect(await contributions()).toMatchObject([
      { kind: "one_time", currency: "USD", amount: 2500, status: "paid", supporter_id: supporter?.id },
    ]);
    await t.services.jobs.runDue();
    const mail = await outbox();
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ to: "olena@example.org", subject: "Thank you for supporting Gazette" });
    expect(mail[0]?.text).toContain("Dear Olena,");
    expect(mail[0]?.text).toContain("$25");
  });

  it("writes the thank-you in Ukrainian for a reader of the Ukrainian edition", async () => {
    await deliver({
      id: eventId(),
      type: "checkout.session.completed",
      object: completedPayment({
        currency: "uah",
        amount_total: 50000,
        metadata: { edition: "uk", language: "uk", frequency: "one-time" },
      }),
    });
    await t.services.jobs.runDue();
    const [mail] = await outbox();
    expect(mail?.subject).toBe("Дякуємо за підтримку Gazette");
    expect(mail?.text).toContain("Ми отримали вашу пожертву");
  });

  it("treats a replayed event id as a no-op", async () => {
    const event = { id: eventId(), type: "checkout.session.completed", object: completedPayment() };
    expect((await deliver(event)).json().outcome).toBe("applied");
    const replay = await deliver(event);
    expect(replay.statusCode).toBe(200);
    expect(replay.json().outcome).toBe("replayed");
    await t.services.jobs.runDue();
    expect(await contributions()).toHaveLength(1);
    expect(await outbox()).toHaveLength(1);
  });

  it("does not count one Checkout Session twice when Stripe sends it under a new event id", async () => {
    const session = completedPayment();
    await deliver({ id: eventId(), type: "checkout.session.completed", object: session });
    await deliver({ id: eventId(), type: "checkout.session.completed", object: session });
    expect(await contributions()).toHaveLength(1);
  });

  it.each([
    ["a forged signature", { "stripe-signature": "t=1790000000,v1=deadbeef" }],
    ["no signature", {}],
  ])("answers 400 to %s and changes nothing", async (_label, signature) => {
    const { payload } = signedEvent({ id: eventId(), type: "checkout.session.completed", object: completedPayment() });
    const response = await t.app.inject({
      method: "POST",
      url: "/webhooks/stripe",
      headers: { "content-type": "application/json", ...signature },
      payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("invalid_signature");
    expect(await contributions()).toHaveLength(0);
    expect(await db().selectFrom("revenue_stripe_events").selectAll().execute()).toHaveLength(0);
  });

  it("refuses an event signed with another secret, and a body changed after signing", async () => {
    const event = { id: eventId(), type: "checkout.session.completed", object: completedPayment() };
    expect((await deliver(event, "whsec_someone_else")).statusCode).toBe(400);
    const { payload, headers } = signedEvent(event);
    const tampered = payload.replace('"amount_total":2500', '"amount_total":9999');
    const response = await t.app.inject({ method: "POST", url: "/webhooks/stripe", headers, payload: tampered });
    expect(response.statusCode).toBe(400);
    expect(await contributions()).toHaveLength(0);
  });

  it("refuses an event whose signature is dated more than five minutes ahead, or behind", async () => {
    const nowSeconds = Math.floor(Date.now() / 1000);
    for (const offset of [600, 86_400 * 365, -600]) {
      const event = { id: eventId(), type: "checkout.session.completed", object: completedPayment() };
      const { payload, headers } = signedEvent(event, undefined, nowSeconds + offset);
      const response = await t.app.inject({ method: "POST", url: "/webhooks/stripe", headers, payload });
      expect(response.statusCode, `${offset} s`).toBe(400);
      expect(response.json().code).toBe("invalid_signature");
    }
    expect(await contributions()).toHaveLength(0);
    const { payload, headers } = signedEvent(
      { id: eventId(), type: "checkout.session.completed", object: completedPayment() },
      undefined,
      nowSeconds + 60,
    );
    expect((await t.app.inject({ method: "POST", url: "/webhooks/stripe", headers, payload })).statusCode).toBe(200);
  });

  it("accepts and ignores an event type it does not handle", async () => {
    const response = await deliver({ id: eventId(), type: "customer.created", object: { id: "cus_1" } });
    expect(response.statusCode).toBe(200);
    expect(response.json().outcome).toBe("ignored");
    expect(await supporters()).toHaveLength(0);
  });

  it("keeps a hostile name as inert text and out of spreadsheet formulas", async () => {
    const hostile = '=HYPERLINK("http://evil.example","x")<script>alert(1)</script>\u0000\u202e';
    await deliver({
      id: eventId(),
      type: "checkout.session.completed",
      object: completedPayment({ metadata: { edition: "en", language: "en", supporter_name: hostile } }),
    });
    const [supporter] = await supporters();
    expect(supporter?.name).toBe('=HYPERLINK("http://evil.example","x")<script>alert(1)</script>');
    await t.services.jobs.runDue();
    const [mail] = await outbox();
    expect(mail?.html).toContain("&#60;script&#62;");
    expect(mail?.html).not.toContain("<script>");
    const csv = await t.services.revenue.reports.supportersCsv();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")<script>alert(1)</script>"`);
  });

  it("ignores amounts that are not whole non-negative minor units", async () => {
    for (const amount of [-100, 12.5, "2500", 1e15]) {
      const response = await deliver({
        id: eventId(),
        type: "checkout.session.completed",
        object: completedPayment({ amount_total: amount }),
      });
      expect(response.statusCode).toBe(200);
    }
    expect(await contributions()).toHaveLength(0);
  });

  it("thanks a new patron once even when the session arrives under two event ids", async () => {
    const session = completedPayment({
      mode: "subscription",
      subscription: "sub_twice",
      metadata: { frequency: "yearly" },
    });
    await deliver({ id: eventId(), type: "checkout.session.completed", object: session });
    await deliver({ id: eventId(), type: "checkout.session.completed", object: session });
    await t.services.jobs.runDue();
    const mail = await outbox();
    expect(mail).toHaveLength(1);
    expect(mail[0]?.text).toContain("giving $25 every year");
    expect(await subscriptions()).toMatchObject([{ interval: "year", amount: 2500 }]);
  });

  it("follows a patron from checkout through invoices, a failed payment, a change and cancellation", async () => {
    await deliver({
      id: eventId(),
      type: "checkout.session.completed",
      object: completedPayment({
        mode: "subscription",
        amount_total: 1500,
        payment_intent: null,
        subscription: "sub_olena",
        metadata: { edition: "en", language: "en", frequency: "monthly" },
      }),
    });
    expect(await subscriptions()).toMatchObject([
      { stripe_subscription_id: "sub_olena", status: "active", amount: 1500, interval: "month", currency: "USD" },
    ]);
    const invoice = {
      id: "in_1",
      object: "invoice",
      customer: "cus_olena",
      customer_email: "olena@example.org",
      amount_paid: 1500,
      currency: "usd",
      parent: { subscription_details: { subscription: "sub_olena" } },
      lines: { data: [{ period: { start: 1_790_000_000, end: 1_792_592_000 } }] },
    };
    await deliver({ id: eventId(), type: "invoice.paid", object: invoice });
    await deliver({ id: eventId(), type: "invoice.paid", object: invoice });
    expect(await contributions()).toMatchObject([
      { kind: "recurring", amount: 1500, stripe_invoice_id: "in_1", stripe_subscription_id: "sub_olena" },
    ]);
    expect((await subscriptions())[0]?.current_period_end).toBe(new Date(1_792_592_000_000).toISOString());

    await deliver({ id: eventId(), type: "invoice.payment_failed", object: { ...invoice, id: "in_2" } });
    expect((await subscriptions())[0]?.status).toBe("past_due");

    await deliver({
      id: eventId(),
      type: "customer.subscription.updated",
      object: {
        id: "sub_olena",
        object: "subscription",
        customer: "cus_olena",
        status: "active",
        items: {
          data: [
            {
              current_period_end: 1_795_000_000,
              price: { unit_amount: 3000, currency: "usd", recurring: { interval: "year" } },
            },
          ],
        },
      },
    });
    expect(await subscriptions()).toMatchObject([{ status: "active", amount: 3000, interval: "year" }]);
    const summary = await t.services.revenue.reports.summary();
    expect(summary.patrons).toEqual({ active: 1, monthlyRecurring: [{ currency: "USD", amount: 250 }] });

    await deliver({
      id: eventId(),
      type: "customer.subscription.deleted",
      object: {
        id: "sub_olena",
        object: "subscription",
        customer: "cus_olena",
        status: "canceled",
        ended_at: 1_796_000_000,
      },
    });
    expect(await subscriptions()).toMatchObject([
      { status: "canceled", canceled_at: new Date(1_796_000_000_000).toISOString() },
    ]);
    expect((await t.services.revenue.reports.summary()).patrons.active).toBe(0);
  });

  it("marks a refunded gift, partially then fully", async () => {
    await deliver({ id: eventId(), type: "checkout.session.completed", object: completedPayment() });
    const charge = { id: "ch_1", object: "charge", payment_intent: "pi_olena_1", amount: 2500, currency: "usd" };
    const partial = await deliver({
      id: eventId(),
      type: "charge.refunded",
      object: { ...charge, amount_refunded: 1000 },
    });
    expect(partial.statusCode).toBe(200);
    expect(await contributions()).toMatchObject([{ status: "partially_refunded", refunded_amount: 1000 }]);
    await deliver({ id: eventId(), type: "charge.refunded", object: { ...charge, amount_refunded: 2500 } });
    expect(await contributions()).toMatchObject([{ status: "refunded", refunded_amount: 2500 }]);
    const summary = await t.services.revenue.reports.summary();
    expect(summary.refunds).toHaveLength(1);
  });

  it("keeps the app's own JSON parsing for other routes", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/admin/api/auth/login",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ email: "nobody@example.org", password: "wrong password" }),
    });
    expect(response.statusCode).toBe(401);
  });
});

describe.each(DIALECTS)("Stripe webhooks without a signing secret on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, { env: { STRIPE_SECRET_KEY: FAKE_SECRET_KEY } });
  });
  afterEach(async () => t.close());

  it("refuses every webhook and says what is missing", async () => {
    const { payload, headers } = signedEvent({ id: "evt_x", type: "invoice.paid", object: {} });
    const response = await t.app.inject({ method: "POST", url: "/webhooks/stripe", headers, payload });
    expect(response.statusCode).toBe(503);
    expect(response.json().message).toContain("STRIPE_WEBHOOK_SECRET");
  });
});
