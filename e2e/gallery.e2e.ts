/**
 * The gallery block (issue 19) in Chromium against a real server with the demo content: an author
 * inserts a gallery of two library photos from the slash menu and publishes; a reader sees the photos without script,
 * opens the full-screen viewer with the keyboard, moves with the arrow keys, stays inside it with
 * Tab, closes it with Esc and is back on the thumbnail of the photo last shown.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "./support/browser.js";
import { setUpOwner } from "./support/owner.js";
import { startServer, type TestServer } from "./support/server.js";

let server: TestServer;
let owner: Browser;
let page: Page;
let articleId: number;

beforeAll(async () => {
  server = await startServer();
  owner = await setUpOwner(server, {
    name: "Galina Gallery",
    email: "gallery-owner@gazette.test",
    password: "a long enough passphrase",
  });
  page = owner.page;
});

afterAll(async () => {
  await owner?.close().catch(() => undefined);
  await server?.stop();
});

describe("a gallery story", () => {
  it("an author inserts a gallery of two library photos and publishes it", async () => {
    await page.goto(`${server.url}/admin/articles/new`);
    await page.getByLabel("Edition").selectOption("en");
    await page.getByLabel("Headline").fill(`The harvest in photos ${Date.now()}`);
    await page.getByRole("button", { name: "Create the draft" }).click();
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    articleId = Number(new URL(page.url()).pathname.split("/").at(-1));
    await page.getByRole("textbox", { name: "Body" }).click();
    await page.keyboard.type("Photos from the fields this week.");
    // The slash menu: "/" in an empty paragraph lists the blocks; typing narrows, Enter inserts.
    await page.keyboard.press("Enter");
    await page.keyboard.type("/");
    const menu = page.getByRole("listbox", { name: "Insert a block" });
    await menu.waitFor();
    expect(await menu.getByRole("option").count()).toBeGreaterThan(5);
    await page.keyboard.type("gall");
    expect(await menu.getByRole("option").allTextContents()).toEqual(["gallery"]);
    await page.keyboard.press("Enter");
    await menu.waitFor({ state: "detached" });
    const gallery = page.locator(".block--gallery");
    for (const n of [0, 1]) {
      await gallery.getByRole("button", { name: "Add a photo" }).click();
      const picker = page.getByRole("dialog", { name: "Add a photo to the gallery" });
      await picker
        .getByRole("button", { name: /^Use this image/ })
        .nth(n)
        .click();
      await picker.waitFor({ state: "hidden" });
    }
    await gallery.getByLabel("Caption of photo 2").fill("Second photo, <b>not bold</b>.");
    // Drag the gallery by its handle above the opening paragraph.
    await gallery
      .locator(".block__drag")
      .dragTo(page.locator(".body-editor__surface p").first(), { targetPosition: { x: 5, y: 2 } });
    await page.waitForFunction(() =>
      document
        .querySelector(".body-editor__surface .ProseMirror")
        ?.firstElementChild?.classList.contains("block--gallery"),
    );
    await gallery.getByLabel("Layout").selectOption("slideshow");
    await page.getByText(/^All changes saved at /).waitFor({ timeout: 15_000 });
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    const check = page.getByRole("dialog", { name: "Publish anyway?" });
    await check.getByRole("button", { name: "Publish anyway" }).click();
    await page.getByRole("link", { name: "Open the public page" }).waitFor();
  });

  it("a reader opens the viewer with the keyboard, moves with the arrows, and Esc gives focus back", async () => {
    const opened = await page.getByRole("link", { name: "Open the public page" }).getAttribute("href");
    await page.goto(opened ?? "");
    const links = page.locator('[data-block="gallery"] a.gallery__open');
    expect(await links.count()).toBe(2);
    expect(await page.locator('[data-block="gallery"]').getAttribute("class")).toContain("gallery--slideshow");
    expect(await page.locator('[data-block="gallery"] figcaption').nth(1).textContent()).toContain(
      "Second photo, <b>not bold</b>.",
    );

    await links.first().focus();
    await page.keyboard.press("Enter");
    const viewer = page.getByRole("dialog", { name: "Photo gallery" });
    await viewer.waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest("dialog") !== null)).toBe(true);
    expect(await viewer.locator(".gallery-viewer__count").textContent()).toBe("1 / 2");
    await page.keyboard.press("ArrowRight");
    expect(await viewer.locator(".gallery-viewer__count").textContent()).toBe("2 / 2");
    expect(await viewer.locator("img").getAttribute("src")).toBe(
      new URL((await links.nth(1).getAttribute("href")) ?? "", page.url()).href,
    );
    expect(await viewer.locator(".gallery-viewer__caption").textContent()).toContain("Second photo");
    // Tab and Shift+Tab go round the viewer's buttons and never leave it.
    for (const key of ["Tab", "Tab", "Tab", "Tab", "Shift+Tab"]) {
      await page.keyboard.press(key);
      expect(await page.evaluate(() => document.activeElement?.closest("dialog") !== null), key).toBe(true);
    }
    await page.keyboard.press("Escape");
    await viewer.waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe(
      await links.nth(1).getAttribute("href"),
    );
  });

  it("the gallery is stored as a gallery block, first after the drag", async () => {
    const article = await page.evaluate(async (id) => (await fetch(`/admin/api/articles/${id}`)).json(), articleId);
    const gallery = (
      article as { body: { content: { type: string; attrs?: { photos?: unknown[] } }[] } }
    ).body.content.find((block) => block.type === "gallery");
    expect(gallery?.attrs?.photos).toHaveLength(2);
    expect((article as { body: { content: { type: string }[] } }).body.content[0]?.type).toBe("gallery");
  });
});
