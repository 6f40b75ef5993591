import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createPerson, paragraphs } from "../../test/factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import type { Role } from "../staff/actor.js";
import { PUBLIC_ARTICLE_EVENTS } from "./newsroom.events.js";

/**
 * Edits of a live story wait in a pending revision until "Update"; restores become pending too.
 * The page cache is off so every fetch renders the live row afresh.
 */
describe.each(DIALECTS)("pending revisions of live articles on %s", (dialect) => {
  let t: TestApp;
  let emitted: string[][];
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      env: { PAGE_CACHE: "false" },
      editions: ["en"],
    });
    emitted = [];
    for (const type of PUBLIC_ARTICLE_EVENTS)
      t.services.events.on(type, "test", (event) => void emitted.push(event.keys));
  });
  afterEach(async () => t.close());

  const bearer = (role: Role = "editor") => t.bearer(role);

  async function publishedStory(headers: Record<string, string>, payload: Record<string, unknown> = {}) {
    const created = await t.app.inject({
      method: "POST",
      url: "/admin/api/articles",
      headers,
      payload: { edition: "en", title: "Ferry service resumes", body: paragraphs("Boats sail again."), ...payload },
    });
    expect(created.statusCode).toBe(201);
    const published = await t.app.inject({
      method: "POST",
      url: `/admin/api/articles/${created.json().id}/publish`,
      headers,
    });
    expect(published.statusCode).toBe(200);
    return published.json().article as { id: number; version: number; url: string; slug: string };
  }

  const patch = (headers: Record<string, string>, id: number, payload: Record<string, unknown>) =>
    t.app.inject({ method: "PATCH", url: `/admin/api/articles/${id}`, headers, payload });
  const get = (headers: Record<string, string>, url: string) => t.app.inject({ url, headers });
  const publicPage = async (url: string) => (await t.app.inject({ url: new URL(url).pathname })).body;
  const feed = async () => (await t.app.inject({ url: "/feed.xml" })).body;

  it("keeps the live page, the feed and the search index as they were on a pending save", async () => {
    const headers = await bearer();
    const story = await publishedStory(headers);
    const pageBefore = await publicPage(story.url);
    const feedBefore = await feed();
    emitted = [];
    const saved = await patch(headers, story.id, {
      version: story.version,
      pending: true,
      title: "Ferry service resumes halfway",
      body: paragraphs("Boats sail again, zanzibarine fleet."),
    });
    expect(saved.statusCode).toBe(200);
    const dto = saved.json();
    expect(dto.title).toBe("Ferry service resumes");
    expect(dto.pending).toMatchObject({ title: "Ferry service resumes halfway", version: dto.version });
    expect(dto.version).toBe(story.version + 1);
    expect(dto.liveVersion).toBe(story.version);
    expect(await publicPage(story.url)).toBe(pageBefore);
    expect(await feed()).toBe(feedBefore);
    expect(emitted).toEqual([]);
    await t.services.events.drain();
    expect(await t.services.search.matchingArticleIds("zanzibarine", {})).toEqual([]);
  });

  it("opens the pending state on GET, saying who saved it and when", async () => {
    const headers = await bearer();
    const story = await publishedStory(headers);
    await patch(headers, story.id, { version: story.version, pending: true, dek: "A new dek" });
    const dto = (await get(headers, `/admin/api/articles/${story.id}`)).json();
    expect(dto.dek).toBeNull();
    expect(dto.pending).toMatchObject({ dek: "A new dek", savedAt: expect.any(String), restoredFrom: null });
    expect(dto.pending.savedBy).toEqual(expect.any(String));
  });

  it("makes the pending revision live on Update, purging the pages and writing an updated revision", async () => {
    const headers = await bearer();
    const story = await publishedStory(headers);
    const first = (await patch(headers, story.id, { version: story.version, pending: true, title: "Half" })).json();
    const second = (
      await patch(headers, story.id, {
        version: first.version,
        pending: true,
        title: "Ferry service resumes at dawn",
        body: paragraphs("Boats sail again at six."),
      })
    ).json();
    emitted = [];
    const updated = await t.app.inject({
      method: "POST",
      url: `/admin/api/articles/${story.id}/update`,
      headers,
      payload: { version: second.version },
    });
    expect(updated.statusCode).toBe(200);
    const dto = updated.json();
    expect(dto).toMatchObject({ title: "Ferry service resumes at dawn", pending: null, version: second.version + 1 });
    expect(dto.liveVersion).toBe(dto.version);
    expect(emitted.flat()).toContain(`article:${story.id}`);
    const page = await publicPage(story.url);
    expect(page).toContain("Ferry service resumes at dawn");
    expect(page).toContain("Boats sail again at six.");
    await t.services.events.drain(); // the index follows through its durable delivery
    expect(await t.services.search.matchingArticleIds("dawn", {})).toEqual([story.id]);
    const history = (await get(headers, `/admin/api/articles/${story.id}/revisions`)).json();
    expect(history.items[0]).toMatchObject({ version: dto.version, label: "updated", live: true, pending: false });
    expect(history.items.filter((item: { pending: boolean }) => item.pending)).toHaveLength(2);
  });

  it("drops the pending revision on Discard and leaves the live page alone", async () => {
    const headers = await bearer();
    const story = await publishedStory(headers);
    const pageBefore = await publicPage(story.url);
    const saved = (await patch(headers, story.id, { version: story.version, pending: true, title: "Oops" })).json();
    const discarded = await t.app.inject({
      method: "DELETE",
      url: `/admin/api/articles/${story.id}/pending?version=${saved.version}`,
      headers,
    });
    expect(discarded.statusCode).toBe(200);
    expect(discarded.json()).toMatchObject({ pending: null, title: "Ferry service resumes" });
    expect(await publicPage(story.url)).toBe(pageBefore);
    // A tab still editing the dropped revision is told, not allowed to start a new one unseen.
    const late = await patch(headers, story.id, { version: saved.version, pending: true, title: "Late" });
    expect(late.statusCode).toBe(409);
  });

  it("answers invalid_state to Update or Discard when nothing is pending", async () => {
    const headers = await bearer();
    const story = await publishedStory(headers);
    const update = await t.app.inject({
      method: "POST",
      url: `/admin/api/articles/${story.id}/update`,
      headers,
      payload: { version: story.version },
    });
    expect(update.statusCode).toBe(409);
    expect(update.json().code).toBe("invalid_state");
    const discard = await t.app.inject({ method: "DELETE", url: `/admin/api/articles/${story.id}/pending`, headers });
    expect(discard.json().code).toBe("invalid_state");
  });

  it("refuses a pending save or an Update based on a stale version with 409 and both versions", async () => {
    const headers = await bearer();
    const story = await publishedStory(headers);
    const saved = (await patch(headers, story.id, { version: story.version, pending: true, title: "One" })).json();
    const stale = await patch(headers, story.id, { version: story.version, pending: true, title: "Two" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details).toMatchObject({ currentVersion: saved.version, yourVersion: story.version });
    const update = await t.app.inject({
      method: "POST",
      url: `/admin/api/articles/${story.id}/update`,
      headers,
      payload: { version: story.version },
    });
    expect(update.statusCode).toBe(409);
    expect(update.json().details).toMatchObject({ currentVersion: saved.version });
  });

  it("edits the live row directly when a script's PATCH does not ask for pending", async () => {
    const headers = await bearer();
    const story = await publishedStory(headers);
    const saved = await patch(headers, story.id, { version: story.version, title: "Straight to the site" });
    expect(saved.json()).toMatchObject({ title: "Straight to the site", pending: null });
    expect(await publicPage(story.url)).toContain("Straight to the site");
  });

  it("saves a draft directly even when the app sends pending", async () => {
    const headers = await bearer();
    const created = await t.app.inject({
      method: "POST",
      url: "/admin/api/articles",
      headers,
      payload: { edition: "en", title: "Draft", body: paragraphs("x") },
    });
    const saved = await patch(headers, created.json().id, { version: 1, pending: true, title: "Draft two" });
    expect(saved.json()).toMatchObject({ title: "Draft two", pending: null, liveVersion: 2, version: 2 });
  });

  it("publishes the scheduled content when the time comes and keeps later edits pending", async () => {
    const article = await createArticle(
      t.services.articles,
      { edition: "en", title: "Budget vote" },
      { publish: false },
    );
    const at = new Date(Date.now() + 3_600_000);
    const scheduled = await t.services.articles.schedule(article.id, at);
    await t.services.articles.update(
      article.id,
      { title: "Budget vote postponed" },
      { expectedVersion: scheduled.version, pending: true },
    );
    expect((await t.services.articleQueries.getById(article.id)).title).toBe("Budget vote");
    expect(await t.services.articles.publishScheduled(article.id, at.toISOString())).toBe(true);
    const live = await t.services.articleQueries.getById(article.id);
    expect(live).toMatchObject({ status: "published", title: "Budget vote" });
    expect((await t.services.articles.getPending(article.id))?.content.title).toBe("Budget vote postponed");
  });

  it("restores an old version as the pending revision, keeping bylines and corrections, and says who did", async () => {
    const headers = await bearer();
    const ada = await createPerson(t.database.db, "en", { name: "Ada Byline", slug: "ada-byline" });
    const created = (
      await t.app.inject({
        method: "POST",
        url: "/admin/api/articles",
        headers,
        payload: { edition: "en", title: "Old headline", body: paragraphs("Old body text.") },
      })
    ).json();
    const edited = (
      await patch(headers, created.id, {
        version: created.version,
        title: "New headline",
        body: paragraphs("New body text."),
        authors: [ada.id],
      })
    ).json();
    const published = (
      await t.app.inject({ method: "POST", url: `/admin/api/articles/${created.id}/publish`, headers })
    ).json().article;
    const note = await t.app.inject({
      method: "POST",
      url: `/admin/api/articles/${created.id}/notes`,
      headers,
      payload: { kind: "correction", text: "An earlier version misspelt the minister's name." },
    });
    expect(note.statusCode).toBe(201);
    const pageBefore = await publicPage(published.url);
    emitted = [];

    const restored = await t.app.inject({
      method: "POST",
      url: `/admin/api/articles/${created.id}/revisions/${created.version}/restore`,
      headers,
    });
    expect(restored.statusCode).toBe(200);
    const dto = restored.json();
    expect(dto.title).toBe("New headline");
    expect(dto.pending).toMatchObject({ title: "Old headline", authors: [ada.id], restoredFrom: created.version });
    expect(await publicPage(published.url)).toBe(pageBefore);
    expect(emitted).toEqual([]);

    const history = (await get(headers, `/admin/api/articles/${created.id}/revisions`)).json();
    expect(history.pendingVersion).toBe(dto.version);
    expect(history.items[0]).toMatchObject({ label: "restored", restoredFrom: created.version, pending: true });
    expect(history.items[0].staffName).toEqual(expect.any(String));
    expect(history.items.find((item: { live: boolean }) => item.live)?.version).toBe(published.version);
    expect(history.items.map((item: { label: string }) => item.label)).toEqual(
      expect.arrayContaining(["created", "autosave", "published", "restored"]),
    );
    expect(edited.version).toBeLessThan(published.version);

    const diff = (
      await get(headers, `/admin/api/articles/${created.id}/revisions/diff?from=${published.version}&to=${dto.version}`)
    ).json();
    expect(diff.changed).toBe(true);
    expect(diff.title.filter((p: { removed: boolean }) => p.removed).map((p: { value: string }) => p.value)).toEqual([
      "New",
    ]);
    expect(diff.body.filter((p: { added: boolean }) => p.added).map((p: { value: string }) => p.value)).toEqual([
      "Old",
    ]);

    const updated = await t.app.inject({
      method: "POST",
      url: `/admin/api/articles/${created.id}/update`,
      headers,
      payload: { version: dto.version },
    });
    expect(updated.json()).toMatchObject({ title: "Old headline", authors: [ada.id], pending: null });
    const page = await publicPage(published.url);
    expect(page).toContain("Old headline");
    expect(page).toContain("Ada Byline");
    expect(page).toContain("misspelt the minister");
    expect(await t.services.live.listNotes(created.id)).toHaveLength(1);
  });

  it("shows any version's content with its plain text", async () => {
    const headers = await bearer();
    const story = await publishedStory(headers);
    await patch(headers, story.id, { version: story.version, pending: true, title: "Pending title" });
    const first = (await get(headers, `/admin/api/articles/${story.id}/revisions/1`)).json();
    expect(first).toMatchObject({ version: 1, title: "Ferry service resumes", live: false, isPending: false });
    expect(first.bodyText).toContain("Boats sail again.");
    const pending = (await get(headers, `/admin/api/articles/${story.id}/revisions/${story.version + 1}`)).json();
    expect(pending).toMatchObject({ title: "Pending title", isPending: true });
    expect((await get(headers, `/admin/api/articles/${story.id}/revisions/99`)).statusCode).toBe(404);
  });

  it("lets an author update their own story but not a contributor or someone else's", async () => {
    const editor = await bearer("editor");
    const story = await publishedStory(editor);
    const saved = (await patch(editor, story.id, { version: story.version, pending: true, title: "X" })).json();
    const author = await bearer("author");
    const refused = await t.app.inject({
      method: "POST",
      url: `/admin/api/articles/${story.id}/update`,
      headers: author,
      payload: { version: saved.version },
    });
    expect(refused.statusCode).toBe(403);
    const own = await publishedStory(author);
    const ownSaved = (await patch(author, own.id, { version: own.version, pending: true, title: "Mine" })).json();
    const allowed = await t.app.inject({
      method: "POST",
      url: `/admin/api/articles/${own.id}/update`,
      headers: author,
      payload: { version: ownSaved.version },
    });
    expect(allowed.statusCode).toBe(200);
    const contributor = await bearer("contributor");
    const discard = await t.app.inject({
      method: "DELETE",
      url: `/admin/api/articles/${story.id}/pending`,
      headers: contributor,
    });
    expect(discard.statusCode).toBe(403);
  });
});
