import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMedia, createPerson } from "../../test/factories.js";
import { type Browser, createStaffMember, createToken, signIn, TEST_PASSWORD } from "../../test/staff-factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";
import type { Role } from "../staff/actor.js";

describe.each(DIALECTS)("staff profiles and bylines on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      editions: ["uk", "ru", "en"],
    });
  });
  afterEach(async () => t.close());

  const call = (browser: Browser, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: object) =>
    t.app.inject({ method, url: `/admin/api${url}`, headers: browser.headers, ...(payload ? { payload } : {}) });

  async function member(role: Role, name: string): Promise<Browser> {
    return signIn(t.app, await createStaffMember(t.services, { role, name }));
  }

  async function bylineOf(staffId: number, edition: string) {
    const people = (await call(await t.signInAs("editor"), "GET", `/people?edition=${edition}`)).json().items as {
      id: number;
      slug: string;
      name: string;
      staffId: number | null;
    }[];
    const person = people.find((p) => p.staffId === staffId);
    if (!person) throw new Error(`no byline of ${staffId} in ${edition}`);
    return person;
  }

  it("gives a member who joins by invitation a profile and a byline in every edition", async () => {
    await t.services.staff.invite({ email: "rita@news.example", role: "author", inviter: "Ed Itor" });
    const mail = await t.database.db.selectFrom("mail_outbox").selectAll().execute();
    const token = mail.find((m) => m.to === "rita@news.example")?.text.match(/#token=([\w-]+)/)?.[1];
    const joined = await t.app.inject({
      method: "POST",
      url: "/admin/api/auth/invitations/accept",
      payload: { token, name: "Rita Reporter", password: TEST_PASSWORD },
    });
    expect(joined.statusCode).toBe(201);
    const staffId = joined.json().staff.id as number;
    const profile = await t.services.profiles.get(staffId);
    expect(profile.names).toEqual({ uk: "Rita Reporter", ru: "Rita Reporter", en: "Rita Reporter" });
    expect(profile.bylines.map((b) => [b.edition, b.slug, b.name]).sort()).toEqual([
      ["en", "rita-reporter", "Rita Reporter"],
      ["ru", "rita-reporter", "Rita Reporter"],
      ["uk", "rita-reporter", "Rita Reporter"],
    ]);
  });

  it("puts a contributor's or author's own byline on their new article when it names none", async () => {
    for (const role of ["contributor", "author"] as const) {
      const writer = await member(role, `Writer ${role}`);
      const created = await call(writer, "POST", "/articles", { edition: "en", title: `By a ${role}` });
      expect(created.statusCode).toBe(201);
      expect(created.json().authors).toEqual([(await bylineOf(writer.staff.id, "en")).id]);
    }
  });

  it("keeps the authors a request names, and gives an editor's or a token's article no byline", async () => {
    const author = await member("author", "Andrii Author");
    const freelancer = await createPerson(t.database.db, "en", { name: "Fay Freelance", slug: "fay-freelance" });
    const named = await call(author, "POST", "/articles", { edition: "en", title: "Named", authors: [freelancer.id] });
    expect(named.json().authors).toEqual([freelancer.id]);
    const none = await call(author, "POST", "/articles", { edition: "en", title: "Unsigned", authors: [] });
    expect(none.json().authors).toEqual([]);
    const editor = await member("editor", "Edna Editor");
    expect((await call(editor, "POST", "/articles", { edition: "en", title: "Desk" })).json().authors).toEqual([]);
    const token = await createToken(t.services, "author", author.staff.id);
    const byToken = await t.app.inject({
      method: "POST",
      url: "/admin/api/articles",
      headers: { authorization: `Bearer ${token}` },
      payload: { edition: "en", title: "Wire copy" },
    });
    expect(byToken.json().authors).toEqual([]);
  });

  it("lets an author publish under their own byline, named in each edition's language", async () => {
    const author = await member("author", "Andrii Author");
    const changed = await call(author, "PATCH", `/profiles/${author.staff.id}`, {
      names: { uk: "Андрій Автор", ru: null, en: "Andrii Author" },
    });
    expect(changed.statusCode).toBe(200);
    for (const [edition, base, name] of [
      ["uk", "/", "Андрій Автор"],
      // No Russian name: the Ukrainian one stands in, not the Latin.
      ["ru", "/ru/", "Андрій Автор"],
      ["en", "/en/", "Andrii Author"],
    ] as const) {
      const article = (await call(author, "POST", "/articles", { edition, title: `Story in ${edition}` })).json();
      expect((await call(author, "POST", `/articles/${article.id}/publish`)).statusCode).toBe(200);
      const byline = await bylineOf(author.staff.id, edition);
      expect(byline.name).toBe(name);
      const page = await t.app.inject({ url: `${base}news/${article.slug}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`<a rel="author" href="${base}author/${byline.slug}">${name}</a>`);
    }
  });

  it("shows the profile on the author page in the edition's language, with the member's stories", async () => {
    const author = await member("author", "Andrii Author");
    const photo = await createMedia(t.database.db, { alt: "A portrait" });
    await call(author, "PATCH", `/profiles/${author.staff.id}`, {
      names: { uk: "Андрій Автор" },
      bios: { uk: "Пише про енергетику.", en: "Covers the power grid." },
      photoMediaId: photo.id,
      links: [
        { label: "Website", url: "https://andrii.example/" },
        { label: "Telegram", url: "https://t.me/andrii" },
      ],
    });
    const article = (await call(author, "POST", "/articles", { edition: "en", title: "Grid repairs go on" })).json();
    await call(author, "POST", `/articles/${article.id}/publish`);
    const byline = await bylineOf(author.staff.id, "en");
    const en = await t.app.inject({ url: `/en/author/${byline.slug}` });
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain("<h1>Andrii Author</h1>");
    expect(en.body).toContain("Covers the power grid.");
    expect(en.body).not.toContain("Пише про енергетику.");
    expect(en.body).toContain(`<a href="https://t.me/andrii" rel="me noopener">Telegram</a>`);
    expect(en.body).toContain(photo.file_key);
    expect(en.body).toContain("Grid repairs go on");
    const uk = await t.app.inject({ url: `/author/${(await bylineOf(author.staff.id, "uk")).slug}` });
    expect(uk.body).toContain("<h1>Андрій Автор</h1>");
    expect(uk.body).toContain("Пише про енергетику.");
  });

  it("keeps a freelancer's author page as it was", async () => {
    const freelancer = await createPerson(t.database.db, "en", { name: "Fay Freelance", slug: "fay", bio: "Photos." });
    const page = await t.app.inject({ url: "/en/author/fay" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<h1>Fay Freelance</h1>");
    expect(page.body).toContain("Photos.");
    expect(freelancer.staff_id).toBeNull();
  });

  it("purges the author pages and the editions' pages when a profile changes", async () => {
    const author = await member("author", "Andrii Author");
    const purged: string[] = [];
    t.services.profiles.onChange((keys) => purged.push(...keys));
    await call(author, "PATCH", `/profiles/${author.staff.id}`, { bios: { en: "New bio." } });
    const bylines = await Promise.all(["uk", "ru", "en"].map((e) => bylineOf(author.staff.id, e)));
    expect(purged.sort()).toEqual(
      [...bylines.map((b) => `author:${b.id}`), "settings:en", "settings:ru", "settings:uk"].sort(),
    );
  });

  it("lets a member edit their own profile, an editor anyone's, and nobody else", async () => {
    const author = await member("author", "Andrii Author");
    const colleague = await member("contributor", "Cora Contributor");
    const editor = await member("editor", "Edna Editor");
    const bio = { bios: { en: "Hello." } };
    expect((await call(author, "PATCH", `/profiles/${author.staff.id}`, bio)).statusCode).toBe(200);
    const refused = await call(colleague, "PATCH", `/profiles/${author.staff.id}`, bio);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("forbidden");
    expect((await call(editor, "PATCH", `/profiles/${colleague.staff.id}`, bio)).statusCode).toBe(200);
    expect((await call(colleague, "GET", "/profiles")).json().items).toHaveLength(3);
  });

  it("refuses a link that is not a web address and a photo that is not in the library", async () => {
    const author = await member("author", "Andrii Author");
    const bad = await call(author, "PATCH", `/profiles/${author.staff.id}`, {
      links: [{ label: "Site", url: "javascript:alert(1)" }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: "validation_failed", details: { field: "links[0].url" } });
    const photo = await call(author, "PATCH", `/profiles/${author.staff.id}`, { photoMediaId: 999 });
    expect(photo.json()).toMatchObject({ code: "validation_failed", details: { field: "photoMediaId" } });
    const nameless = await call(author, "PATCH", `/profiles/${author.staff.id}`, {
      names: { uk: " ", ru: null, en: "" },
    });
    expect(nameless.json()).toMatchObject({ code: "validation_failed", details: { field: "names" } });
  });

  it("marks staff bylines in the people list, whose name follows the profile and which stay", async () => {
    const author = await member("author", "Andrii Author");
    const editor = await member("editor", "Edna Editor");
    const byline = await bylineOf(author.staff.id, "en");
    const rename = await call(editor, "PATCH", `/people/${byline.id}`, { name: "Someone Else" });
    expect(rename.statusCode).toBe(400);
    expect(rename.json().details).toMatchObject({ field: "name", staffId: author.staff.id });
    expect((await call(editor, "PATCH", `/people/${byline.id}`, { role: "Energy correspondent" })).statusCode).toBe(
      200,
    );
    expect((await call(editor, "DELETE", `/people/${byline.id}`)).statusCode).toBe(409);
  });

  it("carries a staff byline into a translation by who the member is, whatever the slug", async () => {
    const author = await member("author", "Andrii Author");
    const original = (await call(author, "POST", "/articles", { edition: "en", title: "Original" })).json();
    const ukByline = await bylineOf(author.staff.id, "uk");
    await t.database.db.updateTable("people").set({ slug: "andrii" }).where("id", "=", ukByline.id).execute();
    const translation = await t.services.articles.createTranslation(original.id, "uk");
    const { authorIds } = await t.services.articles.getForEditing(translation.id);
    expect(authorIds).toEqual([ukByline.id]);
  });
});
