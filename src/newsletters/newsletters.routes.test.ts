import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createList, linkTo, outbox, pathOf } from "../../test/newsletter-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe.each(DIALECTS)("newsletter sign-up and leaving on %s", (dialect) => {
  let t: TestApp;
  let now: Date;

  beforeEach(async () => {
    now = new Date("2026-05-04T09:00:00.000Z");
    t = await startTestApp(dialect, {
      now: () => now,
      editions: [
        { code: "uk", base_path: "/" },
        { code: "ru", base_path: "/ru/" },
        { code: "en", base_path: "/en/", locale: "en-GB" },
      ],
    });
    await createList(t.services, { slug: "en-daily", name: "The Morning Briefing" });
    await createList(t.services, {
      slug: "ru-digest",
      edition: "ru",
      language: "ru",
      name: "Главное за день",
      cadence: "С понедельника по пятницу",
    });
  });
  afterEach(async () => t.close());

  async function subscribe(fields: Record<string, string>, url = "/en/newsletters/subscribe", ip = "203.0.113.7") {
    return t.app.inject({ method: "POST", url, headers: FORM, payload: form(fields), remoteAddress: ip });
  }

  it("double opt-in: the form sends a link, the link asks, the button confirms", async () => {
    const response = await subscribe({ email: "  Reader@Example.ORG ", list: "en-daily", website: "" });
    expect(response.statusCode).toBe(202);
    expect(response.body).toContain("Check your inbox");
    expect(response.headers["cache-control"]).toBe("no-store");
    const [mail] = await outbox(t.database);
    expect(mail?.to).toBe("reader@example.org");
    expect(mail?.subject).toBe("Confirm your subscription to The Morning Briefing");
    expect(await t.services.newsletters.subscriptions.subscribers(1, { limit: 10 })).toEqual([]);

    const link = linkTo(mail?.text ?? "", "confirm");
    const prompt = await t.app.inject({ url: pathOf(link) });
    expect(prompt.statusCode).toBe(200);
    expect(prompt.body).toContain("reader@example.org");
    // A link scanner that follows the link subscribes nobody.
    expect(await t.services.newsletters.subscriptions.subscribers(1, { limit: 10 })).toEqual([]);

    const token = new URL(link).searchParams.get("token") ?? "";
    const confirmed = await t.app.inject({
      method: "POST",
      url: "/en/newsletters/confirm",
      headers: FORM,
      payload: form({ token }),
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain("You are subscribed");
    const subscribers = await t.services.newsletters.subscriptions.subscribers(1, { limit: 10 });
    expect(subscribers).toMatchObject([{ email: "reader@example.org", status: "active" }]);
  });

  it("confirms a Russian list on a Russian page, whatever edition the form was on", async () => {
    await subscribe({ email: "chitatel@example.org", list: "ru-digest" });
    const [mail] = await outbox(t.database);
    expect(mail?.subject).toBe("Подтвердите подписку на «Главное за день»");
    const link = linkTo(mail?.text ?? "", "confirm");
    expect(new URL(link).pathname).toBe("/ru/newsletters/confirm");
    const prompt = await t.app.inject({ url: pathOf(link) });
    expect(prompt.body).toContain('lang="ru"');
    expect(prompt.body).toContain("Подтвердить подписку");
  });

  it("answers the same whether or not the address is already subscribed, and mails an active one nothing", async () => {
    await t.services.newsletters.subscriptions.addSubscriber(1, "known@example.org");
    const known = await subscribe({ email: "known@example.org", list: "en-daily" });
    const unknown = await subscribe({ email: "new@example.org", list: "en-daily" });
    expect(known.statusCode).toBe(unknown.statusCode);
    expect(known.body.replace(/nonce="[^"]+"/g, "")).toBe(unknown.body.replace(/nonce="[^"]+"/g, ""));
    expect((await outbox(t.database)).map((m) => m.to)).toEqual(["new@example.org"]);
  });

  it("stores nothing and mails nothing when the trap field is filled, yet answers as usual", async () => {
    const response = await subscribe({ email: "bot@example.org", list: "en-daily", website: "http://spam.example" });
    expect(response.statusCode).toBe(202);
    expect(await outbox(t.database)).toEqual([]);
  });

  it("limits sign-ups per IP address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await subscribe({ email: `r${i}@example.org`, list: "en-daily" })).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("sends at most three confirmation mails an hour to one address, answering the same", async () => {
    for (let i = 0; i < 5; i++) {
      const response = await subscribe({ email: "victim@example.org", list: "en-daily" }, undefined, `198.51.100.${i}`);
      expect(response.statusCode).toBe(202);
    }
    expect((await outbox(t.database)).length).toBe(3);
  });

  it.each([
    ["email", { email: "not-an-address", list: "en-daily" }, 400],
    ["email", { email: "a@b", list: "en-daily" }, 400],
    ["email", { email: "x@example.org\r\nBcc: victim@example.org", list: "en-daily" }, 400],
    ["email", { email: '"quoted"@example.org', list: "en-daily" }, 400],
    ["email", { email: `${"a".repeat(300)}@example.org`, list: "en-daily" }, 400],
    ["email", { email: "<script>alert(1)</script>@example.org", list: "en-daily" }, 400],
    ["email", { list: "en-daily" }, 400],
    ["list", { email: "ok@example.org", list: "no-such-list" }, 404],
    ["list", { email: "ok@example.org", list: "' OR 1=1 --" }, 404],
    ["list", { email: "ok@example.org" }, 404],
    ["list", { email: "ok@example.org", list: "x".repeat(5000) }, 404],
  ])("answers hostile %s input with a page in the reader's language (%j)", async (_field, fields, status) => {
    const response = await subscribe(fields as Record<string, string>);
    expect(response.statusCode).toBe(status);
    expect(response.headers["content-type"]).toContain("text/html");
    expect(response.body).toContain('lang="en"');
    expect(response.body).not.toContain("<script>alert");
    expect(await outbox(t.database)).toEqual([]);
  });

  it("answers repeated fields and a huge body with a 4xx, never a 500", async () => {
    const repeated = await t.app.inject({
      method: "POST",
      url: "/en/newsletters/subscribe",
      headers: FORM,
      payload: "email=a%40example.org&email=b%40example.org&list=en-daily&list=ru-digest",
      remoteAddress: "192.0.2.1",
    });
    expect(repeated.statusCode).toBe(202);
    const huge = await subscribe({ email: "y".repeat(20_000), list: "en-daily" });
    expect(huge.statusCode).toBeGreaterThanOrEqual(400);
    expect(huge.statusCode).toBeLessThan(500);
  });

  it.each([
    ["confirm", "garbage"],
    ["confirm", "eyJwIjoibmV3c2xldHRlci5jb25maXJtIn0.forged"],
    ["preferences", "x".repeat(5000)],
    ["unsubscribe", ""],
  ])("shows a clear page for a damaged %s link", async (page, token) => {
    const response = await t.app.inject({ url: `/en/newsletters/${page}?token=${encodeURIComponent(token)}` });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.headers["content-type"]).toContain("text/html");
  });

  it("refuses a confirmation link after three days", async () => {
    await subscribe({ email: "late@example.org", list: "en-daily" });
    const link = linkTo((await outbox(t.database))[0]?.text ?? "", "confirm");
    now = new Date(now.getTime() + 4 * 24 * 3600 * 1000);
    const response = await t.app.inject({ url: pathOf(link) });
    expect(response.statusCode).toBe(410);
    expect(response.body).toContain("This link has expired");
  });

  it("unsubscribes with a bare one-click POST and no cookies (RFC 8058), then suppresses the address", async () => {
    await t.services.newsletters.subscriptions.addSubscriber(1, "leaver@example.org");
    const [entry] = await t.services.newsletters.subscriptions.subscribers(1, { limit: 1 });
    const list = await t.services.newsletters.lists.list(1);
    const { unsubscribe } = t.services.newsletters.subscriptions.readerLinks(list, entry?.subscriberId ?? 0);
    const bare = await t.app.inject({ method: "POST", url: pathOf(unsubscribe) });
    expect(bare.statusCode).toBe(200);
    expect(bare.body).toContain("You have unsubscribed");
    expect(await t.services.newsletters.subscriptions.subscribers(1, { limit: 1 })).toMatchObject([
      { status: "unsubscribed" },
    ]);
    // Again, as a provider would send it: the form body RFC 8058 names.
    const oneClick = await t.app.inject({
      method: "POST",
      url: pathOf(unsubscribe),
      headers: FORM,
      payload: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.statusCode).toBe(200);
    // A suppressed address cannot be put back by an editor.
    await expect(t.services.newsletters.subscriptions.addSubscriber(1, "leaver@example.org")).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("the preference page changes lists and language, and leaves everything", async () => {
    await t.services.newsletters.subscriptions.addSubscriber(1, "prefs@example.org");
    const [entry] = await t.services.newsletters.subscriptions.subscribers(1, { limit: 1 });
    const list = await t.services.newsletters.lists.list(1);
    const { preferences } = t.services.newsletters.subscriptions.readerLinks(list, entry?.subscriberId ?? 0);
    const page = await t.app.inject({ url: pathOf(preferences) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("prefs@example.org");
    expect(page.body).toMatch(/value="en-daily" checked/);
    const token = new URL(preferences).searchParams.get("token") ?? "";
    const saved = await t.app.inject({
      method: "POST",
      url: "/en/newsletters/preferences",
      headers: FORM,
      payload: `token=${encodeURIComponent(token)}&lists=en-daily&lists=ru-digest&language=ru&action=save`,
    });
    expect(saved.statusCode).toBe(200);
    expect(await t.services.newsletters.subscriptions.subscribers(2, { limit: 1 })).toMatchObject([
      { email: "prefs@example.org", status: "active", language: "ru" },
    ]);
    const left = await t.app.inject({
      method: "POST",
      url: "/en/newsletters/preferences",
      headers: FORM,
      payload: form({ token, action: "leave" }),
    });
    expect(left.body).toContain("You have left all our newsletters");
    const statuses = [
      ...(await t.services.newsletters.subscriptions.subscribers(1, { limit: 1 })),
      ...(await t.services.newsletters.subscriptions.subscribers(2, { limit: 1 })),
    ].map((s) => s.status);
    expect(statuses).toEqual(["unsubscribed", "unsubscribed"]);
  });

  it("lists the edition's newsletters on {base}newsletters, each with a working form", async () => {
    const response = await t.app.inject({ url: "/ru/newsletters" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("Рассылки");
    expect(response.body.indexOf("ru-digest")).toBeLessThan(response.body.indexOf("en-daily"));
    expect(response.body).toContain('action="/ru/newsletters/subscribe"');
    expect(response.body).toMatch(/<input[^>]*type="email"/);
  });
});
