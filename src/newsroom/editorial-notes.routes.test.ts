import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NOTE_A, NOTE_B, notedBodies } from "../../test/note-fixtures.js";
import { type Browser, createStaffMember, signIn } from "../../test/staff-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import { API_PREFIX } from "../api/content-api.routes.js";

describe.each(DIALECTS)("editorial notes on %s", (dialect) => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp(dialect, { editions: ["uk", "en"] });
  });
  afterEach(async () => t.close());

  const outbox = () => t.database.db.selectFrom("mail_outbox").selectAll().orderBy("id").execute();
  const call = (browser: Browser, method: "GET" | "POST" | "PATCH", url: string, payload?: object) =>
    t.app.inject({ method, url: `/admin/api${url}`, headers: browser.headers, ...(payload ? { payload } : {}) });
  async function runJobs(): Promise<void> {
    for (let round = 0; round < 20 && (await t.services.jobs.runDue()) > 0; round++);
  }
  async function member(role: "contributor" | "author" | "editor", email: string): Promise<Browser> {
    return signIn(t.app, await createStaffMember(t.services, { role, email, name: email.split("@")[0] }));
  }
  /** A draft written by `author`, with the two notes of the fixture marked in its body. */
  async function draftBy(author: Browser): Promise<{ id: number; version: number; slug: string }> {
    const response = await call(author, "POST", "/articles", {
      edition: "en",
      title: "Night on the river",
      body: notedBodies().noted,
    });
    expect(response.statusCode).toBe(201);
    return response.json();
  }
  const note = (browser: Browser, articleId: number, payload: object) =>
    call(browser, "POST", `/articles/${articleId}/editorial-notes`, payload);

  it("opens threads on a draft, lists them in the order of their marks, takes replies, resolves and reopens", async () => {
    const author = await member("author", "writer@news.example");
    const editor = await member("editor", "desk@news.example");
    const draft = await draftBy(author);

    const second = await note(editor, draft.id, { noteId: NOTE_B, quote: "near the bridge", body: "Which bridge?" });
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({
      id: NOTE_B,
      anchored: true,
      resolvedAt: null,
      createdBy: { id: editor.staff.id, name: "desk" },
      comments: [{ author: { id: editor.staff.id, name: "desk" }, body: "Which bridge?" }],
    });
    await note(editor, draft.id, { noteId: NOTE_A, quote: "the river", body: "Name the river." });
    // No id given: the server makes one, and the thread is not in the body (no mark carries it).
    const loose = await note(editor, draft.id, { quote: "gone words", body: "This was cut." });
    expect(loose.json().anchored).toBe(false);

    const reply = await call(author, "POST", `/articles/${draft.id}/editorial-notes/${NOTE_B}/replies`, {
      body: "The old one.",
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().comments.map((c: { body: string }) => c.body)).toEqual(["Which bridge?", "The old one."]);

    const resolved = await call(author, "POST", `/articles/${draft.id}/editorial-notes/${NOTE_B}/resolve`);
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ resolvedBy: { id: author.staff.id, name: "writer" } });
    expect(resolved.json().resolvedAt).toEqual(expect.any(String));

    const listed = (await call(editor, "GET", `/articles/${draft.id}/editorial-notes`)).json();
    expect(listed.threads.map((thread: { id: string }) => thread.id)).toEqual([NOTE_A, NOTE_B, loose.json().id]);
    expect(listed.threads[1].resolvedAt).not.toBeNull();
    expect(listed.mentionable).toContainEqual({ handle: "writer", name: "writer" });

    const reopened = await call(editor, "POST", `/articles/${draft.id}/editorial-notes/${NOTE_B}/reopen`);
    expect(reopened.json()).toMatchObject({ resolvedAt: null, resolvedBy: null });
  });

  it("lets only those who may edit the story see or write its notes", async () => {
    const author = await member("author", "writer@news.example");
    const otherAuthor = await member("author", "other@news.example");
    const contributor = await member("contributor", "freelance@news.example");
    const draft = await draftBy(author);
    await note(author, draft.id, { noteId: NOTE_A, quote: "the river", body: "Check." });

    for (const outsider of [otherAuthor, contributor]) {
      const list = await call(outsider, "GET", `/articles/${draft.id}/editorial-notes`);
      expect(list.statusCode).toBe(403);
      expect(list.json().code).toBe("forbidden");
      expect((await note(outsider, draft.id, { quote: "x", body: "y" })).statusCode).toBe(403);
      expect((await call(outsider, "POST", `/articles/${draft.id}/editorial-notes/${NOTE_A}/resolve`)).statusCode).toBe(
        403,
      );
    }
    const anonymous = await t.app.inject({ method: "GET", url: `/admin/api/articles/${draft.id}/editorial-notes` });
    expect(anonymous.statusCode).toBe(401);
  });

  it("answers 4xx with stable codes for bad input, a missing story or thread, and a taken id", async () => {
    const editor = await member("editor", "desk@news.example");
    const draft = await draftBy(editor);
    const empty = await note(editor, draft.id, { quote: "x", body: "   " });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe("validation_failed");
    expect((await note(editor, draft.id, { noteId: "<script>", quote: "x", body: "y" })).statusCode).toBe(400);
    expect((await note(editor, draft.id, { quote: "x", body: "y", extra: 1 })).statusCode).toBe(400);
    expect((await note(editor, 999_999, { quote: "x", body: "y" })).json().code).toBe("not_found");
    expect(
      (await call(editor, "POST", `/articles/${draft.id}/editorial-notes/no-such-thread/resolve`)).statusCode,
    ).toBe(404);
    await note(editor, draft.id, { noteId: NOTE_A, quote: "x", body: "first" });
    const taken = await note(editor, draft.id, { noteId: NOTE_A, quote: "x", body: "again" });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe("conflict");
    // A thread of another story is not found through this one.
    const other = await draftBy(editor);
    expect(
      (await call(editor, "POST", `/articles/${other.id}/editorial-notes/${NOTE_A}/replies`, { body: "x" })).statusCode,
    ).toBe(404);
  });

  it("mails a mentioned member who may edit the story once, and nobody for an unknown handle", async () => {
    const author = await member("author", "writer@news.example");
    const editor = await member("editor", "desk@news.example");
    await member("author", "bystander@news.example");
    const draft = await draftBy(author);
    const before = (await outbox()).length;

    // @bystander cannot edit the author's story, @nobody is no one, @desk is the writer themself.
    await note(editor, draft.id, {
      noteId: NOTE_A,
      quote: "the river",
      body: "@writer please name it (cc @bystander, @nobody, @desk). Mail me at desk@news.example.",
    });
    await runJobs();
    await runJobs();
    const mails = (await outbox()).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toBe("writer@news.example");
    expect(mails[0]?.subject).toContain("desk mentioned you");
    expect(mails[0]?.text).toContain("the river");
    expect(mails[0]?.text).toContain(`/admin/articles/${draft.id}`);

    await call(author, "POST", `/articles/${draft.id}/editorial-notes/${NOTE_A}/replies`, { body: "Done, @nobody." });
    await runJobs();
    expect((await outbox()).slice(before)).toHaveLength(1);
  });

  it("announces note.created and note.resolved, and the audit log records them", async () => {
    const editor = await member("editor", "desk@news.example");
    const draft = await draftBy(editor);
    const seen: string[] = [];
    t.services.events.on("note.created", "test", (event) => void seen.push(`created ${event.threadId}`));
    t.services.events.on("note.resolved", "test", (event) => void seen.push(`resolved ${event.threadId}`));
    await note(editor, draft.id, { noteId: NOTE_A, quote: "the river", body: "Check." });
    await call(editor, "POST", `/articles/${draft.id}/editorial-notes/${NOTE_A}/resolve`);
    await call(editor, "POST", `/articles/${draft.id}/editorial-notes/${NOTE_A}/resolve`);
    expect(seen).toEqual([`created ${NOTE_A}`, `resolved ${NOTE_A}`]);
    await runJobs();
    const entries = await t.services.audit.list({ article: draft.id });
    expect(entries.items.map((entry) => entry.action)).toEqual(expect.arrayContaining(["note_added", "note_resolved"]));
  });

  it("keeps the marks in the revision history and shows readers nothing of them", async () => {
    const editor = await member("editor", "desk@news.example");
    const draft = await draftBy(editor);
    await note(editor, draft.id, { noteId: NOTE_A, quote: "the river", body: "Secret margin remark." });
    const published = await call(editor, "POST", `/articles/${draft.id}/publish`, { version: draft.version });
    expect(published.statusCode).toBe(200);

    const revisions = (await call(editor, "GET", `/articles/${draft.id}/revisions`)).json();
    const first = await call(editor, "GET", `/articles/${draft.id}/revisions/${revisions.items.at(-1).version}`);
    expect(JSON.stringify(first.json())).toContain(NOTE_A);

    const { key } = await t.services.apiKeys.create("Partner");
    const pages = [
      `/en/news/${draft.slug}`,
      `/en/lite/news/${draft.slug}`,
      "/en/feed.xml",
      "/en/feed.json",
      `${API_PREFIX}/articles/${draft.id}`,
    ];
    for (const url of pages) {
      const response = await t.app.inject({ url, headers: { authorization: `Bearer ${key}` } });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain("near the bridge");
      for (const secret of [NOTE_A, NOTE_B, "Secret margin remark", '"note"', "data-note"]) {
        expect(response.body, `${url} shows ${secret}`).not.toContain(secret);
      }
    }
  });
});
