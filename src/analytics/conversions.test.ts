import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createArticle } from "../../test/factories.js";
import { type FakeStripe, startFakeStripe } from "../../test/fake-stripe.js";
import { createList, linkTo, outbox } from "../../test/newsletter-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

const FORM = { "content-type": "application/x-www-form-urlencoded" };

describe.each(DIALECTS)("conversions counted for the article a form was on, on %s", (dialect) => {
  let stripe: FakeStripe;
  let t: TestApp;

  beforeAll(async () => {
    stripe = await startFakeStripe();
  });
  afterAll(async () => stripe.close());
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      env: stripe.env,
      editions: [{ code: "en", base_path: "/en/", locale: "en-GB" }],
    });
  });
  afterEach(async () => t.close());

  const post = (url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: "POST",
      url,
      headers: FORM,
      payload: new URLSearchParams(fields).toString(),
      remoteAddress: "203.0.113.9",
    });

  async function conversionsOf(id: number) {
    await t.services.events.drain();
    const response = await t.app.inject({ url: `/admin/api/stats/articles/${id}`, headers: await t.bearer("editor") });
    expect(response.statusCode).toBe(200);
    return response.json().conversions;
  }

  it("puts the article's id in its page's sign-up and support forms", async () => {
    const list = await createList(t.services, { slug: "en-daily" });
    await t.services.settings.saveEditionSettings("en", {
      siteName: "The Ledger",
      videoOfTheDay: null,
      articlePromos: [
        { type: "newsletter", list: list.slug, title: "Daily", description: "", cadence: "Daily", language: "en" },
        { type: "support", title: "Keep us reporting", description: "" },
      ],
      follow: {},
      supportUrl: "",
    });
    const article = await createArticle(t.services.articles, { edition: "en" });
    const page = await t.app.inject({ url: `/en/news/${article.slug}` });
    expect(page.statusCode).toBe(200);
    const hidden = page.body.match(/<input type="hidden" name="fromArticle" value="(\d+)"\/>/g) ?? [];
    expect(hidden).toHaveLength(2);
    expect(hidden[0]).toContain(`value="${article.id}"`);
  });

  it("counts a confirmed sign-up once for the article, and nothing for a sign-up from elsewhere", async () => {
    const article = await createArticle(t.services.articles, { edition: "en" });
    await createList(t.services, { slug: "en-daily" });
    expect(
      (
        await post("/en/newsletters/subscribe", {
          email: "a@example.org",
          list: "en-daily",
          fromArticle: String(article.id),
        })
      ).statusCode,
    ).toBe(202);
    expect((await post("/en/newsletters/subscribe", { email: "b@example.org", list: "en-daily" })).statusCode).toBe(
      202,
    );
    expect(
      (await post("/en/newsletters/subscribe", { email: "c@example.org", list: "en-daily", fromArticle: "x1" }))
        .statusCode,
    ).toBe(202);
    // Not yet confirmed: nothing counts.
    expect(await conversionsOf(article.id)).toEqual({ newsletterSignups: 0, donationsStarted: 0 });
    for (const mail of await outbox(t.database)) {
      const token = new URL(linkTo(mail.text, "confirm")).searchParams.get("token") ?? "";
      // The same link used twice adds nothing the second time.
      for (let i = 0; i < 2; i++) expect((await post("/en/newsletters/confirm", { token })).statusCode).toBe(200);
    }
    expect(await conversionsOf(article.id)).toEqual({ newsletterSignups: 1, donationsStarted: 0 });
  });

  it("counts a donation started from the article's support card", async () => {
    const article = await createArticle(t.services.articles, { edition: "en" });
    const started = await post("/en/support/checkout", {
      amount: "25",
      currency: "usd",
      frequency: "one-time",
      fromArticle: String(article.id),
    });
    expect(started.statusCode).toBe(303);
    await post("/en/support/checkout", { amount: "10", currency: "usd", frequency: "one-time" });
    // A refused form starts nothing.
    await post("/en/support/checkout", {
      amount: "-1",
      currency: "usd",
      frequency: "one-time",
      fromArticle: String(article.id),
    });
    expect(await conversionsOf(article.id)).toEqual({ newsletterSignups: 0, donationsStarted: 1 });
  });
});
