/**
 * Social posts end to end, in Chromium against the compiled server with every platform pointed at
 * test/fake-social.ts: an owner pastes a Telegram address into the body (the card is fetched and
 * its image copied into the media library), adds an X post typed by hand, publishes; a reader sees
 * both static cards with JavaScript off and on, and nothing is requested from any other host until
 * "Show the original" is pressed.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSocial } from "../test/fake-social.js";
import { type Browser, openBrowser } from "./support/browser.js";
import { setUpOwner } from "./support/owner.js";
import { startServer, type TestServer } from "./support/server.js";

const TELEGRAM = "https://t.me/frontline_news/4821";
const X_POST = "https://x.com/frontline_news/status/1731000000000000000";

let server: TestServer;
let fake: FakeSocial;
let owner: Browser;
const readers: Browser[] = [];
let articleUrl = "";

async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => {
    const target = document.querySelector(".ProseMirror");
    const data = new DataTransfer();
    data.setData("text/plain", value);
    target?.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

beforeAll(async () => {
  fake = await FakeSocial.start();
  fake.addPost(TELEGRAM, {
    author: "Frontline News",
    text: "Air defence is working over the city. Stay in shelters.",
    publishedAt: "2026-12-01T06:15:00Z",
    image: true,
  });
  server = await startServer({ env: fake.envFor() });
  owner = await setUpOwner(server, {
    name: "Sofiia Social",
    email: "social@gazette.test",
    password: "a long enough passphrase",
  });
});

afterAll(async () => {
  for (const reader of readers) await reader.close().catch(() => undefined);
  await owner?.close().catch(() => undefined);
  await server?.stop();
  await fake?.close();
});

describe("social posts", () => {
  it("an editor pastes a Telegram address, adds an X post by hand, and publishes", async () => {
    const { page } = owner;
    await page.goto(`${server.url}/admin/articles/new`);
    await page.getByLabel("Edition").selectOption("en");
    await page.getByLabel("Headline").fill("Night of sirens over the city");
    await page.getByRole("button", { name: "Create the draft" }).click();
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    const body = page.getByRole("textbox", { name: "Body" });
    await body.click();
    await paste(page, TELEGRAM);
    const telegram = page.locator(".block--socialPost").first();
    await expect.poll(() => telegram.getByLabel("Author").inputValue(), { timeout: 10_000 }).toBe("Frontline News");
    expect(await telegram.getByLabel("Text of the post (as quoted)").inputValue()).toContain("Stay in shelters.");
    // The image, copied into the media library, is shown from there.
    await telegram.locator('img[src^="/media/"]').waitFor();

    await page.getByRole("button", { name: "Insert social post" }).click();
    const dialog = page.getByRole("dialog", { name: "Insert a social post" });
    await dialog.getByLabel("Address of the post").fill(X_POST);
    await dialog.getByLabel("Author (optional)").fill("Frontline News on X");
    await dialog.getByLabel("Text of the post (optional)").fill("The post was deleted the next morning.");
    await dialog.getByRole("button", { name: "Insert" }).click();
    await expect.poll(() => page.locator(".block--socialPost").count()).toBe(2);

    await page.getByText(/^All changes saved at /).waitFor({ timeout: 15_000 });
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    const check = page.getByRole("dialog", { name: "Publish anyway?" });
    await check.getByRole("button", { name: "Publish anyway" }).click();
    const opened = page.getByRole("link", { name: "Open the public page" });
    await opened.waitFor();
    articleUrl = (await opened.getAttribute("href")) ?? "";
    expect(articleUrl.startsWith(`${server.url}/en/`)).toBe(true);
  });

  it("a reader without JavaScript reads both cards, the typed one dated as quoted", async () => {
    const reader = await openBrowser(server.origin, { javaScriptEnabled: false });
    readers.push(reader);
    const requestsBefore = fake.requests.length;
    await reader.page.goto(articleUrl);
    const cards = reader.page.locator('[data-block="socialPost"]');
    expect(await cards.count()).toBe(2);
    expect(await cards.nth(0).textContent()).toContain("Stay in shelters.");
    expect(await cards.nth(0).locator("img").getAttribute("src")).toMatch(/^\/media\//);
    expect(await cards.nth(1).textContent()).toContain("Post as quoted on");
    expect(await cards.nth(1).getByRole("link", { name: "Show the original on X" }).getAttribute("href")).toBe(X_POST);
    expect(reader.foreignRequests).toEqual([]);
    expect(fake.requests.length).toBe(requestsBefore);
  });

  it("with JavaScript, nothing leaves the site until the reader asks for the original", async () => {
    const reader = await openBrowser(server.origin);
    readers.push(reader);
    const cspViolations: string[] = [];
    reader.page.on("console", (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await reader.page.goto(articleUrl);
    await reader.page.waitForLoadState("networkidle");
    expect(reader.foreignRequests).toEqual([]);
    await reader.page.getByRole("link", { name: "Show the original on Telegram" }).click();
    await reader.page.locator("iframe.social-post__frame").waitFor();
    await expect.poll(() => reader.foreignRequests, { timeout: 10_000 }).toContain(`${TELEGRAM}?embed=1`);
    expect(reader.foreignRequests.every((url) => url.startsWith("https://t.me/"))).toBe(true);
    // Our embed page was framed under the article's policy, and the platform under the embed page's.
    expect(cspViolations).toEqual([]);
  });
});
