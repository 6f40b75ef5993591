/**
 * The review workflow and the owner's two-factor rule (Gazette #22, items 12 and 8), in Chromium
 * against a real server: an author submits a story, an editor sees it counted in the navigation
 * and returns it with a message, and the author's open tab learns of it by itself; then the owner
 * turns on two-factor sign-in, requires it of editors and owners, and the editor, who has none,
 * is sent to the setup, which shows the key's QR code.
 */
import { Secret, TOTP } from "otpauth";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, openBrowser } from "./support/browser.js";
import { mailedLink } from "./support/outbox.js";
import { startServer, type TestServer } from "./support/server.js";

const PASSWORD = "a long enough passphrase";
const OWNER = { name: "Olena Owner", email: "owner@review.test" };
const AUTHOR = { name: "Andrii Author", email: "andrii@review.test" };
const EDITOR = { name: "Yevhen Editor", email: "yevhen@review.test" };
const TITLE = "Ferry crossing reopens after the storm";
const MESSAGE = "Name the harbour master you quote in the second paragraph.";
// The author's tab asks every 15 seconds; this leaves room for one poll on a busy machine.
const POLL_WAIT = { timeout: 45_000 };

let server: TestServer;
const browsers: Browser[] = [];
let owner: Browser;
let author: Browser;
let editor: Browser;

async function browser(): Promise<Browser> {
  const opened = await openBrowser(server.origin);
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
  editor = await browser();
  await join(editor.page, mailedLink(server, EDITOR.email), EDITOR.name, "Join the newsroom");
});

afterAll(async () => {
  for (const opened of browsers) await opened.close().catch(() => undefined);
  await server?.stop();
});

describe("review: submit, return with a message, and the author's open tab", () => {
  it("the author writes a story and submits it for review", async () => {
    const { page } = author;
    await page.goto(`${server.url}/admin/articles/new`);
    await page.getByLabel("Edition").selectOption("en");
    await page.getByLabel("Headline").fill(TITLE);
    await page.getByRole("button", { name: "Create the draft" }).click();
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    await page.getByRole("textbox", { name: "Body" }).click();
    await page.keyboard.type("The first ferry left at seven, with forty passengers and two ambulances.");
    await page.getByRole("button", { name: "Submit for review" }).click();
    await page.getByText("Submitted for review.", { exact: false }).waitFor();
  });

  it("the editor sees it counted under Review and returns it with a message", async () => {
    const { page } = editor;
    await page.goto(`${server.url}/admin`);
    const review = page.getByRole("link", { name: /^Review \(1\)/ });
    await review.waitFor();
    await review.click();
    await page.getByRole("link", { name: TITLE }).click();
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    await page.getByRole("button", { name: "Return to author…" }).click();
    const dialog = page.getByRole("dialog", { name: "Return to the author" });
    await dialog.getByLabel("Message to the author").fill(MESSAGE);
    await dialog.getByRole("button", { name: "Return to author", exact: true }).click();
    await page.getByText("Returned to the author as a draft.", { exact: false }).waitFor();
    await page.goto(`${server.url}/admin`);
    await page.getByRole("link", { name: /^Review \(0\)/ }).waitFor();
  });

  it("the author's tab, left open, says so and shows the message without a reload", async () => {
    const { page } = author;
    const notice = page.getByText(`${EDITOR.name} returned this story to its author.`);
    await notice.waitFor(POLL_WAIT);
    await page.getByText(MESSAGE).waitFor();
    // Its version is stale now: submitting again waits for the reload.
    expect(await page.getByRole("button", { name: "Submit for review" }).isDisabled()).toBe(true);
    await page.getByRole("button", { name: "Reload the article" }).first().click();
    await notice.waitFor({ state: "detached" });
    await page.getByText(`Returned to you by ${EDITOR.name}`, { exact: false }).waitFor();
    await page.getByText(MESSAGE).waitFor();
    expect(await page.getByRole("button", { name: "Submit for review" }).isDisabled()).toBe(false);
  });
});

describe("two-factor sign-in required by the owner", () => {
  it("the owner turns on two-factor sign-in with the QR code's key and requires it of editors", async () => {
    const { page } = owner;
    await page.goto(`${server.url}/admin/account`);
    await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    await page.getByRole("img", { name: "QR code of the key for your authenticator app" }).waitFor();
    const key = (await page.locator(".two-factor-setup code").textContent())?.trim() ?? "";
    const code = new TOTP({ secret: Secret.fromBase32(key) }).generate();
    await page.getByLabel("Code from the app").fill(code);
    await page.getByRole("button", { name: "Turn on" }).click();
    await page.getByText("Two-factor sign-in is on.", { exact: false }).waitFor();
    await page.goto(`${server.url}/admin/staff`);
    await page.getByLabel("Require two-factor sign-in of").selectOption("editors_and_owners");
    await page.getByRole("button", { name: "Save the rule" }).click();
    await page.getByText("The sign-in rule is saved.").waitFor();
  });

  it("the editor without two-factor is sent to the setup, with the reason and the QR code", async () => {
    const { page } = editor;
    await page.goto(`${server.url}/admin/articles`);
    await page.getByRole("heading", { level: 1, name: "Set up two-factor sign-in" }).waitFor();
    await page.getByText("requires two-factor sign-in for your role (editor)", { exact: false }).waitFor();
    await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    const qr = page.getByRole("img", { name: "QR code of the key for your authenticator app" });
    await qr.waitFor();
    expect(await qr.locator("svg").count()).toBe(1);
    // The rest of the app stays shut until it is done.
    const status = await page.evaluate(async () => (await fetch("/admin/api/articles")).status);
    expect(status).toBe(403);
  });
});
