import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, paragraphs } from "../../test/factories.js";
import { createList, outbox } from "../../test/newsletter-factories.js";
import { createStaffMember } from "../../test/staff-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import { WebhookReceiver } from "../../test/webhook-receiver.js";
import { verifySignature } from "./webhook-signature.js";
import type { WebhookEvent } from "./webhooks.shared.js";

const SECOND = 1000;
const HOUR = 3600 * SECOND;

describe.each(DIALECTS)("webhook deliveries on %s", (dialect) => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let now: Date;

  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
    now = new Date("2026-05-04T12:00:00.000Z");
    t = await startTestApp(dialect, {
      now: () => now,
      env: { WEBHOOKS_ALLOW_PRIVATE: "true" },
      editions: [{ code: "en", base_path: "/en/" }],
    });
  });
  afterEach(async () => {
    await t.close();
    await receiver.close();
  });

  const subscribe = (events: WebhookEvent[] = ["article.published"], url = receiver.url) =>
    t.services.webhooks.create({ url, events }, null);
  const later = async (ms: number) => {
    now = new Date(now.getTime() + ms);
    await t.services.events.drain();
  };
  const verifies = (secret: string, index: number) => {
    const request = receiver.received[index];
    if (!request) throw new Error(`no request ${index}`);
    const header = String(request.headers["gazette-signature"]);
    return verifySignature(secret, header, request.body, Math.floor(Date.now() / 1000));
  };

  it("posts exactly one signed delivery when a story is published", async () => {
    const { id, secret } = await subscribe();
    const story = await createArticle(t.services.articles, { edition: "en", title: "Bridge reopens" });
    await t.services.events.drain();
    await t.services.events.drain();
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request?.headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": "Gazette-Webhooks",
      "gazette-event": "article.published",
    });
    expect(request?.headers["gazette-delivery"]).toMatch(/^\d+$/);
    expect(String(request?.headers["gazette-signature"])).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifies(secret, 0)).toBe(true);
    expect(
      verifySignature(
        "whsec_wrong",
        String(request?.headers["gazette-signature"]),
        request?.body ?? "",
        Date.now() / 1000,
      ),
    ).toBe(false);
    const body = JSON.parse(request?.body ?? "");
    expect(body).toEqual({
      event: "article.published",
      createdAt: expect.any(String),
      data: {
        id: story.id,
        edition: "en",
        slug: story.slug,
        url: `https://news.example/en/news/${story.slug}`,
        title: "Bridge reopens",
        status: "published",
        publishedAt: story.published_at,
        updatedAt: expect.any(String),
      },
    });
    const log = await t.services.webhooks.deliveries(id);
    expect(log).toEqual([
      expect.objectContaining({ event: "article.published", status: "delivered", responseCode: 200, attempts: 1 }),
    ]);
  });

  it("sends nothing for events a subscription did not choose, nor to a switched-off one", async () => {
    const { id } = await subscribe(["article.unpublished"]);
    const story = await createArticle(t.services.articles, { edition: "en" });
    await t.services.articles.update(story.id, { title: "A new headline" });
    await t.services.events.drain();
    expect(receiver.received).toEqual([]);
    await t.services.webhooks.update(id, { enabled: false });
    await t.services.articles.unpublish(story.id);
    await t.services.events.drain();
    expect(receiver.received).toEqual([]);
  });

  it("retries a 500 with backoff, then records the success; the body and delivery id stay the same", async () => {
    const { id, secret } = await subscribe();
    receiver.answers = [500, 502];
    await createArticle(t.services.articles, { edition: "en" });
    await t.services.events.drain();
    expect(receiver.received).toHaveLength(1);
    const [first] = await t.services.webhooks.deliveries(id);
    expect(first).toMatchObject({ status: "pending", attempts: 1, responseCode: 500 });
    expect(first?.nextAttemptAt).toBe(new Date(now.getTime() + 30 * SECOND).toISOString());
    await later(10 * SECOND);
    expect(receiver.received).toHaveLength(1);
    await later(20 * SECOND);
    expect(receiver.received).toHaveLength(2);
    await later(2 * 60 * SECOND);
    expect(receiver.received).toHaveLength(3);
    expect(await t.services.webhooks.deliveries(id)).toEqual([
      expect.objectContaining({ status: "delivered", attempts: 3, responseCode: 200, nextAttemptAt: null }),
    ]);
    const bodies = new Set(receiver.received.map((r) => r.body));
    const ids = new Set(receiver.received.map((r) => r.headers["gazette-delivery"]));
    expect([bodies.size, ids.size]).toEqual([1, 1]);
    expect([0, 1, 2].map((i) => verifies(secret, i))).toEqual([true, true, true]);
  });

  it("gives up on a delivery that keeps failing after about a day", async () => {
    const { id } = await subscribe();
    receiver.answers = Array.from({ length: 50 }, () => 503);
    await createArticle(t.services.articles, { edition: "en" });
    await t.services.events.drain();
    const first = now.getTime();
    // Each retry runs the moment it is due, as a worker polling all day would run it.
    for (let round = 0; round < 20; round++) {
      const [pending] = await t.services.webhooks.deliveries(id);
      if (!pending?.nextAttemptAt || pending.status !== "pending") break;
      now = new Date(pending.nextAttemptAt);
      await t.services.events.drain();
    }
    const [delivery] = await t.services.webhooks.deliveries(id);
    expect(delivery).toMatchObject({ status: "failed", responseCode: 503, nextAttemptAt: null, attempts: 10 });
    expect(receiver.received).toHaveLength(10);
    const lastAttempt = now.getTime() - first;
    expect([lastAttempt > 20 * HOUR, lastAttempt <= 24 * HOUR]).toEqual([true, true]);
    await later(2 * 24 * HOUR);
    expect(receiver.received).toHaveLength(10);
  });

  it.each([410, 400, 404])("marks a delivery answered %i as failed without retrying it", async (status) => {
    const { id } = await subscribe();
    receiver.answers = [status];
    await createArticle(t.services.articles, { edition: "en" });
    await t.services.events.drain();
    await later(25 * HOUR);
    expect(receiver.received).toHaveLength(1);
    expect(await t.services.webhooks.deliveries(id)).toEqual([
      expect.objectContaining({ status: "failed", attempts: 1, responseCode: status }),
    ]);
    expect((await t.services.webhooks.get(id)).consecutiveFailures).toBe(1);
  });

  it.each([408, 429])("retries a delivery answered %i", async (status) => {
    const { id } = await subscribe();
    receiver.answers = [status];
    await createArticle(t.services.articles, { edition: "en" });
    await t.services.events.drain();
    await later(30 * SECOND);
    expect(receiver.received).toHaveLength(2);
    expect((await t.services.webhooks.deliveries(id))[0]).toMatchObject({ status: "delivered", attempts: 2 });
  });

  it("retries when nothing listens at the address", async () => {
    const closed = await WebhookReceiver.start();
    const url = closed.url;
    await closed.close();
    const { id } = await subscribe(["article.published"], url);
    await createArticle(t.services.articles, { edition: "en" });
    await t.services.events.drain();
    const [delivery] = await t.services.webhooks.deliveries(id);
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, responseCode: null });
    expect(delivery?.error).toContain("ECONNREFUSED");
  });

  it("does not post again when a finished delivery's job runs a second time", async () => {
    const { id } = await subscribe();
    await createArticle(t.services.articles, { edition: "en" });
    await t.services.events.drain();
    const [delivery] = await t.services.webhooks.deliveries(id);
    await t.services.webhooks.attempt(delivery?.id ?? 0);
    expect(receiver.received).toHaveLength(1);
  });

  it("sends once when the worker died holding the job before the POST, and once when the listener runs again", async () => {
    const { id } = await subscribe();
    const story = await createArticle(t.services.articles, { edition: "en" }, { publish: false });
    const event = { articleId: story.id, edition: "en", status: "published" as const, eventId: "event-1" };
    const fanOut = () =>
      t.services.webhooks.fanOut("article.published", event.eventId, now.toISOString(), () =>
        t.services.webhooks.articleData(event),
      );
    await fanOut();
    // The delivery job as a dead worker leaves it: claimed, its lease run out.
    await t.database.db
      .updateTable("jobs")
      .set({ status: "running", locked_until: new Date(now.getTime() - SECOND).toISOString() })
      .where("kind", "=", "webhooks.deliver")
      .execute();
    expect(receiver.received).toHaveLength(0);
    await t.services.events.drain();
    expect(receiver.received).toHaveLength(1);
    await fanOut();
    await later(HOUR);
    expect(receiver.received).toHaveLength(1);
    expect(await t.services.webhooks.deliveries(id)).toEqual([
      expect.objectContaining({ status: "delivered", attempts: 1 }),
    ]);
  });

  it("sends again, with the same delivery id, when the worker died after the POST but before recording it", async () => {
    const { id } = await subscribe();
    await createArticle(t.services.articles, { edition: "en" });
    await t.services.events.drain();
    const [delivery] = await t.services.webhooks.deliveries(id);
    // What the rows look like if the worker died between the endpoint's answer and recording it.
    await t.database.db
      .updateTable("webhook_deliveries")
      .set({ status: "pending", attempts: 0, response_code: null })
      .where("id", "=", delivery?.id ?? 0)
      .execute();
    await t.database.db
      .updateTable("jobs")
      .set({ status: "running", locked_until: new Date(now.getTime() - SECOND).toISOString() })
      .where("kind", "=", "webhooks.deliver")
      .execute();
    await t.services.events.drain();
    expect(receiver.received).toHaveLength(2);
    const [first, second] = receiver.received;
    expect(second?.headers["gazette-delivery"]).toBe(first?.headers["gazette-delivery"]);
    expect(second?.body).toBe(first?.body);
    expect((await t.services.webhooks.deliveries(id))[0]).toMatchObject({ status: "delivered", attempts: 1 });
  });

  it("turns a subscription off after 20 failed deliveries in a row and tells the owners", async () => {
    const owner = await createStaffMember(t.services, { role: "owner", email: "owner@news.example" });
    await createStaffMember(t.services, { role: "admin", email: "admin@news.example" });
    const { id } = await subscribe();
    const other = await subscribe(["article.published"], `${receiver.url}?other`);
    // The other subscription's successes do not reset this one's count.
    receiver.answers = Array.from({ length: 19 }, () => [410, 200]).flat();
    for (let n = 0; n < 19; n++) await createArticle(t.services.articles, { edition: "en" });
    await t.services.events.drain();
    expect(await t.services.webhooks.get(id)).toMatchObject({ enabled: true, consecutiveFailures: 19 });
    expect(await outbox(t.database)).toEqual([]);
    receiver.answers = [410, 200];
    await createArticle(t.services.articles, { edition: "en" });
    await t.services.events.drain();
    expect(await t.services.webhooks.get(id)).toMatchObject({ enabled: false, consecutiveFailures: 20 });
    expect(await t.services.webhooks.get(other.id)).toMatchObject({ enabled: true, consecutiveFailures: 0 });
    const mail = await outbox(t.database);
    expect(mail.map((m) => m.to)).toEqual([owner.email]);
    expect(mail[0]?.subject).toBe(`Webhook turned off: ${receiver.url}`);
    expect(mail[0]?.text).toContain("https://news.example/admin/webhooks");
    const before = receiver.received.length;
    await createArticle(t.services.articles, { edition: "en" });
    await t.services.events.drain();
    expect(receiver.received.length - before).toBe(1);
  });

  it("counts failures in a row only: a delivered one starts the count again", async () => {
    const { id } = await subscribe();
    receiver.answers = [410, 410, 200, 410];
    for (let n = 0; n < 4; n++) {
      await createArticle(t.services.articles, { edition: "en" });
      await t.services.events.drain();
    }
    expect((await t.services.webhooks.get(id)).consecutiveFailures).toBe(1);
  });

  it("delivers corrections, live entries and sent newsletters with what they are about", async () => {
    await subscribe(["correction.created", "live.entry.created", "newsletter.sent"]);
    const story = await createArticle(t.services.articles, { edition: "en", title: "Dam report" });
    const by = { staffId: null, tokenId: null, name: "Desk" };
    const note = await t.services.live.addNote(story.id, "correction", "An earlier version misspelled a name.", by);
    const blog = await createArticle(t.services.articles, { edition: "en", kind: "live", title: "Live: the storm" });
    const entry = await t.services.live.addEntry(
      blog.id,
      { headline: "Power back in the east", body: paragraphs("Crews restored the lines overnight.") },
      by,
    );
    const list = await createList(t.services);
    await t.services.newsletters.subscriptions.addSubscriber(list.id, "reader@example.org");
    const issue = await t.services.newsletters.issues.composeManual(
      list.id,
      { subject: "Evening briefing", intro: "", articleIds: [story.id] },
      null,
    );
    await t.services.newsletters.delivery.startSending(issue.id);
    await t.services.newsletters.delivery.deliver(issue.id);
    await t.services.events.drain();
    const bodies = receiver.received.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.event).sort()).toEqual(["correction.created", "live.entry.created", "newsletter.sent"]);
    expect(bodies.find((b) => b.event === "correction.created").data).toMatchObject({
      note: { id: note.id, kind: "correction", text: "An earlier version misspelled a name." },
      article: { id: story.id, title: "Dam report", status: "published" },
    });
    expect(bodies.find((b) => b.event === "live.entry.created").data).toMatchObject({
      entry: { id: entry.id, headline: "Power back in the east" },
      article: { id: blog.id },
    });
    expect(bodies.find((b) => b.event === "newsletter.sent").data).toMatchObject({
      issueId: issue.id,
      list: list.slug,
      edition: "en",
      subject: "Evening briefing",
      recipients: 1,
    });
  });
});
