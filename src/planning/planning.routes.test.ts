import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle } from "../../test/factories.js";
import { type Browser, createStaffMember, signIn } from "../../test/staff-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

describe.each(DIALECTS)("the story budget on %s", (dialect) => {
  let t: TestApp;
  let clock: Date;

  beforeEach(async () => {
    clock = new Date("2026-12-07T08:00:00.000Z");
    t = await startTestApp(dialect, {
      now: () => clock,
      editions: [{ code: "uk", base_path: "/", time_zone: "Europe/Kyiv", locale: "uk-UA" }, "en"],
    });
  });
  afterEach(async () => t.close());

  const outbox = () => t.database.db.selectFrom("mail_outbox").selectAll().orderBy("id").execute();
  const call = (browser: Browser, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: object) =>
    t.app.inject({ method, url: `/admin/api${url}`, headers: browser.headers, ...(payload ? { payload } : {}) });
  async function runJobs(): Promise<void> {
    for (let round = 0; round < 20 && (await t.services.jobs.runDue()) > 0; round++);
  }
  async function member(role: "contributor" | "author" | "editor", email: string): Promise<Browser> {
    return signIn(t.app, await createStaffMember(t.services, { role, email, name: email.split("@")[0] }));
  }
  async function plan(
    editor: Browser,
    fields: object,
  ): Promise<{ id: number; status: string; articleId: number | null }> {
    const response = await call(editor, "POST", "/planning", { edition: "uk", day: "2026-12-08", ...fields });
    expect(response.statusCode).toBe(201);
    return response.json();
  }

  it("plans stories per day and edition and filters the week by edition, section and person", async () => {
    const editor = await member("editor", "desk@news.example");
    const author = await member("author", "writer@news.example");
    await plan(editor, { slugLine: "Bridge repairs", summary: "When the river bridge reopens", sectionId: 1 });
    await plan(editor, { slugLine: "School heating", assigneeId: author.staff.id, targetWords: 600 });
    await plan(editor, { edition: "en", day: "2026-12-10", slugLine: "Power cuts explained" });
    await plan(editor, { day: "2026-12-20", slugLine: "Next week's story" });

    const week = await call(editor, "GET", "/planning?from=2026-12-07&to=2026-12-13");
    expect(week.statusCode).toBe(200);
    expect(week.json().items.map((i: { slugLine: string }) => i.slugLine)).toEqual([
      "Bridge repairs",
      "School heating",
      "Power cuts explained",
    ]);
    const uk = await call(editor, "GET", "/planning?from=2026-12-07&to=2026-12-13&edition=en");
    expect(uk.json().items.map((i: { slugLine: string }) => i.slugLine)).toEqual(["Power cuts explained"]);
    const section = await call(editor, "GET", "/planning?from=2026-12-07&to=2026-12-13&sectionId=1");
    expect(section.json().items.map((i: { slugLine: string }) => i.slugLine)).toEqual(["Bridge repairs"]);
    const person = await call(editor, "GET", `/planning?from=2026-12-07&to=2026-12-13&assigneeId=${author.staff.id}`);
    expect(person.json().items).toEqual([
      expect.objectContaining({
        slugLine: "School heating",
        status: "assigned",
        targetWords: 600,
        assignee: { id: author.staff.id, name: "writer" },
      }),
    ]);
  });

  it("refuses a range that ends before it starts, a day that is not in the calendar, and an unknown edition", async () => {
    const editor = await member("editor", "desk@news.example");
    expect((await call(editor, "GET", "/planning?from=2026-12-09&to=2026-12-08")).json().code).toBe(
      "validation_failed",
    );
    const badDay = await call(editor, "POST", "/planning", { edition: "uk", day: "2026-02-30", slugLine: "x" });
    expect(badDay.statusCode).toBe(400);
    expect(badDay.json().code).toBe("validation_failed");
    const badEdition = await call(editor, "POST", "/planning", { edition: "de", day: "2026-12-08", slugLine: "x" });
    expect(badEdition.statusCode).toBe(400);
    const blank = await call(editor, "POST", "/planning", { edition: "uk", day: "2026-12-08", slugLine: "   " });
    expect(blank.json().code).toBe("validation_failed");
  });

  it("shows a contributor only their own assignments and lets only editors plan", async () => {
    const editor = await member("editor", "desk@news.example");
    const contributor = await member("contributor", "freelance@news.example");
    const author = await member("author", "writer@news.example");
    await plan(editor, { slugLine: "Theirs", assigneeId: contributor.staff.id });
    await plan(editor, { slugLine: "Someone else's", assigneeId: author.staff.id });

    expect((await call(contributor, "GET", "/planning?from=2026-12-07&to=2026-12-13")).statusCode).toBe(403);
    const mine = await call(contributor, "GET", "/planning/mine");
    expect(mine.json().items.map((i: { slugLine: string }) => i.slugLine)).toEqual(["Theirs"]);
    expect((await call(author, "GET", "/planning?from=2026-12-07&to=2026-12-13")).statusCode).toBe(200);
    expect((await call(contributor, "GET", "/planning/people")).statusCode).toBe(403);
    const people = (await call(author, "GET", "/planning/people")).json().items;
    expect(people).toContainEqual({ id: contributor.staff.id, name: "freelance", role: "contributor" });
    expect(JSON.stringify(people)).not.toContain("@news.example");
    const byAuthor = await call(author, "POST", "/planning", { edition: "uk", day: "2026-12-08", slugLine: "Mine" });
    expect(byAuthor.statusCode).toBe(403);
    expect(byAuthor.json().code).toBe("forbidden");
  });

  it("moves an item to another day", async () => {
    const editor = await member("editor", "desk@news.example");
    const item = await plan(editor, { slugLine: "Held over" });
    const moved = await call(editor, "POST", `/planning/${item.id}/move`, { day: "2026-12-09" });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().day).toBe("2026-12-09");
    const author = await member("author", "writer@news.example");
    expect((await call(author, "POST", `/planning/${item.id}/move`, { day: "2026-12-10" })).statusCode).toBe(403);
    expect((await call(editor, "POST", "/planning/9999/move", { day: "2026-12-10" })).statusCode).toBe(404);
  });

  it("mails the member a story is assigned to, but not an editor who takes it on themselves", async () => {
    const editor = await member("editor", "desk@news.example");
    const author = await member("author", "writer@news.example");
    const item = await plan(editor, { slugLine: "Water prices" });
    await plan(editor, { slugLine: "Own story", assigneeId: editor.staff.id });
    expect((await call(editor, "PATCH", `/planning/${item.id}`, { assigneeId: author.staff.id })).json().status).toBe(
      "assigned",
    );
    await runJobs();
    const mail = await outbox();
    expect(mail.map((m) => [m.to, m.subject])).toEqual([["writer@news.example", "Assigned to you: Water prices"]]);
    expect(mail[0]?.text).toContain("desk has assigned you");
    expect(mail[0]?.text).toContain("https://news.example/admin/planning/mine");
  });

  it("gives a draft an editor starts to the assignee: theirs to edit, under their byline", async () => {
    const editor = await member("editor", "desk@news.example");
    const author = await member("author", "writer@news.example");
    const item = await plan(editor, { slugLine: "Bridge repairs", assigneeId: author.staff.id });
    const started = await call(editor, "POST", `/planning/${item.id}/draft`);
    expect(started.statusCode).toBe(201);
    const { articleId } = started.json();
    const article = await t.services.articleQueries.getById(articleId);
    expect(article.created_by).toBe(author.staff.id);
    expect(article.created_by_token).toBeNull();
    const byline = await t.services.profiles.bylineFor(author.staff.id, "uk");
    expect((await call(editor, "GET", `/articles/${articleId}`)).json().authors).toEqual([byline]);
    // The assignee, an author, may edit only their own stories: this one is.
    const { version } = (await call(author, "GET", `/articles/${articleId}`)).json();
    expect(
      (await call(author, "PATCH", `/articles/${articleId}`, { title: "Bridge repairs finish early", version }))
        .statusCode,
    ).toBe(200);
    expect((await call(editor, "POST", `/planning/${item.id}/draft`)).json().articleId).toBe(articleId);
  });

  it("makes one draft when two start it at once", async () => {
    const editor = await member("editor", "desk@news.example");
    const item = await plan(editor, { slugLine: "Ferry timetable" });
    const [first, second] = await Promise.all([
      call(editor, "POST", `/planning/${item.id}/draft`),
      call(editor, "POST", `/planning/${item.id}/draft`),
    ]);
    expect([first.statusCode, second.statusCode].sort(), `${first.body} ${second.body}`).toEqual([200, 201]);
    expect(first.json().articleId).toBe(second.json().articleId);
    const drafts = await t.database.db
      .selectFrom("articles")
      .select("id")
      .where("title", "=", "Ferry timetable")
      .where("status", "!=", "archived")
      .execute();
    expect(drafts).toEqual([{ id: first.json().articleId }]);
  });

  it("turns an item into a linked draft that its status then follows to publication", async () => {
    const editor = await member("editor", "desk@news.example");
    const author = await member("author", "writer@news.example");
    const other = await member("author", "other@news.example");
    const item = await plan(editor, {
      slugLine: "Night trains return",
      summary: "Two routes restart",
      assigneeId: author.staff.id,
    });

    expect((await call(other, "POST", `/planning/${item.id}/draft`)).statusCode).toBe(403);
    const started = await call(author, "POST", `/planning/${item.id}/draft`);
    expect(started.statusCode).toBe(201);
    const { articleId } = started.json();
    expect(started.json().item).toMatchObject({ status: "in_progress", articleId });
    const article = await t.services.articleQueries.getById(articleId);
    expect(article).toMatchObject({ title: "Night trains return", dek: "Two routes restart", edition_code: "uk" });
    expect(article.created_by).toBe(author.staff.id);
    // A second click (or another tab) opens the same draft rather than making another.
    const again = await call(author, "POST", `/planning/${item.id}/draft`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ articleId, item: { articleId } });

    expect((await call(author, "POST", `/articles/${articleId}/submit`)).statusCode).toBe(200);
    await t.services.events.drain();
    expect((await call(editor, "GET", `/planning/${item.id}`)).json().status).toBe("filed");
    expect((await call(editor, "POST", `/articles/${articleId}/publish`)).statusCode).toBe(200);
    await t.services.events.drain();
    expect((await call(author, "GET", `/planning/${item.id}`)).json().status).toBe("published");
    // A published item leaves the member's list of open assignments.
    expect((await call(author, "GET", "/planning/mine")).json().items).toEqual([]);
  });

  it("lets the assignee set the status but not publish by hand or re-plan", async () => {
    const editor = await member("editor", "desk@news.example");
    const author = await member("author", "writer@news.example");
    const item = await plan(editor, { slugLine: "Market day", assigneeId: author.staff.id });
    expect((await call(author, "PATCH", `/planning/${item.id}`, { status: "filed" })).json().status).toBe("filed");
    expect((await call(author, "PATCH", `/planning/${item.id}`, { status: "published" })).statusCode).toBe(400);
    expect((await call(author, "PATCH", `/planning/${item.id}`, { day: "2026-12-11" })).statusCode).toBe(403);
  });

  it("plans an existing article, taking its headline and following its state", async () => {
    const editor = await member("editor", "desk@news.example");
    const article = await createArticle(
      t.services.articles,
      { edition: "uk", title: "Ferry timetable" },
      { publish: false },
    );
    const created = await call(editor, "POST", "/planning/from-article", { articleId: article.id, day: "2026-12-08" });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ slugLine: "Ferry timetable", articleId: article.id, status: "in_progress" });
    const again = await call(editor, "POST", "/planning/from-article", { articleId: article.id, day: "2026-12-09" });
    expect(again.statusCode).toBe(409);
    await t.services.articles.publish(article.id);
    await t.services.events.drain();
    expect((await call(editor, "GET", `/planning/${created.json().id}`)).json().status).toBe("published");
  });

  describe("the due-within-the-hour reminder", () => {
    const reminders = async () => (await outbox()).filter((m) => m.subject.startsWith("Due within the hour"));

    it("mails the assignee once an hour before the due time, in the edition's time zone", async () => {
      const editor = await member("editor", "desk@news.example");
      const author = await member("author", "writer@news.example");
      await plan(editor, {
        slugLine: "Evening briefing",
        assigneeId: author.staff.id,
        dueAt: "2026-12-07T13:00:00+02:00",
      });
      await runJobs();
      expect(await reminders()).toEqual([]);
      clock = new Date("2026-12-07T10:05:00.000Z");
      await runJobs();
      const sent = await reminders();
      expect(sent.map((m) => m.to)).toEqual(["writer@news.example"]);
      expect(sent[0]?.text).toContain("07/12/2026, 13:00 (Europe/Kyiv)");
    });

    it("never sends two reminders for one due time, however often the job runs", async () => {
      const editor = await member("editor", "desk@news.example");
      const author = await member("author", "writer@news.example");
      const dueAt = "2026-12-07T08:30:00.000Z";
      const item = await plan(editor, { slugLine: "Quick turnaround", assigneeId: author.staff.id, dueAt });
      // The same job queued again (a re-enqueue, a redelivery after a crash) and an unrelated edit.
      await t.services.jobs.enqueue("planning.due-reminder", { itemId: item.id, dueAt });
      await t.services.jobs.enqueue("planning.due-reminder", { itemId: item.id, dueAt });
      await call(editor, "PATCH", `/planning/${item.id}`, { summary: "Shorter now" });
      await runJobs();
      expect((await reminders()).length).toBe(1);
    });

    it("drops the reminder of a due time that changed or a story already filed", async () => {
      const editor = await member("editor", "desk@news.example");
      const author = await member("author", "writer@news.example");
      const item = await plan(editor, {
        slugLine: "Moved deadline",
        assigneeId: author.staff.id,
        dueAt: "2026-12-07T08:40:00.000Z",
      });
      await call(editor, "PATCH", `/planning/${item.id}`, { dueAt: "2026-12-07T15:00:00.000Z" });
      const filed = await plan(editor, { slugLine: "Already in", assigneeId: author.staff.id });
      await call(author, "PATCH", `/planning/${filed.id}`, { status: "filed" });
      await call(editor, "PATCH", `/planning/${filed.id}`, { dueAt: "2026-12-07T08:50:00.000Z" });
      await runJobs();
      expect(await reminders()).toEqual([]);
      clock = new Date("2026-12-07T14:10:00.000Z");
      await runJobs();
      expect((await reminders()).map((m) => m.subject)).toEqual(["Due within the hour: Moved deadline"]);
    });
  });
});
