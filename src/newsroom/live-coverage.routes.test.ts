import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createMedia, createPerson, paragraphs } from "../../test/factories.js";
import { type Browser, createToken } from "../../test/staff-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

describe.each(DIALECTS)("live coverage admin API on %s", (dialect) => {
  let t: TestApp;
  let clock = new Date("2026-11-29T10:00:00.000Z");
  beforeEach(async () => {
    clock = new Date("2026-11-29T10:00:00.000Z");
    t = await startTestApp(dialect, {
      now: () => clock,
      editions: ["en"],
    });
  });
  afterEach(async () => t.close());

  const tick = () => {
    clock = new Date(clock.getTime() + 60_000);
  };

  async function liveArticle() {
    return createArticle(t.services.articles, { edition: "en", title: "War live: day 1", kind: "live" });
  }

  function addEntry(headers: Record<string, string>, articleId: number, payload: Record<string, unknown>) {
    return t.app.inject({ method: "POST", url: `/admin/api/articles/${articleId}/live/entries`, headers, payload });
  }

  it("creates a live article and reports its kind", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/admin/api/articles",
      headers: await t.bearer("editor"),
      payload: { edition: "en", title: "Live: the day", kind: "live" },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ kind: "live", liveEndedAt: null });
  });

  it("lists entries newest first with pinned entries on top", async () => {
    const article = await liveArticle();
    const headers = await t.bearer("editor");
    const ids: number[] = [];
    for (const text of ["First", "Second", "Third"]) {
      tick();
      const response = await addEntry(headers, article.id, { headline: text, body: paragraphs(`${text} entry.`) });
      expect(response.statusCode).toBe(201);
      ids.push(response.json().id);
    }
    const pin = await t.app.inject({
      method: "PATCH",
      url: `/admin/api/articles/${article.id}/live/entries/${ids[0]}`,
      headers,
      payload: { pinned: true },
    });
    expect(pin.statusCode).toBe(200);
    expect(pin.json().pinned).toBe(true);
    const list = await t.app.inject({ url: `/admin/api/articles/${article.id}/live/entries`, headers });
    expect(list.json().items.map((e: { headline: string }) => e.headline)).toEqual(["First", "Third", "Second"]);
  });

  it("lands both entries when two editors add at the same moment, without touching the article's version", async () => {
    const article = await liveArticle();
    const [first, second] = await Promise.all([t.signInAs("editor"), t.signInAs("editor")]);
    const responses = await Promise.all(
      [first, second].map((browser: Browser, i) =>
        addEntry(browser.headers, article.id, { body: paragraphs(`From editor ${i + 1}.`) }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201]);
    const list = await t.app.inject({ url: `/admin/api/articles/${article.id}/live/entries`, headers: first.headers });
    expect(list.json().items).toHaveLength(2);
    expect(new Set(list.json().items.map((e: { authorName: string }) => e.authorName))).toEqual(
      new Set([first.staff.name, second.staff.name]),
    );
    expect((await t.services.articleQueries.getById(article.id)).version).toBe(article.version);
  });

  it("edits and deletes entries, and ends the live blog", async () => {
    const article = await liveArticle();
    const headers = await t.bearer("editor");
    const entry = (await addEntry(headers, article.id, { body: paragraphs("Draft text.") })).json();
    const edited = await t.app.inject({
      method: "PATCH",
      url: `/admin/api/articles/${article.id}/live/entries/${entry.id}`,
      headers,
      payload: { headline: "Now with a headline", body: paragraphs("Better text.") },
    });
    expect(edited.json()).toMatchObject({ headline: "Now with a headline" });
    const deleted = await t.app.inject({
      method: "DELETE",
      url: `/admin/api/articles/${article.id}/live/entries/${entry.id}`,
      headers,
    });
    expect(deleted.statusCode).toBe(204);
    tick();
    const ended = await t.app.inject({ method: "POST", url: `/admin/api/articles/${article.id}/live/end`, headers });
    expect(ended.json().liveEndedAt).toBe(clock.toISOString());
    const late = await addEntry(headers, article.id, { body: paragraphs("Too late.") });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe("invalid_state");
  });

  it("signs an entry with a byline person of the article's edition", async () => {
    const article = await liveArticle();
    const person = await createPerson(t.database.db, "en");
    const response = await addEntry(await t.bearer("editor"), article.id, {
      body: paragraphs("Signed."),
      personId: person.id,
    });
    expect(response.json().personId).toBe(person.id);
  });

  it.each([
    ["a body that is not a document", { body: "plain text" }, 400, "invalid_body"],
    ["an unknown block", { body: { type: "doc", content: [{ type: "script" }] } }, 400, "invalid_body"],
    ["a missing body", { headline: "No body" }, 400, "validation_failed"],
    ["a headline of the wrong type", { headline: 7, body: paragraphs("x") }, 400, "validation_failed"],
    ["an unknown field", { body: paragraphs("x"), html: "<p>x</p>" }, 400, "validation_failed"],
    ["an unknown person", { body: paragraphs("x"), personId: 999_999 }, 400, "validation_failed"],
  ])("answers 4xx for %s", async (_name, payload, status, code) => {
    const article = await liveArticle();
    const response = await addEntry(await t.bearer("editor"), article.id, payload);
    expect(response.statusCode).toBe(status);
    expect(response.json().code).toBe(code);
  });

  it("refuses entries on a standard article, a missing article or entry, and a bad id", async () => {
    const headers = await t.bearer("editor");
    const standard = await createArticle(t.services.articles, { edition: "en" });
    expect((await addEntry(headers, standard.id, { body: paragraphs("x") })).json().code).toBe("invalid_state");
    expect((await addEntry(headers, 999_999, { body: paragraphs("x") })).statusCode).toBe(404);
    const article = await liveArticle();
    const missing = await t.app.inject({
      method: "PATCH",
      url: `/admin/api/articles/${article.id}/live/entries/999999`,
      headers,
      payload: { pinned: true },
    });
    expect(missing.statusCode).toBe(404);
    const badId = await t.app.inject({ url: "/admin/api/articles/abc/live/entries", headers });
    expect(badId.statusCode).toBe(400);
    const badPin = await t.app.inject({
      method: "PATCH",
      url: `/admin/api/articles/${article.id}/live/entries/1`,
      headers,
      payload: { pinned: "yes" },
    });
    expect(badPin.statusCode).toBe(400);
  });

  it("lets whoever may edit the article write entries, and nobody else", async () => {
    const article = await liveArticle();
    const body = { body: paragraphs("x") };
    expect((await addEntry({}, article.id, body)).statusCode).toBe(401);
    expect((await addEntry(await t.bearer("author"), article.id, body)).statusCode).toBe(403);
    const authorToken = await createToken(t.services, "author");
    const own = await t.app.inject({
      method: "POST",
      url: "/admin/api/articles",
      headers: { authorization: `Bearer ${authorToken}` },
      payload: { edition: "en", title: "My live", kind: "live" },
    });
    const mine = await addEntry({ authorization: `Bearer ${authorToken}` }, own.json().id, body);
    expect(mine.statusCode).toBe(201);
  });

  it("purges exactly the article's page and the front page when an entry lands", async () => {
    const article = await liveArticle();
    const purged: string[][] = [];
    t.services.pageCache.onPurge((keys) => purged.push([...keys]));
    await addEntry(await t.bearer("editor"), article.id, { body: paragraphs("x") });
    expect(purged).toEqual([[`article:${article.id}`, "home:en"]]);
  });

  describe("rich entries and their history", () => {
    const richBody = (mediaId: number) => ({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Read the " },
            {
              type: "text",
              text: "mayor's statement",
              marks: [{ type: "link", attrs: { href: "https://example.org/x" } }],
            },
            { type: "text", text: "." },
          ],
        },
        { type: "image", attrs: { mediaId, alt: "Firefighters at the station" } },
        { type: "embed", attrs: { provider: "youtube", videoId: "dQw4w9WgXcQ", title: "The fire at dawn" } },
        { type: "embed", attrs: { provider: "map", videoId: "bakhmut", title: "The front" } },
      ],
    });
    const editEntry = (headers: Record<string, string>, articleId: number, entryId: number, payload: object) =>
      t.app.inject({
        method: "PATCH",
        url: `/admin/api/articles/${articleId}/live/entries/${entryId}`,
        headers,
        payload,
      });

    it("keeps links, images and embeds and renders them on the reader page", async () => {
      const article = await liveArticle();
      const media = await createMedia(t.database.db);
      const response = await addEntry(await t.bearer("editor"), article.id, { body: richBody(media.id) });
      expect(response.statusCode).toBe(201);
      expect(response.json().body).toEqual(richBody(media.id));
      const page = await t.app.inject({ url: `/en/news/${article.slug}` });
      expect(page.statusCode).toBe(200);
      const entry = page.body.slice(page.body.indexOf(`id="entry-${response.json().id}"`));
      expect(entry).toContain('href="https://example.org/x"');
      expect(entry).toContain(`/media/${media.file_key}/`);
      expect(entry).toContain("The fire at dawn");
    });

    const badBodies: [string, unknown][] = [
      [
        "a javascript: link",
        {
          type: "doc",
          content: [
            {
              type: "paragraph",
              content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }],
            },
          ],
        },
      ],
      [
        "an unknown embed provider",
        { type: "doc", content: [{ type: "embed", attrs: { provider: "flash", videoId: "x", title: "x" } }] },
      ],
      ["an image without a media id", { type: "doc", content: [{ type: "image", attrs: { alt: "x" } }] }],
    ];

    it.each(badBodies)("refuses an entry with %s, on posting and on editing", async (_name, bad) => {
      const article = await liveArticle();
      const headers = await t.bearer("editor");
      const posted = await addEntry(headers, article.id, { body: bad });
      expect(posted.statusCode).toBe(400);
      expect(posted.json().code).toBe("invalid_body");
      const entry = (await addEntry(headers, article.id, { body: paragraphs("Fine.") })).json();
      const edited = await editEntry(headers, article.id, entry.id, { body: bad });
      expect(edited.statusCode).toBe(400);
      expect(edited.json().code).toBe("invalid_body");
    });

    it("refuses an entry with nothing to read or see", async () => {
      const article = await liveArticle();
      const headers = await t.bearer("editor");
      const empty = {
        type: "doc",
        content: [{ type: "paragraph", content: [{ type: "text", text: "   " }] }, { type: "horizontalRule" }],
      };
      const posted = await addEntry(headers, article.id, { body: empty });
      expect(posted.statusCode).toBe(400);
      expect(posted.json()).toMatchObject({ code: "validation_failed", details: { field: "body" } });
    });

    it("stores each edit as a revision, marks the entry edited, and lists the history newest first", async () => {
      const article = await liveArticle();
      const editor = await t.signInAs("editor");
      const posted = (
        await addEntry(editor.headers, article.id, { headline: "Fire", body: paragraphs("A fire.") })
      ).json();
      expect(posted.editedAt).toBeNull();
      tick();
      const pinned = await editEntry(editor.headers, article.id, posted.id, { pinned: true });
      expect(pinned.json().editedAt).toBeNull();
      tick();
      const edited = await editEntry(editor.headers, article.id, posted.id, {
        headline: "Fire at the depot",
        body: paragraphs("A fire at the bus depot."),
      });
      expect(edited.json().editedAt).toBe(clock.toISOString());
      const editedAt = clock.toISOString();
      tick();
      // The same text again is no edit.
      await editEntry(editor.headers, article.id, posted.id, { body: paragraphs("A fire at the bus depot.") });
      const revisions = await t.app.inject({
        url: `/admin/api/articles/${article.id}/live/entries/${posted.id}/revisions`,
        headers: editor.headers,
      });
      expect(revisions.statusCode).toBe(200);
      expect(
        revisions
          .json()
          .items.map((r: { headline: string; createdAt: string; authorName: string }) => [
            r.headline,
            r.createdAt,
            r.authorName,
          ]),
      ).toEqual([
        ["Fire at the depot", editedAt, editor.staff.name],
        ["Fire", posted.createdAt, editor.staff.name],
      ]);
      expect(revisions.json().items[1].body).toEqual(paragraphs("A fire."));

      const page = await t.app.inject({ url: `/en/news/${article.slug}` });
      const entry = page.body.slice(page.body.indexOf(`id="entry-${posted.id}"`));
      expect(entry).toMatch(/class="live-entry__edited">[^<]*edited\s*<time datetime="([^"]+)"/);
      expect(entry).toContain(`datetime="${editedAt}"`);
    });

    it("answers the history of a missing entry or another blog's entry with 404, and an anonymous caller with 401", async () => {
      const headers = await t.bearer("editor");
      const article = await liveArticle();
      const other = await liveArticle();
      const entry = (await addEntry(headers, other.id, { body: paragraphs("Elsewhere.") })).json();
      const wrong = await t.app.inject({
        url: `/admin/api/articles/${article.id}/live/entries/${entry.id}/revisions`,
        headers,
      });
      expect(wrong.statusCode).toBe(404);
      const none = await t.app.inject({
        url: `/admin/api/articles/${article.id}/live/entries/999999/revisions`,
        headers,
      });
      expect(none.statusCode).toBe(404);
      const anonymous = await t.app.inject({
        url: `/admin/api/articles/${other.id}/live/entries/${entry.id}/revisions`,
      });
      expect(anonymous.statusCode).toBe(401);
    });

    it("announces live.entry.saved for posts and text edits, drafts included, but not for pinning", async () => {
      const article = await createArticle(
        t.services.articles,
        { edition: "en", title: "Live draft", kind: "live" },
        { publish: false },
      );
      const headers = await t.bearer("editor");
      const saved: number[] = [];
      t.services.events.on("live.entry.saved", "test", (event) => void saved.push(event.entryId));
      const entry = (await addEntry(headers, article.id, { body: paragraphs("One.") })).json();
      await editEntry(headers, article.id, entry.id, { pinned: true });
      await editEntry(headers, article.id, entry.id, { body: paragraphs("Two.") });
      expect(saved).toEqual([entry.id, entry.id]);
    });
  });

  describe("corrections and updates", () => {
    function addNote(headers: Record<string, string>, articleId: number, payload: Record<string, unknown>) {
      return t.app.inject({ method: "POST", url: `/admin/api/articles/${articleId}/notes`, headers, payload });
    }

    it("appends notes to a published article and moves its modification time", async () => {
      const article = await createArticle(t.services.articles, { edition: "en" });
      tick();
      const headers = await t.bearer("editor");
      const correction = await addNote(headers, article.id, { kind: "correction", text: "We misnamed the town." });
      expect(correction.statusCode).toBe(201);
      expect(correction.json()).toMatchObject({ kind: "correction", createdAt: clock.toISOString() });
      const list = await t.app.inject({ url: `/admin/api/articles/${article.id}/notes`, headers });
      expect(list.json().items).toHaveLength(1);
      expect((await t.services.articleQueries.getById(article.id)).updated_at).toBe(clock.toISOString());
    });

    it.each([
      ["an unknown kind", { kind: "retraction", text: "x" }, 400, "validation_failed"],
      ["empty text", { kind: "update", text: "" }, 400, "validation_failed"],
      ["blank text", { kind: "update", text: "   " }, 400, "validation_failed"],
      ["a missing kind", { text: "x" }, 400, "validation_failed"],
    ])("answers 4xx for %s", async (_name, payload, status, code) => {
      const article = await createArticle(t.services.articles, { edition: "en" });
      const response = await addNote(await t.bearer("editor"), article.id, payload);
      expect(response.statusCode).toBe(status);
      expect(response.json().code).toBe(code);
    });

    it("refuses notes on drafts and from authors", async () => {
      const draft = await createArticle(t.services.articles, { edition: "en" }, { publish: false });
      const onDraft = await addNote(await t.bearer("editor"), draft.id, { kind: "update", text: "x" });
      expect(onDraft.statusCode).toBe(409);
      const published = await createArticle(t.services.articles, { edition: "en" });
      const byAuthor = await addNote(await t.bearer("author"), published.id, { kind: "update", text: "x" });
      expect(byAuthor.statusCode).toBe(403);
    });
  });

  describe("breaking banner", () => {
    it("is raised and lowered by editors only, with its link and expiry checked", async () => {
      const editor = await t.bearer("editor");
      const raise = (headers: Record<string, string>, payload: Record<string, unknown>) =>
        t.app.inject({ method: "PUT", url: "/admin/api/banners/en", headers, payload });
      const good = { text: "Explosions reported in Kyiv", url: "/en/news/x", expiresAt: "2026-11-29T12:00:00Z" };
      expect((await raise(await t.bearer("author"), good)).statusCode).toBe(403);
      expect((await raise(editor, { ...good, url: "javascript:alert(1)" })).json().code).toBe("validation_failed");
      expect((await raise(editor, { ...good, expiresAt: "2026-11-29T09:00:00Z" })).statusCode).toBe(400);
      expect((await raise(editor, { ...good, expiresAt: "soon" })).statusCode).toBe(400);
      expect((await raise(editor, { ...good, text: "" })).statusCode).toBe(400);
      expect(
        (await t.app.inject({ method: "PUT", url: "/admin/api/banners/xx", headers: editor, payload: good }))
          .statusCode,
      ).toBe(404);
      const raised = await raise(editor, good);
      expect(raised.statusCode).toBe(200);
      expect(raised.json()).toMatchObject({ text: good.text, expiresAt: "2026-11-29T12:00:00.000Z" });
      const state = await t.app.inject({ url: "/admin/api/banners/en", headers: editor });
      expect(state.json()).toMatchObject({ active: true, banner: { text: good.text } });
      const lowered = await t.app.inject({ method: "DELETE", url: "/admin/api/banners/en", headers: editor });
      expect(lowered.statusCode).toBe(204);
      expect((await t.app.inject({ url: "/admin/api/banners/en", headers: editor })).json()).toEqual({
        banner: null,
        active: false,
      });
    });
  });
});
