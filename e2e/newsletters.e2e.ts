/**
 * Newsletters in Chromium with JavaScript off, against a real server with the demo content: a
 * reader subscribes from an article's newsletter card, confirms from the mailed link, receives
 * the next issue (sent by `gazette newsletter send`) and leaves with its unsubscribe link.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPILED_CLI } from "../test/compiled-server.js";
import { type Browser, openBrowser } from "./support/browser.js";
import { ROOT, startServer, type TestServer } from "./support/server.js";
import { findPages, type SitePages } from "./support/site.js";

let server: TestServer;
let pages: SitePages;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  pages = await findPages(server.url);
  browser = await openBrowser(server.origin, { javaScriptEnabled: false });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The newest link to a newsletter page mailed to `to`, read from the dev outbox. */
function mailedNewsletterLink(to: string, page: "confirm" | "unsubscribe"): string {
  const db = new Database(path.join(server.dataDir, "gazette.db"), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT text FROM mail_outbox WHERE "to" = ? ORDER BY id DESC').all(to) as {
      text: string;
    }[];
    for (const row of rows) {
      const link = row.text.match(new RegExp(`https?://\\S+/newsletters/${page}\\?token=\\S+`))?.[0];
      if (link) return link;
    }
    throw new Error(`No ${page} link mailed to ${to}`);
  } finally {
    db.close();
  }
}

function sendIssue(list: string): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [COMPILED_CLI, "newsletter", "send", "--list", list], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", DATA_DIR: server.dataDir, PUBLIC_URL: server.url, LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (chunk) => (out += chunk));
  child.stderr?.on("data", (chunk) => (out += chunk));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, out })));
}

describe("newsletter sign-up without JavaScript", () => {
  it("a reader subscribes from an article card, confirms, gets the next issue and leaves with one click", async () => {
    const { page } = browser;
    const email = "e2e.reader@example.org";
    await page.goto(`${server.url}${pages.enArticle}`);
    const card = page.locator('[data-promo="newsletter"][data-list="en-daily"]');
    await card.getByLabel("Your email address").fill(email);
    await card.getByRole("button", { name: "Subscribe" }).click();
    await expect(page.getByRole("heading", { name: "Check your inbox" }).isVisible()).resolves.toBe(true);

    await page.goto(mailedNewsletterLink(email, "confirm"));
    await page.getByRole("button", { name: "Confirm subscription" }).click();
    await expect(page.getByRole("heading", { name: "You are subscribed" }).isVisible()).resolves.toBe(true);

    const sent = await sendIssue("en-daily");
    expect(sent.code, sent.out).toBe(0);
    expect(sent.out).toContain("1 delivered");

    await page.goto(mailedNewsletterLink(email, "unsubscribe"));
    await expect(page.getByRole("heading", { name: /^Unsubscribe from/ }).isVisible()).resolves.toBe(true);
    await page.getByRole("button", { name: "Unsubscribe" }).click();
    await expect(page.getByRole("heading", { name: "You have unsubscribed" }).isVisible()).resolves.toBe(true);
  });
});
