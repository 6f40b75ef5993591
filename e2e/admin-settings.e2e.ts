/**
 * The settings and taxonomy screens in Chromium against a real server: the owner adds a newsletter
 * module to the English edition and sees it on an English article; deletes an unused tag; and is
 * told why a section still used by articles cannot be deleted.
 */
import fs from "node:fs";
import path from "node:path";
import type { AxeResults } from "axe-core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, openBrowser } from "./support/browser.js";
import { mailedLink } from "./support/outbox.js";
import { setUpOwner } from "./support/owner.js";
import { ROOT, startServer, type TestServer } from "./support/server.js";
import { findPages } from "./support/site.js";

const SCREENSHOTS = path.join(ROOT, "test-results", "screenshots");
const AXE = path.join(ROOT, "node_modules", "axe-core", "axe.min.js");
const PASSWORD = "a long enough passphrase";
const OWNER = { name: "Sofia Settings", email: "settings-owner@gazette.test" };
const EDITOR = { name: "Eddie Editor", email: "settings-editor@gazette.test" };

let server: TestServer;
let owner: Browser;
let page: Page;
const others: Browser[] = [];

function isFocused(locator: ReturnType<Page["locator"]>): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

function screenshot(name: string): Promise<Buffer> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return page.screenshot({ path: path.join(SCREENSHOTS, `admin-${name}.png`), fullPage: true });
}

/** Runs axe on what is on screen now (an open dialog included) and lists what it found. */
async function axeViolations(): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

beforeAll(async () => {
  server = await startServer();
  // bypassCSP lets the test inject axe-core into the app's `script-src 'self'` pages.
  owner = await setUpOwner(server, { ...OWNER, password: PASSWORD }, { bypassCSP: true });
  page = owner.page;
});

afterAll(async () => {
  for (const opened of others) await opened.close().catch(() => undefined);
  await owner?.close().catch(() => undefined);
  await server?.stop();
});

