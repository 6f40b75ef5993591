import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle } from "../../test/factories.js";
import { type FakePushService, startFakePushService } from "../../test/fake-push-service.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import type { Role } from "../staff/actor.js";

describe.each(DIALECTS)("web push on %s", (dialect) => {
  let t: TestApp;
  let pushService: FakePushService;
  const clock = new Date("2026-12-06T10:00:00.000Z");

  beforeEach(async () => {
    pushService = await startFakePushService();
    t = await startTestApp(dialect, {
      now: () => clock,
      env: { PUSH_ALLOW_PRIVATE: "true" },
      editions: ["en", { code: "uk", base_path: "/uk/", locale: "uk-UA" }],
    });
  });
  afterEach(async () => {
    await t.close();
    await pushService.close();
  });

  async function runJobs(): Promise<void> {
    for (let round = 0; round < 20 && (await t.services.jobs.runDue()) > 0; round++);
  }

  async function subscribe(name: string, edition = "en", status = 201) {
    const subscription = pushService.subscription(name, status);
    const response = await t.app.inject({
      method: "POST",
      url: "/push/subscriptions",
      payload: { edition, ...subscription, expirationTime: null },
    });
    expect(response.statusCode).toBe(201);
    return subscription;
  }

  async function sendArticle(articleId: number, role: Role = "editor") {
    return t.app.inject({
      method: "POST",
      url: "/admin/api/push/sends",
      headers: await t.bearer(role),
      payload: { articleId },
    });
  }

  it("pushes a published article once to every subscriber of its edition, encrypted for each", async () => {
    await subscribe("reader-1");
    await subscribe("reader-2");
    await subscribe("ukrainian-reader", "uk");
    const article = await createArticle(t.services.articles, { edition: "en", title: "Dam breach floods the south" });

    const response = await sendArticle(article.id);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({ status: "sending", total: 2, delivered: 0 });
    await runJobs();

    expect(pushService.received.map((push) => push.name).sort()).toEqual(["reader-1", "reader-2"]);
    const first = pushService.received[0];
    expect(first?.message).toEqual({
      title: "Gazette",
      body: "Dam breach floods the south",
      url: `https://news.example/en/news/${article.slug}`,
      tag: `gazette-${response.json().id}`,
    });
    expect(first?.headers.authorization).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
    expect(first?.headers["content-encoding"]).toBe("aes128gcm");

    const send = await t.app.inject({
      url: `/admin/api/push/sends/${response.json().id}`,
      headers: await t.bearer("author"),
    });
    expect(send.json()).toMatchObject({ status: "done", total: 2, delivered: 2, failed: 0, removed: 0 });
  });

  it("drops a subscription the push service says is gone (410 or 404) and counts failures apart", async () => {
    await subscribe("still-here");
    await subscribe("uninstalled", "en", 410);
    await subscribe("flaky", "en", 503);
    const article = await createArticle(t.services.articles, { edition: "en" });
    const { id } = (await sendArticle(article.id)).json();
    await runJobs();

    const send = await t.services.push.getSend(id);
    expect(send).toMatchObject({ status: "done", total: 3, delivered: 1, failed: 1, removed: 1 });
    const overview = await t.app.inject({ url: "/admin/api/push", headers: await t.bearer("editor") });
    expect(overview.json().subscribers).toEqual([
      { edition: "en", subscribers: 2 },
      { edition: "uk", subscribers: 0 },
    ]);
  });

  it("refuses a second push of the same article, and a push of an unpublished one", async () => {
    await subscribe("reader");
    const article = await createArticle(t.services.articles, { edition: "en" });
    expect((await sendArticle(article.id)).statusCode).toBe(202);
    const again = await sendArticle(article.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("conflict");

    const draft = await createArticle(t.services.articles, { edition: "en" }, { publish: false });
    const refused = await sendArticle(draft.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("invalid_state");
  });

  it("lets only editors and above send, and authors see what went out", async () => {
    const article = await createArticle(t.services.articles, { edition: "en" });
    const byAuthor = await sendArticle(article.id, "author");
    expect(byAuthor.statusCode).toBe(403);
    expect(byAuthor.json().code).toBe("forbidden");
    expect((await t.app.inject({ url: "/admin/api/push", headers: await t.bearer("author") })).statusCode).toBe(200);
    expect((await t.app.inject({ url: "/admin/api/push", headers: await t.bearer("contributor") })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ url: "/admin/api/push" })).statusCode).toBe(401);
  });

  it("alerts the edition when the breaking banner goes up, once even if the listener runs twice", async () => {
    await subscribe("reader");
    await subscribe("ukrainian-reader", "uk");
    const raised = await t.app.inject({
      method: "PUT",
      url: "/admin/api/banners/uk",
      headers: await t.bearer("editor"),
      payload: { text: "Повітряна тривога в Києві", url: "/uk/news/alert", expiresAt: "2026-12-06T12:00:00Z" },
    });
    expect(raised.statusCode).toBe(200);
    await runJobs();
    await t.services.push.sendBreaking({
      edition: "uk",
      text: "Повітряна тривога в Києві",
      url: "/uk/news/alert",
      expiresAt: raised.json().expiresAt,
    });
    await runJobs();

    expect(pushService.received).toHaveLength(1);
    expect(pushService.received[0]?.name).toBe("ukrainian-reader");
    expect(pushService.received[0]?.message).toMatchObject({
      title: "Терміново · Gazette",
      body: "Повітряна тривога в Києві",
      url: "https://news.example/uk/news/alert",
    });
  });

  it("sends nothing again when a batch job that already finished runs a second time", async () => {
    await subscribe("reader");
    const article = await createArticle(t.services.articles, { edition: "en" });
    const { id } = (await sendArticle(article.id)).json();
    await runJobs();
    await t.services.push.runBatch(id, 0);
    expect(pushService.received).toHaveLength(1);
    expect((await t.services.push.getSend(id)).delivered).toBe(1);
  });

  it("forgets a browser that unsubscribes, and keeps one row when a browser subscribes twice", async () => {
    const subscription = await subscribe("reader");
    const again = await t.app.inject({
      method: "POST",
      url: "/push/subscriptions",
      payload: { edition: "en", ...subscription },
    });
    expect(again.statusCode).toBe(201);
    expect((await t.services.push.subscriberCounts())[0]).toEqual({ edition: "en", subscribers: 1 });
    const gone = await t.app.inject({
      method: "DELETE",
      url: "/push/subscriptions",
      payload: { edition: "en", endpoint: subscription.endpoint },
    });
    expect(gone.statusCode).toBe(204);
    expect((await t.services.push.subscriberCounts())[0]).toEqual({ edition: "en", subscribers: 0 });
  });

  it("rejects malformed subscriptions with a code, and unknown editions with 404", async () => {
    const subscription = pushService.subscription("reader");
    const post = (payload: Record<string, unknown>) =>
      t.app.inject({ method: "POST", url: "/push/subscriptions", payload });
    const badKey = await post({
      edition: "en",
      endpoint: subscription.endpoint,
      keys: { ...subscription.keys, p256dh: "AAAA" },
    });
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json()).toMatchObject({ code: "validation_failed", details: { field: "p256dh" } });
    expect((await post({ edition: "en", endpoint: "ftp://push.example/x", keys: subscription.keys })).json().code).toBe(
      "push_endpoint_refused",
    );
    expect((await post({ edition: "en" })).statusCode).toBe(400);
    expect((await post({ edition: "xx", ...subscription })).statusCode).toBe(404);
  });

  it("serves the public VAPID key, the same one after a restart from the same data directory", async () => {
    const key = (await t.app.inject({ url: "/push/key" })).json().publicKey;
    expect(Buffer.from(key, "base64url")).toHaveLength(65);
    expect(key).toBe(t.services.push.publicKey());
  });

  it("answers 404 for the service worker when the browser assets are not built", async () => {
    const response = await t.app.inject({ url: "/push-sw.js" });
    expect(response.statusCode).toBe(404);
  });
});

describe("push endpoints in production", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp("sqlite", {
      editions: ["en"],
    });
  });
  afterEach(async () => t.close());

  it("refuses endpoints on plain http or on loopback and private addresses", async () => {
    const keys = { p256dh: Buffer.alloc(65, 4).toString("base64url"), auth: Buffer.alloc(16, 1).toString("base64url") };
    for (const endpoint of ["http://push.example/a", "https://127.0.0.1/a", "https://10.0.0.8/a", "https://[::1]/a"]) {
      const response = await t.app.inject({
        method: "POST",
        url: "/push/subscriptions",
        payload: { edition: "en", endpoint, keys },
      });
      expect(response.statusCode, endpoint).toBe(400);
      expect(response.json().code, endpoint).toBe("push_endpoint_refused");
    }
  });
});
