import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle } from "../../test/factories.js";
import { createList, pathOf } from "../../test/newsletter-factories.js";
import { SmtpSink } from "../../test/smtp-sink.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

const HOUR = 3600_000;

describe.each(DIALECTS)("composing and sending issues over SMTP on %s", (dialect) => {
  let t: TestApp;
  let sink: SmtpSink;
  let now: Date;

  beforeEach(async () => {
    sink = await SmtpSink.start();
    now = new Date("2026-05-04T12:00:00.000Z");
    t = await startTestApp(dialect, {
      now: () => now,
      env: { SMTP_URL: sink.url, SMTP_POOL_SIZE: "2" },
      editions: [
        { code: "en", base_path: "/en/", locale: "en-GB" },
        { code: "ru", base_path: "/ru/", locale: "ru-RU" },
      ],
    });
  });
  afterEach(async () => {
    await t.services.mailer.close?.();
    await t.close();
    await sink.close();
  });

  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);

  it("a digest takes the stories since the last issue: featured first, then newest, up to the count", async () => {
    const list = await createList(t.services, {
      kind: "digest",
      cron: "0 9 * * *",
      timeZone: "America/New_York",
      digestSize: 3,
    });
    await createArticle(t.services.articles, { edition: "en", title: "Too old" }, { publishAt: at(30) });
    const older = await createArticle(t.services.articles, { edition: "en", title: "Older" }, { publishAt: at(5) });
    const newest = await createArticle(t.services.articles, { edition: "en", title: "Newest" }, { publishAt: at(1) });
    const featured = await createArticle(
      t.services.articles,
      { edition: "en", title: "Featured", featured: true },
      { publishAt: at(8) },
    );
    await createArticle(t.services.articles, { edition: "en", title: "Fourth" }, { publishAt: at(10) });
    await createArticle(t.services.articles, { edition: "ru", title: "Другая редакция" }, { publishAt: at(1) });
    const issue = await t.services.newsletters.issues.composeNext(list.id, null);
    expect(issue.articleIds).toEqual([featured.id, newest.id, older.id]);
  });

  it("skips a scheduled slot with nothing new since the previous issue", async () => {
    const list = await createList(t.services, { kind: "digest", cron: "0 9 * * *", timeZone: "America/New_York" });
    await t.services.newsletters.subscriptions.addSubscriber(list.id, "reader@example.org");
    await createArticle(t.services.articles, { edition: "en" }, { publishAt: at(2) });
    const first = await t.services.newsletters.delivery.runSlot(list.id, new Date(now.getTime() + HOUR));
    expect(first?.status).toBe("sending");
    await t.services.newsletters.delivery.deliver(first?.id ?? 0);
    const second = await t.services.newsletters.delivery.runSlot(list.id, new Date(now.getTime() + 25 * HOUR));
    expect(second?.status).toBe("skipped");
    expect(sink.messages).toHaveLength(1);
  });

  it("delivers one copy per subscriber with both parts, one-click headers and working personal links", async () => {
    const list = await createList(t.services, { name: "The Morning Briefing" });
    const story = await createArticle(t.services.articles, {
      edition: "en",
      title: "Bridge reopens",
      dek: "Traffic is back.",
    });
    for (const email of ["ann@example.org", "bob@example.org", "cy@example.org"]) {
      await t.services.newsletters.subscriptions.addSubscriber(list.id, email);
    }
    const issue = await t.services.newsletters.issues.composeManual(
      list.id,
      { subject: "Tuesday briefing", intro: "Good morning.", articleIds: [story.id] },
      null,
    );
    await t.services.newsletters.delivery.startSending(issue.id);
    expect(await t.services.newsletters.delivery.deliver(issue.id)).toBe("done");

    expect(sink.messages.map((m) => m.to[0]).sort()).toEqual(["ann@example.org", "bob@example.org", "cy@example.org"]);
    const mails = await sink.parsed();
    const ann = mails.find((m) => m.headers.get("to") && JSON.stringify(m.to).includes("ann@example.org"));
    if (!ann) throw new Error("no mail for ann");
    expect(ann.subject).toBe("Tuesday briefing");
    expect(ann.from?.value[0]).toMatchObject({ name: "The Newsroom", address: "newsletter@news.example" });
    expect(ann.text).toContain("Bridge reopens");
    expect(ann.text).toContain("Good morning.");
    expect(ann.html).toContain("Bridge reopens");
    // Story links go through the click-counting redirect (analytics), which leads to the story.
    const storyLink = String(ann.html).match(/https:\/\/news\.example\/n\/c\/[A-Za-z0-9_.-]+/)?.[0] ?? "";
    const redirect = await t.app.inject({ url: pathOf(storyLink) });
    expect(redirect.headers.location).toMatch(/^https:\/\/news\.example\/en\/news\/.+\?utm_source=newsletter/);
    const line = (name: string) => ann.headerLines.find((h) => h.key === name)?.line.replace(/\r?\n\s+/g, " ");
    expect(line("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    const listHeaders = ann.headers.get("list") as { unsubscribe?: { url?: string } };
    const unsubscribeUrl = listHeaders.unsubscribe?.url;
    expect(line("list-unsubscribe")).toBe(`List-Unsubscribe: <${unsubscribeUrl}>`);
    expect(unsubscribeUrl).toMatch(/^https:\/\/news\.example\/en\/newsletters\/unsubscribe\?token=/);
    // The links in the body are this reader's own; the preference page opens for Ann.
    const preferences = ann.text?.match(/https:\/\/\S+\/newsletters\/preferences\?token=\S+/)?.[0] ?? "";
    const page = await t.app.inject({ url: pathOf(preferences) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("ann@example.org");
    const leave = await t.app.inject({ method: "POST", url: pathOf(unsubscribeUrl ?? "") });
    expect(leave.statusCode).toBe(200);
    const entries = await t.services.newsletters.subscriptions.subscribers(list.id, { limit: 10 });
    expect(entries.find((e) => e.email === "ann@example.org")?.status).toBe("unsubscribed");
    expect(entries.filter((e) => e.status === "active")).toHaveLength(2);

    const progress = await t.services.newsletters.delivery.progress(issue.id);
    expect(progress).toMatchObject({ status: "sent", total: 3, counts: { sent: 3 }, unsubscribed: 1 });
    // Sending again changes nothing: every reader has their row.
    await t.services.newsletters.delivery.deliver(issue.id);
    expect(sink.messages).toHaveLength(3);
  });

  it("retries a temporary refusal with backoff and marks a permanent one bounced and suppressed", async () => {
    const list = await createList(t.services);
    const story = await createArticle(t.services.articles, { edition: "en" });
    for (const email of ["later@example.org", "gone@example.org", "fine@example.org"]) {
      await t.services.newsletters.subscriptions.addSubscriber(list.id, email);
    }
    sink.refuse.set("later@example.org", [451]);
    sink.refuse.set("gone@example.org", [550]);
    const issue = await t.services.newsletters.issues.composeManual(
      list.id,
      { subject: "Issue", intro: "", articleIds: [story.id] },
      null,
    );
    await t.services.newsletters.delivery.startSending(issue.id);
    expect(await t.services.newsletters.delivery.deliver(issue.id)).toBe("waiting");
    expect((await t.services.newsletters.delivery.progress(issue.id)).counts).toMatchObject({
      sent: 1,
      pending: 1,
      bounced: 1,
    });
    expect(sink.messages.map((m) => m.to[0])).toEqual(["fine@example.org"]);

    // Not before the backoff has passed.
    expect(await t.services.newsletters.delivery.deliver(issue.id)).toBe("waiting");
    expect(sink.messages).toHaveLength(1);
    now = new Date(now.getTime() + 31_000);
    expect(await t.services.newsletters.delivery.deliver(issue.id)).toBe("done");
    expect(sink.messages.map((m) => m.to[0]).sort()).toEqual(["fine@example.org", "later@example.org"]);
    expect((await t.services.newsletters.delivery.progress(issue.id)).counts).toMatchObject({ sent: 2, bounced: 1 });
    await expect(t.services.newsletters.subscriptions.addSubscriber(list.id, "gone@example.org")).rejects.toMatchObject(
      {
        code: "conflict",
      },
    );
  });

  it("a cancelled issue stops sending", async () => {
    const list = await createList(t.services);
    const story = await createArticle(t.services.articles, { edition: "en" });
    await t.services.newsletters.subscriptions.addSubscriber(list.id, "one@example.org");
    const issue = await t.services.newsletters.issues.composeManual(
      list.id,
      { subject: "Issue", intro: "", articleIds: [story.id] },
      null,
    );
    await t.services.newsletters.delivery.startSending(issue.id);
    await t.services.newsletters.issues.cancel(issue.id);
    expect(await t.services.newsletters.delivery.deliver(issue.id)).toBe("stopped");
    expect(sink.messages).toHaveLength(0);
  });
});
