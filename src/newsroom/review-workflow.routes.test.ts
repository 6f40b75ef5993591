import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { paragraphs } from "../../test/factories.js";
import { type Browser, createStaffMember, signIn } from "../../test/staff-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

describe.each(DIALECTS)("the review workflow on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      editions: ["en"],
    });
  });
  afterEach(async () => t.close());

  const outbox = () => t.database.db.selectFrom("mail_outbox").selectAll().orderBy("id").execute();
  const call = (browser: Browser, method: "GET" | "POST", url: string, payload?: object) =>
    t.app.inject({ method, url: `/admin/api${url}`, headers: browser.headers, ...(payload ? { payload } : {}) });

  async function draftBy(author: Browser, title = "Floods reach the old town"): Promise<number> {
    const response = await call(author, "POST", "/articles", { edition: "en", title, body: paragraphs("Water.") });
    expect(response.statusCode).toBe(201);
    return response.json().id as number;
  }

  async function submitted(author: Browser): Promise<number> {
    const id = await draftBy(author);
    expect((await call(author, "POST", `/articles/${id}/submit`)).statusCode).toBe(200);
    await t.services.events.drain();
    return id;
  }

  it("mails every active editor, admin and owner but the submitter, and nobody below", async () => {
    const editor = await createStaffMember(t.services, { role: "editor", email: "ed@news.example" });
    await createStaffMember(t.services, { role: "admin", email: "admin@news.example" });
    await createStaffMember(t.services, { role: "owner", email: "owner@news.example" });
    await createStaffMember(t.services, { role: "author", email: "other-author@news.example" });
    const away = await createStaffMember(t.services, { role: "editor", email: "away@news.example" });
    await t.services.staff.update(away.id, { status: "disabled" });
    const submitter = await signIn(
      t.app,
      await createStaffMember(t.services, { role: "editor", email: "me@news.example" }),
    );
    const id = await submitted(submitter);
    const mail = await outbox();
    expect(mail.map((m) => m.to).sort()).toEqual(["admin@news.example", "ed@news.example", "owner@news.example"]);
    const toEditor = mail.find((m) => m.to === editor.email)!;
    expect(toEditor.subject).toBe("For review: Floods reach the old town");
    expect(toEditor.text).toContain(`https://news.example/admin/articles/${id}`);
    expect(toEditor.text).toContain(submitter.staff.name);
  });

  it("announces article.submitted to the durable review-mail listener", () => {
    expect(t.services.events.listenersOf("article.submitted").durable).toEqual(["article.submitted:review-mail"]);
    expect(t.services.events.listenersOf("article.returned").durable).toEqual([
      "article.returned:return-mail",
      "article.returned:planning",
    ]);
  });

  it("counts the stories awaiting review for editors, and refuses the queue to authors", async () => {
    const author = await t.signInAs("author");
    const editor = await t.signInAs("editor");
    const first = await submitted(author);
    await draftBy(author, "Still a draft");
    const queue = await call(editor, "GET", "/articles/awaiting-review");
    expect(queue.statusCode).toBe(200);
    expect(queue.json()).toMatchObject({ count: 1, items: [{ id: first, status: "in_review" }] });
    const refused = await call(author, "GET", "/articles/awaiting-review");
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("forbidden");
  });

  it("returns a story to its author as a draft, keeps the message on it and mails the author", async () => {
    const authorMember = await createStaffMember(t.services, { role: "author", email: "writer@news.example" });
    const author = await signIn(t.app, authorMember);
    const editor = await t.signInAs("editor");
    const id = await submitted(author);
    const before = (await call(author, "GET", `/articles/${id}`)).json();
    const response = await call(editor, "POST", `/articles/${id}/return`, {
      message: "Add who said it in the third paragraph.",
      version: before.version,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: "draft",
      returnNote: { message: "Add who said it in the third paragraph.", by: editor.staff.name },
    });
    const seenByAuthor = (await call(author, "GET", `/articles/${id}`)).json();
    expect(seenByAuthor.returnNote.message).toBe("Add who said it in the third paragraph.");
    await t.services.events.drain();
    const mail = (await outbox()).filter((m) => m.to === "writer@news.example");
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe("Returned to you: Floods reach the old town");
    expect(mail[0]!.text).toContain("> Add who said it in the third paragraph.");
    const history = (await call(author, "GET", `/articles/${id}/revisions`)).json();
    expect(history.items[0]).toMatchObject({ label: "returned", staffName: editor.staff.name });
    // Submitting again starts a new round without the old note.
    const again = await call(author, "POST", `/articles/${id}/submit`);
    expect(again.json().returnNote).toBeNull();
  });

  it("lets only editors and above return a story", async () => {
    const author = await t.signInAs("author");
    const id = await submitted(author);
    const own = await call(author, "POST", `/articles/${id}/return`, { message: "Not ready." });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe("forbidden");
  });

  it("refuses to return a story that is not in review, an empty message and a stale version", async () => {
    const author = await t.signInAs("author");
    const editor = await t.signInAs("editor");
    const draft = await draftBy(author);
    const notInReview = await call(editor, "POST", `/articles/${draft}/return`, { message: "Why?" });
    expect(notInReview.statusCode).toBe(409);
    expect(notInReview.json().code).toBe("invalid_state");
    const id = await submitted(author);
    const empty = await call(editor, "POST", `/articles/${id}/return`, { message: "   " });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe("validation_failed");
    const stale = await call(editor, "POST", `/articles/${id}/return`, { message: "Redo.", version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe("conflict");
  });

  it("tells an open tab whether the story changed since its version, and how", async () => {
    const author = await t.signInAs("author");
    const editor = await t.signInAs("editor");
    const id = await submitted(author);
    const seen = (await call(author, "GET", `/articles/${id}`)).json().version as number;
    const quiet = await call(author, "GET", `/articles/${id}/status?since=${seen}`);
    expect(quiet.statusCode).toBe(200);
    expect(quiet.json()).toMatchObject({ id, status: "in_review", version: seen, changed: false, returnNote: null });
    await call(editor, "POST", `/articles/${id}/return`, { message: "Shorter, please." });
    const moved = (await call(author, "GET", `/articles/${id}/status?since=${seen}`)).json();
    expect(moved).toMatchObject({
      status: "draft",
      changed: true,
      lastChange: { label: "returned", by: editor.staff.name },
      returnNote: { message: "Shorter, please." },
    });
    await call(editor, "POST", `/articles/${id}/publish`);
    const published = (await call(author, "GET", `/articles/${id}/status?since=${moved.version}`)).json();
    expect(published).toMatchObject({ status: "published", changed: true, lastChange: { label: "published" } });
  });

  it("does not show a story's status to someone who may not view it", async () => {
    const author = await t.signInAs("author");
    const stranger = await t.signInAs("contributor");
    const id = await draftBy(author);
    expect((await call(stranger, "GET", `/articles/${id}/status?since=1`)).statusCode).toBe(403);
  });
});
