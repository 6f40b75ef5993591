import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { paragraphs } from "../../../test/factories.js";
import { runDuePublications } from "../../../test/jobs.js";
import type { Browser } from "../../../test/staff-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../../test/test-app.js";

const STRIKE = "A missile hit a nine-storey building at 14 Shevchenko Street shortly after midnight.";
const AT = "2026-05-01T09:00:00.000Z";

describe.each(DIALECTS)("the publication check at a scheduled story's time on %s", (dialect) => {
  let t: TestApp;
  let clock: Date;
  let owner: Browser;
  let editor: Browser;
  beforeEach(async () => {
    clock = new Date("2026-05-01T08:00:00Z");
    t = await startTestApp(dialect, { now: () => clock, editions: ["en"] });
    owner = await t.signInAs("owner");
    editor = await t.signInAs("editor");
  });
  afterEach(async () => t.close());

  const call = (who: Browser, method: "GET" | "POST" | "PUT" | "PATCH", url: string, payload?: object) =>
    t.app.inject({ method, url: `/admin/api${url}`, headers: who.headers, ...(payload ? { payload } : {}) });

  async function checkOn(on: boolean): Promise<void> {
    const response = await call(owner, "PUT", "/publication-check/settings/en", {
      enabled: on,
      disabledRules: [],
      delayMinutes: 180,
    });
    expect(response.statusCode).toBe(200);
  }

  async function scheduled(text: string): Promise<{ id: number; path: string }> {
    const created = await call(editor, "POST", "/articles", {
      edition: "en",
      title: "Night strike",
      body: paragraphs(text),
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    const response = await call(editor, "POST", `/articles/${id}/schedule`, { at: AT, timeZone: "UTC" });
    expect(response.statusCode).toBe(200);
    return { id, path: new URL(created.json().url).pathname };
  }

  const mailTo = (to: string) =>
    t.database.db.selectFrom("mail_outbox").selectAll().where("to", "=", to).orderBy("id").execute();

  it("holds a story flagged after it was scheduled: back to review, the scheduler mailed, the log says why", async () => {
    const { id, path } = await scheduled(STRIKE);
    await checkOn(true);

    clock = new Date("2026-05-01T09:00:01Z");
    await runDuePublications(t);
    await t.services.events.drain();

    const article = (await call(editor, "GET", `/articles/${id}`)).json();
    expect(article).toMatchObject({ status: "in_review", publishedAt: null });
    expect((await t.app.inject({ url: path })).statusCode).toBe(404);
    expect((await t.app.inject({ url: "/en/feed.xml" })).body).not.toContain("Night strike");

    const mail = await mailTo(editor.staff.email);
    const held = mail.filter((m) => m.subject === "Not published: Night strike");
    expect(held).toHaveLength(1);
    expect(held[0]?.text).toContain("Precise place soon after a strike: “14 Shevchenko Street”");
    expect(held[0]?.text).toContain(`/admin/articles/${id}`);

    const log = await call(owner, "GET", `/audit?article=${id}&action=held`);
    expect(log.json().items).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ kind: "system" }),
        details: expect.objectContaining({
          code: "publication_check",
          scheduledFor: AT,
          findings: ["precise_place_after_strike:14 Shevchenko Street"],
        }),
      }),
    ]);
    const history = (await call(editor, "GET", `/articles/${id}/revisions`)).json();
    expect(JSON.stringify(history)).toContain('"held"');
  });

  it("holds a story edited to name an address after scheduling, until a second editor approves", async () => {
    const { id } = await scheduled("The council met on Monday to discuss the tram timetable.");
    await checkOn(true);
    const { version } = (await call(editor, "GET", `/articles/${id}`)).json();
    const edited = await call(editor, "PATCH", `/articles/${id}`, { body: paragraphs(STRIKE), version });
    expect(edited.json()).toMatchObject({ status: "scheduled" });
    const reason = "The administration named the address itself.";
    expect(
      (await call(editor, "POST", `/articles/${id}/findings/ack`, { rules: ["precise_place_after_strike"], reason }))
        .statusCode,
    ).toBe(200);

    clock = new Date("2026-05-01T09:00:01Z");
    await runDuePublications(t);
    await t.services.events.drain();
    expect((await call(editor, "GET", `/articles/${id}`)).json().status).toBe("in_review");
    const log = (await call(owner, "GET", `/audit?article=${id}&action=held`)).json();
    expect(log.items[0].details.code).toBe("second_approval_required");
  });

  it("publishes at its time a flagged story that was dismissed and approved before", async () => {
    await checkOn(true);
    const created = await call(editor, "POST", "/articles", {
      edition: "en",
      title: "Night strike",
      body: paragraphs(STRIKE),
    });
    const id = created.json().id as number;
    await call(editor, "POST", `/articles/${id}/findings/ack`, {
      rules: ["precise_place_after_strike"],
      reason: "Announced by the regional administration.",
    });
    const second = await t.signInAs("editor");
    expect((await call(second, "POST", `/articles/${id}/approve`)).statusCode).toBe(200);
    expect((await call(editor, "POST", `/articles/${id}/schedule`, { at: AT, timeZone: "UTC" })).statusCode).toBe(200);

    clock = new Date("2026-05-01T09:00:01Z");
    expect(await runDuePublications(t)).toBe(1);
    expect((await call(editor, "GET", `/articles/${id}`)).json().status).toBe("published");
    await t.services.events.drain();
    expect((await mailTo(editor.staff.email)).filter((m) => m.subject.startsWith("Not published"))).toEqual([]);
  });

  it("publishes a clean story at its time with the check on", async () => {
    await checkOn(true);
    const { id } = await scheduled("The council met on Monday to discuss the tram timetable.");
    clock = new Date("2026-05-01T09:00:01Z");
    expect(await runDuePublications(t)).toBe(1);
    expect((await call(editor, "GET", `/articles/${id}`)).json().status).toBe("published");
  });
});
