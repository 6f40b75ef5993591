/**
 * The story budget (Gazette #20) in Chromium against a real server: an editor plans three
 * stories on the week board, assigns one to an author and moves another to the next day with the
 * keyboard's "move to" control; the author finds the assignment (and its mail), turns it into a
 * draft with one click, writes and files it, and the board shows the story as filed. The editor
 * then leaves an editorial note on a phrase of the draft, mentioning the author; the author gets
 * the mail, replies and resolves it; the editor sees it resolved and publishes, and the reader's
 * page carries neither the note's words nor any trace of its mark.
 */
import path from "node:path";
import type { AxeResults } from "axe-core";
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, openBrowser } from "./support/browser.js";
import { mailedLink } from "./support/outbox.js";
import { ROOT, startServer, type TestServer } from "./support/server.js";

const AXE = path.join(ROOT, "node_modules", "axe-core", "axe.min.js");
const PASSWORD = "a long enough passphrase";
const OWNER = { name: "Olena Owner", email: "owner@planning.test" };
const AUTHOR = { name: "Andrii Author", email: "andrii@planning.test" };
const EDITOR = { name: "Yevhen Editor", email: "yevhen@planning.test" };
const STORIES = ["Tram line reopens", "Winter shelters census", "Library night hours"];
const NOTED = "rush hour";
const NOTE_TEXT = "@andrii which stops count as rush hour here?";
const REPLY_TEXT = "Only the two central ones; the timetable says so.";
let articlePath = "";

let server: TestServer;
const browsers: Browser[] = [];
let owner: Browser;
let author: Browser;
let editor: Browser;

async function browser(options: { bypassCSP?: boolean } = {}): Promise<Browser> {
  const opened = await openBrowser(server.origin, options);
  browsers.push(opened);
  return opened;
}

async function join(page: Page, link: string, name: string, heading: string, email?: string): Promise<void> {
  await page.goto(link);
  await page.getByRole("heading", { name: heading }).waitFor();
  await page.getByLabel("Your name").fill(name);
  if (email) await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat the password").fill(PASSWORD);
  await page.getByRole("button", { name: /^(Accept the invitation|Create the owner account)$/ }).click();
  await page.getByRole("heading", { level: 1, name: `Hello, ${name}` }).waitFor();
}

async function invite(email: string, role: string): Promise<void> {
  const { page } = owner;
  await page.goto(`${server.url}/admin/staff`);
  await page.getByRole("heading", { level: 1, name: "Staff" }).waitFor();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Send the invitation" }).click();
  await page.getByText(`Invitation sent to ${email}.`, { exact: false }).waitFor();
}

/** The subjects of every message mailed to `to`, from the server's dev outbox. */
function subjectsMailedTo(to: string): string[] {
  const db = new Database(path.join(server.dataDir, "gazette.db"), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT subject FROM mail_outbox WHERE "to" = ? ORDER BY id').all(to) as {
      subject: string;
    }[];
    return rows.map((row) => row.subject);
  } finally {
    db.close();
  }
}

function card(page: Page, slugLine: string) {
  return page.getByRole("article", { name: slugLine });
}

