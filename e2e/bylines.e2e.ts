/**
 * An invited author bylines their own story (issue #22, blocker 3): the owner invites an author,
 * the author joins, fills in their profile, writes and publishes a story, and readers see the
 * byline linking to an author page that shows the profile. No editor touches People.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, openBrowser } from "./support/browser.js";
import { mailedLink } from "./support/outbox.js";
import { startServer, type TestServer } from "./support/server.js";

const PASSWORD = "a long enough passphrase";
const OWNER = { name: "Oksana Owner", email: "owner@bylines.test" };
const AUTHOR = { name: "Mariia Byline", email: "mariia@bylines.test" };
const BIO = "Mariia reports on the energy grid and the crews who keep it running.";

let server: TestServer;
const browsers: Browser[] = [];

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

beforeAll(async () => {
  server = await startServer();
  const deadline = Date.now() + 10_000;
  while (!server.ownerSetupUrl() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
});

afterAll(async () => {
  for (const opened of browsers) await opened.close().catch(() => undefined);
  await server?.stop();
});

describe("an invited author publishes under their own byline", () => {
  let author: Browser;
  let articleUrl = "";

  it("the owner sets up the newsroom and invites an author", async () => {
    const owner = await browser();
    await join(owner.page, server.ownerSetupUrl()!, OWNER.name, "Set up your newsroom", OWNER.email);
    await owner.page.getByRole("link", { name: "Staff" }).click();
    await owner.page.getByRole("heading", { level: 1, name: "Staff" }).waitFor();
    await owner.page.getByLabel("Email").fill(AUTHOR.email);
    await owner.page.getByLabel("Role", { exact: true }).selectOption("author");
    await owner.page.getByRole("button", { name: "Send the invitation" }).click();
    await owner.page.getByText(`Invitation sent to ${AUTHOR.email}.`, { exact: false }).waitFor();
  });

  it("the author joins and fills in their profile on the account screen", async () => {
    author = await browser();
    const { page } = author;
    await join(page, mailedLink(server, AUTHOR.email), AUTHOR.name, "Join the newsroom");
    await page.getByRole("link", { name: "My account" }).click();
    const profile = page.getByRole("region", { name: "Your byline profile" });
    await profile.getByLabel("Name in English").waitFor();
    expect(await profile.getByLabel("Name in English").inputValue()).toBe(AUTHOR.name);
    await profile.getByLabel("Bio in English").fill(BIO);
    await profile.getByRole("button", { name: "Add a link" }).click();
    await profile.getByLabel("Link 1 label").fill("Website");
    await profile.getByLabel("Link 1 address").fill("https://mariia.example/");
    await profile.getByRole("button", { name: "Save the profile" }).click();
    await profile.getByText("Profile saved.", { exact: false }).waitFor();
  });

  it("the author writes a story that carries their byline, and publishes it", async () => {
    const { page } = author;
    await page.goto(`${server.url}/admin/articles/new`);
    await page.getByLabel("Edition").selectOption("en");
    await page.getByLabel("Headline").fill(`Night shift at the substation ${Date.now()}`);
    await page.getByRole("button", { name: "Create the draft" }).click();
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    const body = page.getByRole("textbox", { name: "Body" });
    await body.click();
    await page.keyboard.type("Repair crews worked until dawn to bring the district back online.");
    // Their own byline is on the story already: nobody had to add them under People.
    await page.getByRole("button", { name: `Remove author ${AUTHOR.name}` }).waitFor();
    await page.getByText(/^All changes saved at /).waitFor({ timeout: 15_000 });
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    // The story is in no section, so the editor asks before publishing.
    const check = page.getByRole("dialog", { name: "Publish anyway?" });
    await check.getByRole("button", { name: "Publish anyway" }).click();
    const opened = page.getByRole("link", { name: "Open the public page" });
    await opened.waitFor();
    articleUrl = (await opened.getAttribute("href")) ?? "";
    expect(articleUrl.startsWith(`${server.url}/en/`)).toBe(true);
  });

  it("readers see the byline, and it leads to an author page with the profile", async () => {
    const reader = await browser();
    const { page } = reader;
    await page.goto(articleUrl);
    const byline = page.locator(".byline").getByRole("link", { name: AUTHOR.name });
    expect(await byline.getAttribute("href")).toBe("/en/author/mariia-byline");
    await byline.click();
    await page.getByRole("heading", { level: 1, name: AUTHOR.name }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/en/author/mariia-byline");
    await page.getByText(BIO).waitFor();
    expect(await page.getByRole("link", { name: "Website" }).getAttribute("href")).toBe("https://mariia.example/");
    await page.getByRole("link", { name: /^Night shift at the substation/ }).waitFor();
  });
});
