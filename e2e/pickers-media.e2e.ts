/**
 * Items 13, 7 and 18 of the editors' trial (Gazette #22), in Chromium against a real server with
 * the demo content: the body toolbar is there before the body is focused; the lead image and a
 * newsletter issue's articles are chosen by searching, with titles and thumbnails, not typed as
 * ids; the media library searches, lists where an image is used, refuses to delete one in use
 * and deletes one that is not.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "./support/browser.js";
import { setUpOwner } from "./support/owner.js";
import { ROOT, startServer, type TestServer } from "./support/server.js";

const SCREENSHOTS = path.join(ROOT, "test-results", "screenshots");
const PASSWORD = "a long enough passphrase";
const OWNER = { name: "Petra Picker", email: "picker-owner@gazette.test" };
const SUNFLOWERS = "Illustration: a field of sunflowers";

let server: TestServer;
let owner: Browser;
let page: Page;
let articleId: number;
let articleTitle: string;
let leadMediaId: number;

async function screenshots(name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: width < 700 ? 812 : 900 });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
  }
}

/** Calls the admin API from the page, with the session cookie and its CSRF token, as the app does. */
async function apiFromPage<T>(method: string, url: string): Promise<T> {
  return page.evaluate(
    async ([m, u]) => {
      const session = await (await fetch("/admin/api/auth/session")).json();
      const response = await fetch(u as string, {
        method: m as string,
        headers: { "x-csrf-token": session.csrfToken },
      });
      return response.json();
    },
    [method, url] as const,
  ) as Promise<T>;
}

beforeAll(async () => {
  server = await startServer();
  owner = await setUpOwner(server, { ...OWNER, password: PASSWORD });
  page = owner.page;
});

afterAll(async () => {
  await owner?.close().catch(() => undefined);
  await server?.stop();
});

describe("the body toolbar (item 13)", () => {
  it("is shown, with named buttons, before the body is focused", async () => {
    articleTitle = `Sunflower harvest starts early ${Date.now()}`;
    await page.goto(`${server.url}/admin/articles/new`);
    await page.getByLabel("Edition").selectOption("en");
    await page.getByLabel("Headline").fill(articleTitle);
    await page.getByRole("button", { name: "Create the draft" }).click();
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    articleId = Number(new URL(page.url()).pathname.split("/").at(-1));
    const body = page.getByRole("textbox", { name: "Body" });
    await body.waitFor();
    expect(await body.evaluate((element) => element.contains(document.activeElement))).toBe(false);
    const toolbar = page.getByRole("toolbar", { name: "Body formatting" });
    for (const name of ["Paragraph", "H2 heading", "Bold", "Italic", "Link", "Bulleted list", "Insert image", "Undo"]) {
      expect(await toolbar.getByRole("button", { name, exact: true }).isVisible(), name).toBe(true);
    }
    expect(await toolbar.getByRole("button", { name: "Bold", exact: true }).getAttribute("aria-keyshortcuts")).toBe(
      "Control+B",
    );
  });
});

