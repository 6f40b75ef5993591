import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle } from "../../test/factories.js";
import { outbox } from "../../test/newsletter-factories.js";
import type { Browser } from "../../test/staff-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

const LIST = {
  slug: "en-daily",
  edition: "en",
  language: "en",
  name: "The Morning Briefing",
  description: "Top headlines before your day starts.",
  cadence: "Daily at 9am EST",
  fromName: "The Morning Briefing",
  fromAddress: "briefing@news.example",
  kind: "digest",
  cron: "0 9 * * *",
  timeZone: "America/New_York",
};

describe.each(DIALECTS)("newsletter admin API on %s", (dialect) => {
  let t: TestApp;
  let admin: Browser;
  let editor: Browser;
  let now: Date;

  beforeEach(async () => {
    now = new Date("2026-05-04T12:00:00.000Z");
    t = await startTestApp(dialect, {
      now: () => now,
      editions: [{ code: "en", base_path: "/en/", locale: "en-GB" }],
    });
    admin = await t.signInAs("admin");
    editor = await t.signInAs("editor");
  });
  afterEach(async () => t.close());

  const api = (who: Browser | null, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/admin/api/newsletters${url}`,
      headers: who?.headers ?? {},
      ...(payload ? { payload } : {}),
    });

  it("lets admins create lists and refuses others by role", async () => {
    expect((await api(null, "GET", "/lists")).statusCode).toBe(401);
    expect((await api(editor, "POST", "/lists", LIST)).statusCode).toBe(403);
    const created = await api(admin, "POST", "/lists", LIST);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ slug: "en-daily", kind: "digest", active: true });
    expect((await api(admin, "POST", "/lists", LIST)).json()).toMatchObject({ code: "conflict" });
    const author = await t.signInAs("author");
    expect((await api(author, "GET", "/lists")).json().items).toHaveLength(1);
    expect((await api(author, "GET", "/lists/1/subscribers")).statusCode).toBe(403);
  });

  it.each([
    ["slug", { slug: "Not A Slug" }],
    ["cron", { cron: "every morning" }],
    ["cron", { timeZone: "Atlantis/Capital" }],
    ["fromAddress", { fromAddress: "nobody" }],
    ["fromName", { fromName: "Evil\r\nBcc: x@example.org" }],
    ["edition", { edition: "xx" }],
  ])("refuses a list with a bad %s, naming the field", async (field, change) => {
    const response = await api(admin, "POST", "/lists", { ...LIST, ...change });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "validation_failed", details: { field } });
  });

  it("adds, searches, removes, imports with a per-row report, and exports subscribers", async () => {
    await api(admin, "POST", "/lists", LIST);
    expect((await api(editor, "POST", "/lists/1/subscribers", { email: "Ann@Example.org" })).json()).toEqual({
      outcome: "added",
    });
    expect((await api(editor, "POST", "/lists/1/subscribers", { email: "nope" })).statusCode).toBe(400);
    const csv =
      "email,name\nbob@example.org,Bob\nnot an address,X\nann@example.org,Ann\n\n=cmd@example.org,Y\ncy@example.org,Cy\n";
    const report = await api(editor, "POST", "/lists/1/import", { csv });
    expect(report.json()).toEqual({
      imported: 3,
      alreadySubscribed: 1,
      errors: [{ row: 3, value: "not an address", message: "not an email address" }],
    });
    const bad = await api(editor, "POST", "/lists/1/import", { csv: 'email\n"unclosed' });
    expect(bad.json()).toMatchObject({ code: "validation_failed", details: { field: "csv" } });
    const found = await api(editor, "GET", "/lists/1/subscribers?q=b%25_");
    expect(found.json().items).toEqual([]);
    const search = await api(editor, "GET", "/lists/1/subscribers?q=BOB");
    expect(search.json().items.map((s: { email: string }) => s.email)).toEqual(["bob@example.org"]);
    const bob = search.json().items[0].subscriberId;
    expect((await api(editor, "DELETE", `/lists/1/subscribers/${bob}`)).statusCode).toBe(204);
    const exported = await api(editor, "GET", "/lists/1/export.csv");
    expect(exported.headers["content-type"]).toContain("text/csv");
    expect(exported.body.split("\n")[0]).toBe("email,status,language,source,subscribed_at,confirmed_at");
    expect(exported.body).toContain("ann@example.org,active,en,admin");
    expect(exported.body).toContain("cy@example.org,active,en,import");
    expect(exported.body).not.toContain("bob@example.org");
    // A spreadsheet would run a cell that starts with "=" as a formula.
    expect(exported.body).toContain("'=cmd@example.org,active");
  });

  it("composes, previews, tests, schedules, sends and reports an issue", async () => {
    await api(admin, "POST", "/lists", LIST);
    await api(editor, "POST", "/lists/1/subscribers", { email: "reader@example.org" });
    const story = await createArticle(t.services.articles, { edition: "en", title: "Frontline update" });
    const composed = await api(editor, "POST", "/lists/1/issues", {
      kind: "manual",
      subject: "Special edition",
      intro: "<b>Not bold</b>",
      articleIds: [story.id],
    });
    expect(composed.statusCode).toBe(201);
    const issue = composed.json();
    expect(
      (
        await api(editor, "POST", "/lists/1/issues", { kind: "manual", subject: "x", intro: "", articleIds: [9999] })
      ).json(),
    ).toMatchObject({ code: "validation_failed" });

    const preview = await api(editor, "GET", `/issues/${issue.id}/preview`);
    expect(preview.headers["content-type"]).toContain("text/html");
    expect(preview.body).toContain("Frontline update");
    expect(preview.body).toContain("&lt;b&gt;Not bold&lt;/b&gt;");
    expect((await api(editor, "GET", `/issues/${issue.id}/preview?format=text`)).body).toContain("Frontline update");

    const test = await api(editor, "POST", `/issues/${issue.id}/test`);
    expect(test.json()).toMatchObject({ to: editor.staff.email, subject: "[TEST] Special edition" });
    // The editor can read the copy that was sent, whatever happens to the mail.
    expect(test.json().html).toContain("Frontline update");
    expect(test.json().text).toContain("Frontline update");
    expect((await outbox(t.database)).at(-1)).toMatchObject({
      to: editor.staff.email,
      subject: "[TEST] Special edition",
    });

    const edited = await api(editor, "PATCH", `/issues/${issue.id}`, { subject: "Special edition, revised" });
    expect(edited.json()).toMatchObject({ subject: "Special edition, revised" });
    const past = await api(editor, "POST", `/issues/${issue.id}/schedule`, {
      at: "2026-05-01T09:00",
      timeZone: "America/New_York",
    });
    expect(past.json()).toMatchObject({ code: "validation_failed" });
    const scheduled = await api(editor, "POST", `/issues/${issue.id}/schedule`, {
      at: "2026-05-04T09:00",
      timeZone: "America/New_York",
    });
    expect(scheduled.json()).toMatchObject({ status: "scheduled", sendAt: "2026-05-04T13:00:00.000Z" });

    const author = await t.signInAs("author");
    expect((await api(author, "POST", `/issues/${issue.id}/send`)).statusCode).toBe(403);
    const sending = await api(editor, "POST", `/issues/${issue.id}/send`);
    expect(sending.json()).toMatchObject({ status: "sending", total: 1 });
    expect((await api(editor, "PATCH", `/issues/${issue.id}`, { subject: "Too late" })).json()).toMatchObject({
      code: "invalid_state",
    });
    await t.services.jobs.runDue();
    const progress = await api(editor, "GET", `/issues/${issue.id}/progress`);
    expect(progress.json()).toMatchObject({ status: "sent", total: 1, counts: { sent: 1, failed: 0, bounced: 0 } });
    expect((await api(editor, "POST", `/issues/${issue.id}/cancel`)).json()).toMatchObject({ code: "invalid_state" });
    const issues = await api(editor, "GET", "/lists/1/issues");
    expect(issues.json().items.map((i: { status: string }) => i.status)).toEqual(["sent"]);
  });

  it("keeps a per-reader delivery log of an issue, page by page, for those who may see subscribers", async () => {
    await api(admin, "POST", "/lists", LIST);
    for (const name of ["ann", "bob", "cy"]) {
      await api(editor, "POST", "/lists/1/subscribers", { email: `${name}@example.org` });
    }
    const story = await createArticle(t.services.articles, { edition: "en", title: "Frontline update" });
    const issue = (
      await api(editor, "POST", "/lists/1/issues", {
        kind: "manual",
        subject: "Log me",
        intro: "",
        articleIds: [story.id],
      })
    ).json();
    expect((await api(editor, "GET", `/issues/${issue.id}/deliveries`)).json()).toEqual({ items: [], next: null });
    await api(editor, "POST", `/issues/${issue.id}/send`);
    const waiting = (await api(editor, "GET", `/issues/${issue.id}/deliveries`)).json();
    expect(waiting.items.map((d: { state: string }) => d.state)).toEqual(["pending", "pending", "pending"]);
    await t.services.jobs.runDue();

    const first = await api(editor, "GET", `/issues/${issue.id}/deliveries?limit=2`);
    expect(first.statusCode).toBe(200);
    expect(first.json().items).toHaveLength(2);
    expect(first.json().items[0]).toMatchObject({
      state: "sent",
      attempts: 1,
      sentAt: expect.stringMatching(/^2026-05-04T/),
      nextAttemptAt: null,
      error: null,
    });
    const second = (
      await api(editor, "GET", `/issues/${issue.id}/deliveries?limit=2&after=${first.json().next}`)
    ).json();
    expect(second.next).toBeNull();
    const emails = [...first.json().items, ...second.items].map((d: { email: string }) => d.email).sort();
    expect(emails).toEqual(["ann@example.org", "bob@example.org", "cy@example.org"]);
    expect((await api(editor, "GET", `/issues/${issue.id}/deliveries?state=failed`)).json().items).toEqual([]);

    const author = await t.signInAs("author");
    expect((await api(author, "GET", `/issues/${issue.id}/deliveries`)).statusCode).toBe(403);
    expect((await api(editor, "GET", "/issues/9999/deliveries")).statusCode).toBe(404);
  });
});