beforeAll(async () => {
  server = await startServer();
  const deadline = Date.now() + 10_000;
  while (!server.ownerSetupUrl() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  owner = await browser();
  await join(owner.page, server.ownerSetupUrl()!, OWNER.name, "Set up your newsroom", OWNER.email);
  await invite(AUTHOR.email, "author");
  await invite(EDITOR.email, "editor");
  author = await browser();
  await join(author.page, mailedLink(server, AUTHOR.email), AUTHOR.name, "Join the newsroom");
  // The editor's page runs axe, an injected script the newsroom's CSP would refuse.
  editor = await browser({ bypassCSP: true });
  await join(editor.page, mailedLink(server, EDITOR.email), EDITOR.name, "Join the newsroom");
});

afterAll(async () => {
  for (const opened of browsers) await opened.close().catch(() => undefined);
  await server?.stop();
});

describe("planning: the budget, an assignment, and its draft", () => {
  it("the editor plans three stories, assigns one, and moves another to the next day", async () => {
    const { page } = editor;
    await page.goto(`${server.url}/admin/planning?view=week&edition=en`);
    await page.getByRole("heading", { level: 1, name: "Planning" }).waitFor();
    await page.getByRole("button", { name: "Plan a story" }).click();
    const form = page.getByRole("form", { name: "Plan a story" });
    for (const [index, slugLine] of STORIES.entries()) {
      await form.getByLabel("Slug line").fill(slugLine);
      await form.getByLabel("Assign to").selectOption(index === 0 ? { label: AUTHOR.name } : { label: "Nobody yet" });
      await form.getByRole("button", { name: "Add to the budget" }).click();
      await card(page, slugLine).waitFor();
    }
    await expect(card(page, STORIES[0]!).textContent()).resolves.toContain(AUTHOR.name);
    await card(page, STORIES[0]!).locator(".badge").getByText("Assigned", { exact: true }).waitFor();

    const moving = card(page, STORIES[2]!);
    const day = await moving.getByLabel(`Move "${STORIES[2]}" to`).inputValue();
    const next = new Date(`${day}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    await moving.getByLabel(`Move "${STORIES[2]}" to`).fill(next.toISOString().slice(0, 10));
    await moving.getByRole("button", { name: "Move", exact: true }).click();
    await page.getByText(`"${STORIES[2]}" moved to`, { exact: false }).waitFor();

    await page.addScriptTag({ path: AXE });
    const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  it("mails the author, who turns the assignment into a draft, writes it and files it", async () => {
    await expect
      .poll(() => subjectsMailedTo(AUTHOR.email), { timeout: 15_000 })
      .toContain(`Assigned to you: ${STORIES[0]}`);
    const { page } = author;
    await page.goto(`${server.url}/admin/planning/mine`);
    await page.getByRole("heading", { level: 1, name: "My assignments" }).waitFor();
    await page.getByRole("button", { name: `Start the draft of ${STORIES[0]}` }).click();
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    await expect(page.getByLabel("Headline").inputValue()).resolves.toBe(STORIES[0]);
    await page.getByRole("textbox", { name: "Body" }).click();
    await page.keyboard.type("Trams run again on the river line from Monday, every eight minutes at rush hour.");
    await page.getByRole("button", { name: "Submit for review" }).click();
    await page.getByText("Submitted for review.", { exact: false }).waitFor();
  });

  it("shows the story as filed on the editor's board, linked to its article", async () => {
    const { page } = editor;
    const filed = card(page, STORIES[0]!);
    // The item follows its article through a durable event, run by the job worker after the
    // submission's response; the board shows what was true when it loaded, so look again.
    await expect
      .poll(
        async () => {
          await page.goto(`${server.url}/admin/planning?view=week&edition=en`);
          await card(page, STORIES[0]!).waitFor();
          return filed.locator(".badge").textContent();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe("Filed");
    await filed.getByRole("link", { name: "Open the article" }).waitFor();
  });

  it("the editor opens the draft and leaves a note on a phrase, mentioning the author", async () => {
    const { page } = editor;
    await card(page, STORIES[0]!).getByRole("link", { name: "Open the article" }).click();
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    articlePath = new URL(page.url()).pathname;
    const body = page.getByRole("textbox", { name: "Body" });
    await body.getByText(NOTED, { exact: false }).waitFor();
    // Select the phrase from the keyboard: the end of the text, past the full stop, then back.
    await body.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.press("ArrowLeft");
    for (let i = 0; i < NOTED.length; i++) await page.keyboard.press("Shift+ArrowLeft");
    await page.keyboard.press("Control+Alt+KeyM");
    const notes = page.getByRole("region", { name: "Notes" });
    await notes.getByRole("form", { name: "New note" }).getByText(NOTED, { exact: true }).waitFor();
    await notes.getByLabel("Note", { exact: true }).fill(NOTE_TEXT);
    await notes.getByRole("button", { name: "Save note" }).click();
    await notes.getByText("Note added.").waitFor();
    await page.locator(".prose .note-mark", { hasText: NOTED }).waitFor();
    // The mark is saved with the body (autosave), so the author's editor shows it too.
    await page.getByText("All changes saved", { exact: false }).waitFor({ timeout: 15_000 });

    await page.addScriptTag({ path: AXE });
    const results = await page.evaluate(() =>
      (window as unknown as { axe: { run(context: string): Promise<AxeResults> } }).axe.run(".editor-notes"),
    );
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  it("mails the author, who sees the note, replies and resolves it", async () => {
    await expect
      .poll(() => subjectsMailedTo(AUTHOR.email), { timeout: 15_000 })
      .toContain(`${EDITOR.name} mentioned you in a note on “${STORIES[0]}”`);
    const { page } = author;
    await page.goto(`${server.url}${articlePath}`);
    const notes = page.getByRole("region", { name: "Notes" });
    const thread = notes.getByRole("article", { name: `Note on “${NOTED}”` });
    await thread.getByText(NOTE_TEXT).waitFor();
    await page.locator(".prose .note-mark", { hasText: NOTED }).waitFor();
    await thread.getByLabel("Reply", { exact: true }).fill(REPLY_TEXT);
    await thread.getByRole("button", { name: "Reply", exact: true }).click();
    await notes.getByText("Reply added.").waitFor();
    await thread.getByRole("button", { name: `Resolve the note on “${NOTED}”` }).click();
    await notes.getByText("Note resolved.").waitFor();
  });

  it("the editor sees the note resolved, publishes, and the page shows nothing of it", async () => {
    const { page } = editor;
    await page.goto(`${server.url}${articlePath}`);
    const notes = page.getByRole("region", { name: "Notes" });
    await notes.getByText("Resolved (1)").click();
    const thread = notes.getByRole("article", { name: `Note on “${NOTED}”` });
    await thread.getByText(REPLY_TEXT).waitFor();
    await thread.getByText(`Resolved by ${AUTHOR.name}`, { exact: false }).waitFor();

    await page.getByRole("button", { name: "Publish", exact: true }).click();
    const anyway = page.getByRole("button", { name: "Publish anyway" });
    const view = page.getByRole("link", { name: "View on the site" });
    await anyway.or(view).first().waitFor();
    if (await anyway.isVisible()) await anyway.click();
    await view.waitFor();
    const href = await view.getAttribute("href");
    const url = new URL(href ?? "", server.url).href;
    await expect
      .poll(
        async () => {
          const response = await fetch(url);
          return response.status === 200 ? response.text() : "";
        },
        { timeout: 15_000 },
      )
      .toContain(NOTED);
    const html = await (await fetch(url)).text();
    for (const secret of [NOTE_TEXT, REPLY_TEXT, "note-mark", "data-note-id", '"note"']) {
      expect(html, `the page shows ${secret}`).not.toContain(secret);
    }
  });
});
