import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Browser } from "../../test/staff-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import { WebhookReceiver } from "../../test/webhook-receiver.js";
import { verifySignature } from "./webhook-signature.js";

const EVENTS = ["article.published", "correction.created"];

describe.each(DIALECTS)("webhook admin API on %s", (dialect) => {
  let t: TestApp;
  let owner: Browser;
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
    t = await startTestApp(dialect, {
      env: { WEBHOOKS_ALLOW_PRIVATE: "true" },
      editions: [{ code: "en", base_path: "/en/" }],
    });
    owner = await t.signInAs("owner");
  });
  afterEach(async () => {
    await t.close();
    await receiver.close();
  });

  const api = (who: Browser | null, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/admin/api/webhooks${url}`,
      headers: who?.headers ?? {},
      ...(payload ? { payload } : {}),
    });

  it("creates a subscription and shows its secret only in the answer to the creation", async () => {
    const created = await api(owner, "POST", "", { url: receiver.url, events: EVENTS });
    expect(created.statusCode).toBe(201);
    const { id, secret } = created.json();
    expect(secret).toMatch(/^whsec_[0-9a-f]{48}$/);
    const listed = await api(owner, "GET", "");
    expect(listed.json().items).toEqual([
      expect.objectContaining({ id, url: receiver.url, events: EVENTS, enabled: true, consecutiveFailures: 0 }),
    ]);
    expect(listed.body).not.toContain(secret);
    expect((await api(owner, "GET", `/${id}`)).body).not.toContain(secret);
  });

  it("changes the events, the URL and the switch, and deletes", async () => {
    const { id } = (await api(owner, "POST", "", { url: receiver.url, events: EVENTS })).json();
    const patched = await api(owner, "PATCH", `/${id}`, {
      events: ["newsletter.sent"],
      url: `${receiver.url}?v=2`,
      enabled: false,
    });
    expect(patched.json()).toMatchObject({ events: ["newsletter.sent"], url: `${receiver.url}?v=2`, enabled: false });
    expect(patched.json().disabledAt).not.toBeNull();
    expect((await api(owner, "PATCH", `/${id}`, { enabled: true })).json()).toMatchObject({
      enabled: true,
      disabledAt: null,
    });
    expect((await api(owner, "DELETE", `/${id}`)).statusCode).toBe(204);
    expect((await api(owner, "GET", `/${id}`)).statusCode).toBe(404);
    expect((await api(owner, "DELETE", `/${id}`)).statusCode).toBe(404);
  });

  it.each([
    ["an unknown event", { events: ["article.deleted"] }, "webhook_event_unknown"],
    ["no event", { events: [] }, "validation_failed"],
    ["an ftp URL", { url: "ftp://partner.example/hook" }, "webhook_url_invalid"],
    ["a relative URL", { url: "/hook" }, "webhook_url_invalid"],
    ["a URL with a password", { url: "https://user:pass@partner.example/hook" }, "webhook_url_invalid"],
    ["events that are not a list", { events: "article.published" }, "validation_failed"],
  ])("refuses %s with a stable code", async (_name, change, code) => {
    const response = await api(owner, "POST", "", { url: receiver.url, events: EVENTS, ...change });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code });
    expect((await api(owner, "GET", "")).json().items).toEqual([]);
  });

  it("lets owners and admins manage webhooks and nobody else", async () => {
    expect((await api(null, "GET", "")).statusCode).toBe(401);
    for (const role of ["contributor", "author", "editor"] as const) {
      const member = await t.signInAs(role);
      expect((await api(member, "GET", "")).statusCode).toBe(403);
      expect((await api(member, "POST", "", { url: receiver.url, events: EVENTS })).statusCode).toBe(403);
    }
    const admin = await t.signInAs("admin");
    expect((await api(admin, "POST", "", { url: receiver.url, events: EVENTS })).statusCode).toBe(201);
  });

  it("sends a signed test delivery and logs it", async () => {
    const { id, secret } = (await api(owner, "POST", "", { url: receiver.url, events: EVENTS })).json();
    const test = await api(owner, "POST", `/${id}/test`);
    expect(test.statusCode).toBe(200);
    expect(test.json()).toMatchObject({ event: "ping", status: "delivered", responseCode: 200, attempts: 1 });
    expect(receiver.received).toHaveLength(1);
    const [ping] = receiver.received;
    expect(JSON.parse(ping?.body ?? "")).toMatchObject({ event: "ping", data: { webhookId: id } });
    const header = String(ping?.headers["gazette-signature"]);
    expect(verifySignature(secret, header, ping?.body ?? "", Math.floor(Date.now() / 1000))).toBe(true);
    const log = await api(owner, "GET", `/${id}/deliveries`);
    expect(log.json().items).toEqual([expect.objectContaining({ event: "ping", status: "delivered" })]);
  });

  it("reports a test delivery the endpoint refuses", async () => {
    const { id } = (await api(owner, "POST", "", { url: receiver.url, events: EVENTS })).json();
    receiver.answers = [503];
    expect((await api(owner, "POST", `/${id}/test`)).json()).toMatchObject({
      status: "failed",
      responseCode: 503,
      error: "The endpoint answered 503.",
    });
  });
});

describe.each(DIALECTS)("webhook URLs on private networks on %s", (dialect) => {
  let t: TestApp;
  let owner: Browser;
  beforeEach(async () => {
    t = await startTestApp(dialect);
    owner = await t.signInAs("owner");
  });
  afterEach(async () => t.close());

  it.each([
    "http://127.0.0.1:8080/hook",
    "http://localhost/hook",
    "http://10.1.2.3/hook",
    "http://172.20.0.5/hook",
    "http://192.168.1.10/hook",
    "http://169.254.169.254/latest/meta-data",
    "http://[::1]/hook",
    "http://[fd12:3456::1]/hook",
    "http://[fe80::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://0.0.0.0/hook",
  ])("refuses %s unless WEBHOOKS_ALLOW_PRIVATE is set", async (url) => {
    const response = await t.app.inject({
      method: "POST",
      url: "/admin/api/webhooks",
      headers: owner.headers,
      payload: { url, events: ["article.published"] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "webhook_url_private" });
  });

  it("takes a public address, and refuses a change to a private one", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/admin/api/webhooks",
      headers: owner.headers,
      payload: { url: "https://93.184.215.14/hook", events: ["article.published"] },
    });
    expect(response.statusCode).toBe(201);
    const moved = await t.app.inject({
      method: "PATCH",
      url: `/admin/api/webhooks/${response.json().id}`,
      headers: owner.headers,
      payload: { url: "http://192.168.0.10/hook" },
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json()).toMatchObject({ code: "webhook_url_private" });
  });
});