describe("edition settings and taxonomy in the newsroom app", () => {
  it("the owner adds a newsletter module to the English edition and it shows on English articles", async () => {
    const title = `The Evening Dispatch ${Date.now()}`;
    await page.goto(`${server.url}/admin/settings?edition=en`);
    await page.getByRole("heading", { level: 2, name: "Modules after the article" }).waitFor();
    const modules = page.locator("ol.order-list > li");
    const before = await modules.count();

    await page.getByLabel("Add a module").selectOption("newsletter");
    await page.getByRole("button", { name: "Add the module" }).click();
    await expect(modules.count()).resolves.toBe(before + 1);
    const fields = page.getByRole("group", { name: `Module ${before + 1}: Newsletter signup card` });
    // The new module opens with its first field focused, ready to type.
    await expect(isFocused(fields.getByLabel("Title"))).resolves.toBe(true);
    await expect(fields.getByLabel("Newsletter language").inputValue()).resolves.toBe("en");

    // An empty title is caught before the API is asked, next to the field.
    await fields.getByLabel("Title").fill("");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: `Module ${before + 1} (Newsletter signup card) needs attention.` })
      .waitFor();
    await fields.getByText("Enter a title.").waitFor();
    await expect(isFocused(fields.getByLabel("Title"))).resolves.toBe(true);
    await expect(fields.getByLabel("Title").getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(axeViolations()).resolves.toEqual([]);
    await screenshot("settings-new-module");

    await fields.getByLabel("Title").fill(title);
    await fields.getByLabel("Description").fill("The day's reporting, at dusk.");
    await fields.getByLabel("Newsletter language").selectOption("en");
    await fields.getByLabel("How often it goes out").fill("Weekdays at 6pm");
    await fields.getByLabel("Mailing list").fill("en-evening");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Settings saved. The site shows them now.").waitFor();

    const { enArticle } = await findPages(server.url);
    await page.goto(`${server.url}${enArticle}`);
    const card = page.locator('[data-promo="newsletter"]').filter({ hasText: title });
    await expect(card.count()).resolves.toBe(1);
    await expect(card.getAttribute("data-list")).resolves.toBe("en-evening");
    await expect(card.getByText("Weekdays at 6pm").count()).resolves.toBe(1);
  });

  it("the owner deletes an unused tag after confirming", async () => {
    const name = `Unused tag ${Date.now()}`;
    await page.goto(`${server.url}/admin/tags`);
    await page.getByRole("heading", { level: 1, name: "Tags" }).waitFor();
    await page.getByLabel("Edition").selectOption("en");
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByText(`Added “${name}”.`).waitFor();

    await page.getByRole("button", { name: `Delete ${name}` }).click();
    const dialog = page.getByRole("dialog", { name: "Delete the tag?" });
    await dialog.waitFor();
    // Keyboard: the dialog is modal and Escape leaves the tag alone.
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await expect(page.getByRole("row").filter({ hasText: name }).count()).resolves.toBe(1);

    await page.getByRole("button", { name: `Delete ${name}` }).click();
    await dialog.getByRole("button", { name: `Delete “${name}”` }).click();
    await page.getByText(`Deleted “${name}”.`).waitFor();
    await expect(page.getByRole("row").filter({ hasText: name }).count()).resolves.toBe(0);

    // And it is gone for the server too.
    await page.reload();
    await page.getByLabel("Edition").selectOption("en");
    await page.getByRole("table").waitFor();
    await expect(page.getByRole("row").filter({ hasText: name }).count()).resolves.toBe(0);
  });

  it("deleting a section still used by articles shows the API's answer and keeps it", async () => {
    const { enArticle } = await findPages(server.url);
    const html = await (await fetch(`${server.url}${enArticle}`)).text();
    const slug = /href="\/en\/section\/([^"/?#]+)"/.exec(html)?.[1];
    expect(slug, "the English article links its section").toBeTruthy();

    await page.goto(`${server.url}/admin/sections`);
    await page.getByRole("heading", { level: 1, name: "Sections" }).waitFor();
    await page.getByLabel("Edition").selectOption("en");
    const row = page.getByRole("row").filter({ has: page.locator("code", { hasText: new RegExp(`^${slug}$`) }) });
    await row.waitFor();
    await row.getByRole("button", { name: /^Delete / }).click();
    const dialog = page.getByRole("dialog", { name: "Delete the section?" });
    await dialog.getByRole("button", { name: /^Delete “/ }).click();
    await dialog
      .getByRole("alert")
      .filter({ hasText: /still used by articles/ })
      .waitFor();
    await expect(axeViolations()).resolves.toEqual([]);
    await screenshot("section-delete-refused");
    await dialog.getByRole("button", { name: "Keep it" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect(row.count()).resolves.toBe(1);
  });

  it("an editor may change the modules but not the site's identity, which is disabled with a note", async () => {
    await page.goto(`${server.url}/admin/staff`);
    await page.getByRole("heading", { level: 1, name: "Staff" }).waitFor();
    await page.getByLabel("Email").fill(EDITOR.email);
    await page.getByLabel("Role", { exact: true }).selectOption("editor");
    await page.getByRole("button", { name: "Send the invitation" }).click();
    await page.getByText(`Invitation sent to ${EDITOR.email}.`, { exact: false }).waitFor();

    const editor = await openBrowser(server.origin);
    others.push(editor);
    const ed = editor.page;
    await ed.goto(mailedLink(server, EDITOR.email));
    await ed.getByRole("heading", { name: "Join the newsroom" }).waitFor();
    await ed.getByLabel("Your name").fill(EDITOR.name);
    await ed.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await ed.getByLabel("Repeat the password").fill(PASSWORD);
    await ed.getByRole("button", { name: "Accept the invitation" }).click();
    await ed.getByRole("heading", { level: 1, name: `Hello, ${EDITOR.name}` }).waitFor();

    await ed.goto(`${server.url}/admin/settings?edition=en`);
    await ed.getByText("Only admins change the site name, follow links, support link and X handle.").waitFor();
    for (const label of ["Site name", "Telegram link", "Support link", "X handle"]) {
      await expect(ed.getByLabel(label).isDisabled(), label).resolves.toBe(true);
    }
    await expect(ed.getByLabel("Video title").isDisabled()).resolves.toBe(false);

    const modules = ed.locator("ol.order-list > li");
    const before = await modules.count();
    await ed.getByLabel("Add a module").selectOption("support");
    await ed.getByRole("button", { name: "Add the module" }).click();
    const fields = ed.getByRole("group", { name: `Module ${before + 1}: Support card` });
    await fields.getByLabel("Title").fill("Keep us reporting");
    await ed.getByRole("button", { name: "Save settings" }).click();
    await ed.getByText("Settings saved. The site shows them now.").waitFor();
  });
});
