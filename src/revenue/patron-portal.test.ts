import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeStripe, signedEvent, startFakeStripe } from "../../test/fake-stripe.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

const FORM = { "content-type": "application/x-www-form-urlencoded" };

describe.each(DIALECTS)("patron portal links on %s", (dialect) => {
  let stripe: FakeStripe;
  let t: TestApp;
  let clock: Date;
  beforeAll(async () => {
    stripe = await startFakeStripe();
  });
  afterAll(async () => stripe.close());
  beforeEach(async () => {
    stripe.calls.length = 0;
    clock = new Date("2026-11-29T10:00:00.000Z");
    t = await startTestApp(dialect, {
      now: () => clock,
      env: stripe.env,
      editions: ["uk", "en"],
    });
    const { payload, headers } = signedEvent({
      id: "evt_patron",
      type: "checkout.session.completed",
      object: {
        id: "cs_patron",
        mode: "subscription",
        amount_total: 20000,
        currency: "uah",
        customer: "cus_taras",
        subscription: "sub_taras",
        customer_details: { email: "taras@example.org" },
        metadata: { edition: "uk", language: "uk", frequency: "monthly" },
      },
    });
    expect((await t.app.inject({ method: "POST", url: "/webhooks/stripe", headers, payload })).statusCode).toBe(200);
  });
  afterEach(async () => t.close());

  async function requestLink(email: string, ip = "203.0.113.9") {
    return t.app.inject({
      method: "POST",
      url: "/en/support/manage",
      headers: FORM,
      payload: new URLSearchParams({ email }).toString(),
      remoteAddress: ip,
    });
  }

  async function portalLink(): Promise<string> {
    const mail = await t.database.db
      .selectFrom("mail_outbox")
      .selectAll()
      .where("subject", "like", "%Керування%")
      .executeTakeFirstOrThrow();
    const link = /https:\/\/news\.example\/\S+/.exec(mail.text)?.[0];
    if (!link) throw new Error("no link in the email");
    return link.replace("https://news.example", "");
  }

  it("emails a patron a signed link, in their language, that opens the billing portal", async () => {
    const response = await requestLink("Taras@Example.org");
    expect(response.statusCode).toBe(202);
    expect(response.body).toContain("Check your email");
    const link = await portalLink();
    expect(link).toMatch(/^\/en\/support\/portal\?token=/);
    const portal = await t.app.inject({ url: link });
    expect(portal.statusCode).toBe(303);
    expect(portal.headers.location).toBe(`${stripe.url}/portal/bps_test_1`);
    expect(stripe.calls.at(-1)).toMatchObject({ path: "/v1/billing_portal/sessions" });
    expect(Object.fromEntries(stripe.calls.at(-1)?.params ?? [])).toEqual({
      customer: "cus_taras",
      return_url: "https://news.example/en/support",
    });
  });

  it("answers the same to an address that is not a patron, and sends nothing", async () => {
    const response = await requestLink("stranger@example.org");
    expect(response.statusCode).toBe(202);
    const mails = await t.database.db.selectFrom("mail_outbox").selectAll().execute();
    expect(mails.filter((mail) => mail.to === "stranger@example.org")).toHaveLength(0);
  });

  it("refuses an expired link and a forged one", async () => {
    await requestLink("taras@example.org");
    const link = await portalLink();
    const forged = await t.app.inject({ url: `${link.slice(0, -4)}AAAA` });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain("This link does not work");
    clock = new Date(clock.getTime() + 25 * 3600_000);
    const expired = await t.app.inject({ url: link });
    expect(expired.statusCode).toBe(410);
    expect(stripe.calls.filter((call) => call.path === "/v1/billing_portal/sessions")).toHaveLength(0);
  });

  it("rate-limits link requests per IP address", async () => {
    for (let i = 0; i < 5; i++) expect((await requestLink("taras@example.org")).statusCode).toBe(202);
    expect((await requestLink("taras@example.org")).statusCode).toBe(429);
  });
});