describe("pickers instead of ids (item 7)", () => {
  it("picks the lead image by searching the library", async () => {
    await page.getByRole("button", { name: "Choose a lead image" }).click();
    const picker = page.getByRole("dialog", { name: "Choose the lead image" });
    await picker.getByRole("searchbox", { name: "Search images" }).fill("field of SUNFLOWERS");
    const choices = picker.getByRole("button", { name: /^Use this image/ });
    // Only sunflower pictures are left: every other picture of the library is gone from the results.
    await page.waitForFunction((wanted) => {
      const buttons = [...document.querySelectorAll("dialog[open] .media-card button")];
      return buttons.length > 0 && buttons.every((button) => button.textContent?.includes(wanted));
    }, SUNFLOWERS);
    expect(await picker.locator("img").first().getAttribute("src")).toMatch(/^\/media\/[a-z0-9]+\/320\.jpg$/);
    await screenshots("admin-media-picker-search");
    await choices.first().click();
    await picker.waitFor({ state: "hidden" });
    await page.getByText(/^All changes saved at /).waitFor({ timeout: 15_000 });
    const article = await apiFromPage<{ leadImage: { mediaId: number; alt: string } | null }>(
      "GET",
      `/admin/api/articles/${articleId}`,
    );
    expect(article.leadImage?.alt?.startsWith(SUNFLOWERS)).toBe(true);
    leadMediaId = article.leadImage?.mediaId ?? 0;
    expect(leadMediaId).toBeGreaterThan(0);
  });

  it("composes a newsletter issue by searching headlines, in the chosen order", async () => {
    const lists = await apiFromPage<{ items: { id: number; slug: string }[] }>("GET", "/admin/api/newsletters/lists");
    const list = lists.items.find((l) => l.slug === "en-daily");
    if (!list) throw new Error("no en-daily list in the demo");
    const published = await apiFromPage<{ items: { id: number; title: string }[] }>(
      "GET",
      "/admin/api/articles?edition=en&status=published&limit=2",
    );
    const [first, second] = published.items;
    if (!first || !second) throw new Error("the demo has fewer than two English stories");

    await page.goto(`${server.url}/admin/newsletters/${list.id}`);
    await page.getByLabel("Subject").fill("Picked by headline");
    const picker = page.getByRole("group", { name: "Articles", exact: true });
    expect(await picker.getByRole("textbox", { name: "Article ids" }).count()).toBe(0);
    for (const story of [first, second]) {
      await picker.getByRole("searchbox", { name: "Find articles by headline" }).fill(story.title);
      const add = picker.getByRole("button", { name: `Add “${story.title}”`, exact: true });
      await add.waitFor().catch(async (error: unknown) => {
        throw new Error(`No "Add" for “${story.title}” in the picker:\n${await picker.textContent()}`, {
          cause: error,
        });
      });
      await add.click();
    }
    const chosen = picker.getByRole("list", { name: "Chosen: Articles" }).getByRole("listitem");
    expect(await chosen.allTextContents()).toEqual([
      expect.stringContaining(first.title),
      expect.stringContaining(second.title),
    ]);
    // The second goes first.
    await picker.getByRole("button", { name: `Move “${second.title}” up` }).click();
    expect((await chosen.first().textContent())?.includes(second.title)).toBe(true);
    expect(await chosen.first().locator("img").getAttribute("src")).toMatch(/^\/media\/[a-z0-9]+\/320\.jpg$/);
    await screenshots("admin-article-picker");
    await page.getByRole("button", { name: "Create draft" }).click();
    await page.waitForURL(/\/admin\/newsletter-issues\/\d+$/);
    const issueId = Number(new URL(page.url()).pathname.split("/").at(-1));
    const issue = await apiFromPage<{ articleIds: number[] }>("GET", `/admin/api/newsletters/issues/${issueId}`);
    expect(issue.articleIds).toEqual([second.id, first.id]);
    // The issue's own screen shows the headlines, not numbers.
    const onIssue = page
      .getByRole("group", { name: "Articles", exact: true })
      .getByRole("list", { name: "Chosen: Articles" });
    await onIssue.getByText(second.title).waitFor();
    await onIssue.getByText(first.title).waitFor();
  });
});

describe("the media library (item 18)", () => {
  it("lists where an image is used and refuses to delete it while it is", async () => {
    await page.goto(`${server.url}/admin/media`);
    await page.getByRole("searchbox", { name: "Search images" }).fill(`#${leadMediaId}`);
    const cards = page.locator(".media-card");
    await page.waitForFunction(() => document.querySelectorAll(".media-card").length === 1);
    const card = cards.first();
    page.once("dialog", (dialog) => void dialog.accept());
    await card.getByRole("button", { name: /^Delete/ }).click();
    const refusal = card.getByRole("alert");
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/Used in \d+ stor(y|ies)/);
    const usedIn = card.getByRole("link", { name: articleTitle });
    await usedIn.waitFor();
    expect(await usedIn.getAttribute("href")).toBe(`/admin/articles/${articleId}`);
    await screenshots("admin-media-delete-refused");
    const still = await apiFromPage<{ id?: number }>("GET", `/admin/api/media/${leadMediaId}`);
    expect(still.id).toBe(leadMediaId);
  });

  it("deletes an image nobody uses", async () => {
    const picture = await sharp({ create: { width: 640, height: 400, channels: 3, background: "#8899aa" } })
      .jpeg()
      .toBuffer();
    const upload = page.getByRole("form", { name: "Upload an image" });
    await upload.getByLabel("Image file").setInputFiles({ name: "spare.jpg", mimeType: "image/jpeg", buffer: picture });
    await upload.getByLabel("Alternative text").fill("A spare grey test card nobody uses");
    await upload.getByRole("button", { name: "Upload" }).click();
    await page.getByText("Uploaded “A spare grey test card nobody uses”.").waitFor();
    await page.getByRole("searchbox", { name: "Search images" }).fill("spare grey test card");
    await page.waitForFunction(() => document.querySelectorAll(".media-card").length === 1);
    const card = page.locator(".media-card").filter({
      has: page.getByRole("button", { name: "Delete A spare grey test card nobody uses" }),
    });
    await card.waitFor();
    await card.locator("summary").click();
    await card.getByText("Not used in any story or profile.").waitFor();
    page.once("dialog", (dialog) => void dialog.accept());
    await card.getByRole("button", { name: "Delete A spare grey test card nobody uses" }).click();
    await page.getByText(/^Image \d+ deleted\.$/).waitFor();
    await page.getByText("No image matches “spare grey test card”.").waitFor();
  });
});
