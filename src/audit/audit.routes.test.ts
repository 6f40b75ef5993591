import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { paragraphs } from "../../test/factories.js";
import { type Browser, createStaffMember, signIn } from "../../test/staff-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

const STRIKE = "A missile hit a nine-storey building at 14 Shevchenko Street shortly after midnight.";

describe.each(DIALECTS)("the audit log on %s", (dialect) => {
  let t: TestApp;
  let clock: Date;
  let owner: Browser;

  beforeEach(async () => {
    clock = new Date("2026-12-07T08:00:00.000Z");
    t = await startTestApp(dialect, { now: () => clock, editions: ["en"] });
    owner = await t.signInAs("owner");
  });
  afterEach(async () => t.close());

  const call = (
    who: { headers: Record<string, string> },
    method: "GET" | "POST" | "PUT" | "PATCH",
    url: string,
    payload?: object,
  ) => t.app.inject({ method, url: `/admin/api${url}`, headers: who.headers, ...(payload ? { payload } : {}) });

  async function story(by: Browser, title = "Bridge reopens", text = "The river bridge reopened."): Promise<number> {
    const response = await call(by, "POST", "/articles", { edition: "en", title, body: paragraphs(text) });
    expect(response.statusCode).toBe(201);
    return response.json().id;
  }

  async function entries(query = ""): Promise<{ action: string; actor: { name: string; kind: string } }[]> {
    await t.services.events.drain();
    const response = await call(owner, "GET", `/audit${query}`);
    expect(response.statusCode).toBe(200);
    return response.json().items;
  }

  it("writes one entry with the editor's name when an article is published", async () => {
    const editor = await t.signInAs("editor");
    const id = await story(editor);
    expect((await call(editor, "POST", `/articles/${id}/publish`)).statusCode).toBe(200);
    await t.services.events.drain();
    const published = await entries(`?action=published&article=${id}`);
    expect(published).toEqual([
      expect.objectContaining({
        action: "published",
        actor: { kind: "staff", id: editor.staff.id, name: editor.staff.name },
        subject: { type: "article", id, title: "Bridge reopens" },
      }),
    ]);
    // A redelivered event writes nothing twice.
    await t.services.events.drain();
    expect(await entries(`?article=${id}`)).toHaveLength(2);
  });

  it("records creation, edits, scheduling, unpublishing and deletion, and the scheduler as the system", async () => {
    const editor = await t.signInAs("editor");
    const id = await story(editor);
    expect(
      (await call(editor, "PATCH", `/articles/${id}`, { title: "Bridge reopens at last", version: 1 })).statusCode,
    ).toBe(200);
    await t.services.articles.schedule(id, new Date("2026-12-07T09:00:00.000Z"), {
      staffId: editor.staff.id,
      tokenId: null,
      name: editor.staff.name,
    });
    await t.services.articles.publishScheduled(id, "2026-12-07T09:00:00.000Z");
    await t.services.articles.unpublish(id, { staffId: owner.staff.id, tokenId: null, name: owner.staff.name });
    await t.services.articles.archive(id, { staffId: owner.staff.id, tokenId: null, name: owner.staff.name });
    const log = await entries(`?article=${id}`);
    expect(log.map((entry) => [entry.action, entry.actor.kind])).toEqual([
      ["deleted", "staff"],
      ["unpublished", "staff"],
      ["published", "system"],
      ["scheduled", "staff"],
      ["edited", "staff"],
      ["created", "staff"],
    ]);
  });

  it("logs a dismissed finding with its reason and the second editor's approval, with both names", async () => {
    const settings = await call(owner, "PUT", "/publication-check/settings/en", {
      enabled: true,
      disabledRules: [],
      delayMinutes: 180,
    });
    expect(settings.statusCode).toBe(200);
    const author = await t.signInAs("author");
    const first = await t.signInAs("editor");
    const second = await t.signInAs("editor");
    const id = await story(author, "Night strike", STRIKE);
    const reason = "The street is the regional administration's own announcement.";
    expect(
      (await call(first, "POST", `/articles/${id}/findings/ack`, { rules: ["precise_place_after_strike"], reason }))
        .statusCode,
    ).toBe(200);
    expect((await call(second, "POST", `/articles/${id}/approve`)).statusCode).toBe(200);
    const [approved, acknowledged] = (await entries(`?article=${id}`)) as unknown as {
      action: string;
      actor: { name: string };
      details: Record<string, unknown>;
    }[];
    expect(acknowledged).toMatchObject({
      action: "acknowledged",
      actor: { name: first.staff.name },
      details: { rules: ["precise_place_after_strike"], reason },
    });
    expect(approved).toMatchObject({ action: "approved", actor: { name: second.staff.name } });
  });

  it("filters by actor, action, article and day, and pages with a cursor", async () => {
    const desk = await createStaffMember(t.services, { role: "editor", name: "Desk Editor" });
    let editor = await signIn(t.app, desk);
    const first = await story(editor, "First");
    // Two days on, yesterday's sessions have lapsed: everyone signs in again.
    clock = new Date("2026-12-09T08:00:00.000Z");
    editor = await signIn(t.app, desk);
    owner = await t.signInAs("owner");
    const author = await t.signInAs("author");
    const second = await story(author, "Second");
    await call(editor, "POST", `/articles/${second}/publish`);
    await t.services.events.drain();

    const byAuthor = await entries(`?actor=${encodeURIComponent(author.staff.name)}`);
    expect(byAuthor.map((entry) => entry.action)).toEqual(["created"]);
    expect((await entries("?action=created")).length).toBe(2);
    expect((await entries(`?article=${first}`)).map((entry) => entry.action)).toEqual(["created"]);
    expect((await entries("?from=2026-12-07&to=2026-12-07")).length).toBe(1);
    expect((await entries("?from=2026-12-08")).length).toBe(2);
    const page = await call(owner, "GET", "/audit");
    expect(page.json().actors).toEqual([author.staff.name, editor.staff.name].sort());
    expect(page.json().nextCursor).toBeNull();
    expect((await call(owner, "GET", "/audit?action=nonsense")).statusCode).toBe(400);
  });

  it("skips a save queued by a build that did not yet say who made it", async () => {
    const article = await t.services.articles.create({ edition: "en", title: "Before the upgrade" });
    await t.services.events.drain();
    const before = (await entries()).length;
    const {
      title: _title,
      revision: _revision,
      by: _by,
      ...older
    } = {
      articleId: article.id,
      edition: "en",
      version: 1,
      status: "draft" as const,
      keys: [],
      title: "Before the upgrade",
      revision: "created" as const,
      by: null,
    };
    await t.services.jobs.enqueue("events.deliver", {
      listener: "article.saved:audit",
      type: "article.saved",
      event: { ...older, eventId: "queued-before-upgrade", occurredAt: clock.toISOString() },
    });
    await t.services.events.drain();
    expect(await entries()).toHaveLength(before);
    const errors = await t.database.db
      .selectFrom("jobs")
      .select("last_error")
      .where("last_error", "is not", null)
      .execute();
    expect(errors).toEqual([]);
  });

  it("pages the log newest first, fifty entries at a time", async () => {
    const by = { staffId: owner.staff.id, tokenId: null, name: owner.staff.name };
    for (let n = 1; n <= 51; n++) await t.services.articles.create({ edition: "en", title: `Story ${n}` }, by);
    await t.services.events.drain();
    const first = await call(owner, "GET", "/audit");
    expect(first.json().items).toHaveLength(50);
    expect(first.json().items[0].subject.title).toBe("Story 51");
    const rest = await call(owner, "GET", `/audit?cursor=${first.json().nextCursor}`);
    expect(rest.json()).toMatchObject({ items: [{ subject: { title: "Story 1" } }], nextCursor: null });
  });

  it("exports the filtered log as CSV with a header row, quoted fields and no spreadsheet formulas", async () => {
    const editor = await t.signInAs("editor");
    await story(editor, '=HYPERLINK("http://evil.example","Click"), then "quotes"');
    await story(editor, "Harmless");
    await t.services.events.drain();
    const response = await call(owner, "GET", "/audit.csv?action=created");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/csv");
    expect(response.headers["content-disposition"]).toContain("audit-log.csv");
    const lines = response.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    expect(lines[0]).toBe(
      "occurred_at,actor_kind,actor_id,actor_name,action,subject_type,subject_id,subject_title,details",
    );
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil.example"",""Click""), then ""quotes"""`);
    expect(lines[1]).toContain(",Harmless,");
  });

  it("answers 403 to an editor and 401 to nobody", async () => {
    const editor = await t.signInAs("editor");
    expect((await call(editor, "GET", "/audit")).json().code).toBe("forbidden");
    expect((await call(editor, "GET", "/audit.csv")).statusCode).toBe(403);
    expect((await call(await t.signInAs("admin"), "GET", "/audit")).statusCode).toBe(403);
    expect((await t.app.inject({ url: "/admin/api/audit" })).statusCode).toBe(401);
  });

  it("prunes only entries older than the retention, and a second run changes nothing", async () => {
    const editor = await t.signInAs("editor");
    clock = new Date("2024-12-01T08:00:00.000Z");
    await story(editor, "Old story");
    await t.services.events.drain();
    clock = new Date("2024-12-10T08:00:00.000Z");
    await story(editor, "Kept story");
    await t.services.events.drain();
    clock = new Date("2026-12-07T08:00:00.000Z");

    await t.services.audit.schedulePrune();
    await t.services.jobs.runDue();
    const titles = async () =>
      ((await entries()) as unknown as { subject: { title: string } }[]).map((entry) => entry.subject.title);
    expect(await titles()).toEqual(["Kept story"]);
    await t.services.audit.schedulePrune();
    await t.services.jobs.runDue();
    expect(await t.services.audit.prune()).toBe(0);
    expect(await titles()).toEqual(["Kept story"]);
    // The run queued tomorrow's, once.
    const queued = await t.database.db
      .selectFrom("jobs")
      .select(["dedupe_key", "status"])
      .where("kind", "=", "audit.prune")
      .orderBy("dedupe_key")
      .execute();
    expect(queued).toEqual([
      { dedupe_key: "audit.prune:2026-12-07", status: "done" },
      { dedupe_key: "audit.prune:2026-12-08", status: "pending" },
    ]);
  });
});
