/**
 * The newsroom app in Chromium against a real server: first-run owner setup, invitations read
 * from the dev outbox, an author publishing an article with an uploaded image, takeaways, a factbox,
 * a timeline, an audio clip with its transcript and a PDF, a contributor who cannot publish, scheduled publishing, an edit conflict, and axe
 * on the main screens.
 */
import fs from "node:fs";
import path from "node:path";
import type { AxeResults, Result } from "axe-core";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zonedInputValue } from "../src/newsroom/time-zones.shared.js";
import { mp3Clip, pdfDocument } from "../test/media-fixtures.js";
import { type Browser, openBrowser } from "./support/browser.js";
import { mailedLink } from "./support/outbox.js";
import { ROOT, startServer, type TestServer } from "./support/server.js";

const AXE = path.join(ROOT, "node_modules", "axe-core", "axe.min.js");
const SCREENSHOTS = path.join(ROOT, "test-results", "screenshots");
const PASSWORD = "a long enough passphrase";
const OWNER = { name: "Olena Owner", email: "owner@gazette.test" };
const AUTHOR = { name: "Andrii Author", email: "author@gazette.test" };
const CONTRIBUTOR = { name: "Cora Contributor", email: "contributor@gazette.test" };

let server: TestServer;
const browsers: Browser[] = [];
/** The author's published article: a photo, a quote and takeaways. */
let featureId = 0;
/** Content Security Policy reports from every page of every browser: the app must cause none. */
const cspViolations: string[] = [];

async function browser(options: { bypassCSP?: boolean; width?: number } = {}): Promise<Browser> {
  const opened = await openBrowser(server.origin, options);
  opened.page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  browsers.push(opened);
  return opened;
}

function screenshot(page: Page, name: string): Promise<Buffer> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return page.screenshot({ path: path.join(SCREENSHOTS, `admin-${name}.png`), fullPage: true });
}

function describeViolations(violations: Result[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}`).join("\n")}`)
    .join("\n");
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
  expect(results.violations, describeViolations(results.violations)).toEqual([]);
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${server.url}/admin/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: /^Hello, / }).waitFor();
}

async function acceptInvitation(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link);
  await page.getByRole("heading", { name: "Join the newsroom" }).waitFor();
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat the password").fill(PASSWORD);
  await page.getByRole("button", { name: "Accept the invitation" }).click();
  await page.getByRole("heading", { level: 1, name: `Hello, ${name}` }).waitFor();
}

/** Creates an English draft from the "New article" screen and returns its id (from the editor's address). */
async function newArticle(page: Page, title: string): Promise<number> {
  await page.goto(`${server.url}/admin/articles/new`);
  await page.getByLabel("Edition").selectOption("en");
  await page.getByLabel("Headline").fill(title);
  await page.getByRole("button", { name: "Create the draft" }).click();
  await page.waitForURL(/\/admin\/articles\/\d+$/);
  await page.getByRole("textbox", { name: "Body" }).waitFor();
  return Number(new URL(page.url()).pathname.split("/").at(-1));
}

async function typeBody(page: Page, paragraphs: string[]): Promise<void> {
  const body = page.getByRole("textbox", { name: "Body" });
  await body.click();
  for (const [index, text] of paragraphs.entries()) {
    if (index > 0) await page.keyboard.press("Enter");
    await page.keyboard.type(text);
  }
}

async function waitSaved(page: Page): Promise<void> {
  await page.getByText(/^All changes saved at /).waitFor({ timeout: 15_000 });
}

/** Calls the admin API from the page, with the session cookie and its CSRF token, as the app does. */
function apiFromPage(page: Page, method: string, url: string): Promise<{ status: number; body: { code?: string } }> {
  return page.evaluate(
    async ([m, u]) => {
      const session = await (await fetch("/admin/api/auth/session")).json();
      const response = await fetch(u as string, { method: m, headers: { "x-csrf-token": session.csrfToken } });
      return { status: response.status, body: await response.json() };
    },
    [method, url] as const,
  );
}

async function publicPage(url: string): Promise<{ status: number; html: string }> {
  const response = await fetch(url);
  return { status: response.status, html: await response.text() };
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

describe("the newsroom, from first start to published articles", () => {
  let owner: Browser;
  let author: Browser;
  let articleUrl = "";
  let articleTitle = "";

  it("the owner creates their account from the link the server printed", async () => {
    const link = server.ownerSetupUrl();
    expect(link, server.output()).toMatch(/\/admin\/setup#token=/);
    owner = await browser();
    const { page } = owner;
    await page.goto(link!);
    await page.getByRole("heading", { name: "Set up your newsroom" }).waitFor();
    await screenshot(page, "setup");
    await page.getByLabel("Your name").fill(OWNER.name);
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Repeat the password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create the owner account" }).click();
    await page.getByRole("heading", { level: 1, name: `Hello, ${OWNER.name}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/admin");
    await expect(
      page.getByRole("navigation", { name: "Newsroom" }).getByRole("link", { name: "Staff" }).count(),
    ).resolves.toBe(1);
    await screenshot(page, "dashboard");
  });

  it("the owner invites an author and a contributor; the links arrive in the outbox", async () => {
    const { page } = owner;
    await page.getByRole("link", { name: "Staff" }).click();
    await page.getByRole("heading", { level: 1, name: "Staff" }).waitFor();
    for (const [person, role] of [
      [AUTHOR, "author"],
      [CONTRIBUTOR, "contributor"],
    ] as const) {
      await page.getByLabel("Email").fill(person.email);
      await page.getByLabel("Role", { exact: true }).selectOption(role);
      await page.getByRole("button", { name: "Send the invitation" }).click();
      await page.getByText(`Invitation sent to ${person.email}.`, { exact: false }).waitFor();
      expect(mailedLink(server, person.email)).toMatch(new RegExp(`^${server.url}/admin/\\w[\\w-]*#token=`));
    }
    await screenshot(page, "staff");
  });

  it("the owner reads both invitations in the app's outbox", async () => {
    const { page } = owner;
    await page.getByRole("link", { name: "Outbox" }).click();
    await page.getByRole("heading", { level: 1, name: "Outbox" }).waitFor();
    for (const person of [AUTHOR, CONTRIBUTOR]) {
      await page.getByText(`To ${person.email}`, { exact: false }).first().waitFor();
    }
    await screenshot(page, "outbox");
  });

  it("the author accepts, writes an article with an uploaded photo and takeaways, and publishes it", async () => {
    author = await browser();
    const { page } = author;
    await acceptInvitation(page, mailedLink(server, AUTHOR.email), AUTHOR.name);
    articleTitle = `Reservoir crews keep the water running ${Date.now()}`;
    featureId = await newArticle(page, articleTitle);
    await page.getByLabel("Dek (standfirst)").fill("Engineers work through the night after each strike.");
    await typeBody(page, [
      "Water engineers restored supply to the eastern districts by morning, the city council said.",
      "Crews have repaired the same pumping station four times since October.",
      "",
    ]);
    // A pull quote, with who is quoted.
    await page.getByRole("button", { name: "Quote" }).click();
    await page.keyboard.type("We fix it, they hit it, we fix it again.");
    await page.locator(".block--quote").getByLabel("Who is quoted (optional)").fill("A shift supervisor");

    // A photo, uploaded from the editor's image dialog, with a caption for this article.
    const photo = await sharp({
      create: { width: 900, height: 600, channels: 3, background: { r: 70, g: 110, b: 150 } },
    })
      .jpeg()
      .toBuffer();
    await page.getByRole("button", { name: "Insert image" }).click();
    const dialog = page.getByRole("dialog", { name: "Insert an image" });
    await dialog.getByText("Upload a new image").click();
    await dialog
      .getByLabel("Image file")
      .setInputFiles({ name: "pumping-station.jpg", mimeType: "image/jpeg", buffer: photo });
    await dialog.getByLabel("Alternative text").fill("Engineers at a pumping station at dawn");
    await dialog.getByLabel("Credit").fill("Photo: Gazette");
    await dialog.getByRole("button", { name: "Upload" }).click();
    await dialog.waitFor({ state: "hidden" });
    const image = page.locator(".block--image");
    // The editor shows the uploaded photo itself (a variant the server made from the upload).
    await image.locator("img").evaluate(
      (img: HTMLImageElement) =>
        new Promise((resolve, reject) => {
          if (img.complete) return img.naturalWidth > 0 ? resolve(true) : reject(new Error("image failed"));
          img.addEventListener("load", () => resolve(true));
          img.addEventListener("error", () => reject(new Error(`image failed: ${img.src}`)));
        }),
    );
    await image.getByLabel("Caption").fill("The pumping station after its fourth repair.");

    // The key takeaways block.
    await page.getByRole("textbox", { name: "Body" }).click();
    await page.keyboard.press("Control+End");
    await page.getByRole("button", { name: "Insert takeaways" }).click();
    const takeaways = page.locator(".block--takeaways");
    await takeaways.getByLabel("Title").fill("What the council said");
    await takeaways.getByLabel("Point 1").fill("Supply is back in all districts.");
    await takeaways.getByLabel("Point 1").press("Enter");
    await takeaways.getByLabel("Point 2").fill("Repairs cost more each time.");

    // A factbox: a title, then the facts typed inside the box.
    await page.getByRole("textbox", { name: "Body" }).click();
    await page.keyboard.press("Control+End");
    await page.getByRole("button", { name: "Insert factbox" }).click();
    const factbox = page.locator(".block--factbox");
    await factbox.getByLabel("Factbox title").fill("The pumping station");
    await factbox.locator(".block__factbox-body p").first().click();
    await page.keyboard.type("Built in 1962, it serves 120,000 people.");

    // A timeline: one step with a date and an hour, one with a date only.
    await page.getByRole("textbox", { name: "Body" }).click();
    await page.keyboard.press("Control+End");
    await page.getByRole("button", { name: "Insert timeline" }).click();
    const timeline = page.locator(".block--timeline");
    await timeline.getByLabel("Title").fill("How the repairs went");
    await timeline.getByLabel("Date of entry 1").fill("2026-10-14");
    await timeline.getByLabel("Time of entry 1 (optional)").fill("06:30");
    await timeline.getByLabel("What happened (entry 1)").fill("A strike stops the pumps.");
    await timeline.getByLabel("What happened (entry 1)").press("Enter");
    await timeline.getByLabel("Date of entry 2").fill("2026-10-15");
    await timeline.getByLabel("What happened (entry 2)").fill("Water is back by morning.");

    // An audio clip with a transcript, and a PDF: uploaded from the toolbar, judged by their bytes.
    for (const [button, dialogName, file, title] of [
      [
        "Insert audio",
        "Insert audio",
        { name: "briefing.mp3", mimeType: "audio/mpeg", buffer: mp3Clip(200) },
        "The station's engineer",
      ],
      [
        "Insert PDF document",
        "Insert a PDF",
        { name: "report.pdf", mimeType: "application/pdf", buffer: pdfDocument(3) },
        "Repair report",
      ],
    ] as const) {
      await page.getByRole("textbox", { name: "Body" }).click();
      await page.keyboard.press("Control+End");
      await page.getByRole("button", { name: button }).click();
      const upload = page.getByRole("dialog", { name: dialogName });
      await upload.getByLabel("File").setInputFiles(file);
      await upload.getByLabel("Title").fill(title);
      await upload.getByRole("button", { name: "Upload and insert" }).click();
      await upload.waitFor({ state: "hidden" });
    }
    await page
      .locator(".block--audio")
      .getByLabel(/^Transcript/)
      .fill("We fix it.\n\nThen we fix it again.");

    // The same photo as the lead image.
    await page.getByRole("button", { name: "Choose a lead image" }).click();
    const picker = page.getByRole("dialog", { name: "Choose the lead image" });
    await picker
      .getByRole("button", { name: /^Use this image\W+Engineers at a pumping station/ })
      .first()
      .click();
    await picker.waitFor({ state: "hidden" });
    await page.locator(".editor-details").getByLabel("Caption").fill("Engineers at the station at dawn.");

    await waitSaved(page);
    expect(await page.getByText(/\d+ words/).textContent()).toMatch(/^\d{2,} words$/);
    await screenshot(page, "editor");
    // An author may publish their own article; there is nothing to review first.
    expect(await page.getByRole("button", { name: "Submit for review" }).count()).toBe(1);
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    // The article is in no section: the editor asks before publishing.
    const check = page.getByRole("dialog", { name: "Publish anyway?" });
    await check.getByText("The article is in no section", { exact: false }).waitFor();
    await check.getByRole("button", { name: "Publish anyway" }).click();
    const opened = page.getByRole("link", { name: "Open the public page" });
    await opened.waitFor();
    articleUrl = (await opened.getAttribute("href")) ?? "";
    expect(articleUrl.startsWith(`${server.url}/en/`)).toBe(true);
    await expect(page.locator(".page-header .badge").textContent()).resolves.toBe("Published");
  });

  it("the published article is on the English home page and on its own page", async () => {
    const home = await publicPage(`${server.url}/en/`);
    expect(home.status).toBe(200);
    expect(home.html.includes(articleTitle), "the article is on the English home page").toBe(true);

    const { page } = author;
    await page.goto(articleUrl);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(articleTitle);
    expect(await page.locator('[data-block="takeaways"] li').allTextContents()).toEqual([
      "Supply is back in all districts.",
      "Repairs cost more each time.",
    ]);
    await expect(page.getByText("What the council said").count()).resolves.toBeGreaterThan(0);
    const box = page.locator('[data-block="factbox"]');
    await expect(box.locator("h2").textContent()).resolves.toBe("The pumping station");
    await expect(box.locator("p").allTextContents()).resolves.toEqual(["Built in 1962, it serves 120,000 people."]);
    const steps = page.locator('[data-block="timeline"] li');
    expect(await steps.locator("time").evaluateAll((times) => times.map((t) => t.getAttribute("datetime")))).toEqual([
      "2026-10-14T06:30",
      "2026-10-15",
    ]);
    expect(await steps.locator("p").allTextContents()).toEqual([
      "A strike stops the pumps.",
      "Water is back by morning.",
    ]);
    await expect(steps.locator("time").first().textContent()).resolves.toBe("14 October 2026 at 06:30");
    await expect(page.getByText("The pumping station after its fourth repair.").count()).resolves.toBe(1);
    await expect(page.getByText("We fix it, they hit it, we fix it again.").count()).resolves.toBe(1);
    await expect(page.getByText("A shift supervisor").count()).resolves.toBe(1);
    const clip = page.locator('[data-block="audio"]');
    expect(await clip.locator("audio").getAttribute("preload")).toBe("none");
    await expect(clip.locator("figcaption").textContent()).resolves.toContain("The station's engineer");
    await expect(clip.locator("details p").allTextContents()).resolves.toEqual(["We fix it.", "Then we fix it again."]);
    const card = page.locator('[data-block="document"]');
    await expect(card.textContent()).resolves.toContain("Pages: 3");
    const pdf = await fetch(new URL((await card.getAttribute("href")) ?? "", server.url));
    expect(pdf.headers.get("content-disposition")).toBe('attachment; filename="document.pdf"');
    const lead = page.locator("figure.article__lead");
    expect(await lead.locator("img").getAttribute("alt")).toBe("Engineers at a pumping station at dawn");
    await expect(lead.locator("figcaption").textContent()).resolves.toContain("Engineers at the station at dawn.");
    expect(author.foreignRequests).toEqual([]);
  });

  it("a contributor gets no Publish button, and the API refuses to publish for them", async () => {
    const contributor = await browser();
    const { page } = contributor;
    await acceptInvitation(page, mailedLink(server, CONTRIBUTOR.email), CONTRIBUTOR.name);
    const id = await newArticle(page, "A contributor's first story");
    await typeBody(page, ["Three paragraphs of careful reporting, for now one."]);
    await waitSaved(page);
    expect(await page.getByRole("button", { name: "Submit for review" }).count()).toBe(1);
    expect(await page.getByRole("button", { name: /^Publish/ }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Schedule/ }).count()).toBe(0);
    await screenshot(page, "editor-contributor");

    const refused = await apiFromPage(page, "POST", `/admin/api/articles/${id}/publish`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("forbidden");

    await page.getByRole("button", { name: "Submit for review" }).click();
    await page.getByText("Submitted for review.", { exact: false }).waitFor();
    await expect(page.locator(".page-header .badge").textContent()).resolves.toBe("In review");
    // In review, the contributor may still edit but not submit again or publish.
    expect(await page.getByRole("button", { name: "Submit for review" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Publish/ }).count()).toBe(0);
  });

  it("a scheduled article appears on the site at its time", async () => {
    const { page } = author;
    const title = `Night trains to the front-line towns resume ${Date.now()}`;
    const id = await newArticle(page, title);
    await typeBody(page, ["The railway restored night services to three towns near the front line."]);
    await waitSaved(page);

    // The dialog takes the edition's time zone (Europe/Kyiv in the demo) and seconds, so a few seconds ahead works.
    const at = new Date(Date.now() + 8_000);
    await page.getByRole("button", { name: "Schedule…" }).click();
    const dialog = page.getByRole("dialog", { name: "Schedule publication" });
    const zone = await dialog.getByLabel("Time zone").inputValue();
    expect(zone).toBe("Europe/Kyiv");
    await dialog.getByLabel("Date and time").fill(zonedInputValue(at, zone, true));
    await dialog.getByRole("button", { name: "Schedule" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect(page.locator(".page-header .badge").textContent()).resolves.toBe("Scheduled");

    const article = await page.evaluate(
      async (articleId) => (await fetch(`/admin/api/articles/${articleId}`)).json(),
      id,
    );
    expect(article.status).toBe("scheduled");
    expect(Math.abs(Date.parse(article.publishedAt) - Math.floor(at.getTime() / 1000) * 1000)).toBeLessThan(1000);
    // Readers watch the home page (purged on publication). The article's own URL is only asked for
    // afterwards: the site caches a 404 under the edition's settings key alone, so a request made
    // before the time would keep answering "not found" after publication (reported to the lead).
    let onHome = false;
    const deadline = at.getTime() + 15_000;
    while (!onHome && Date.now() < deadline) {
      onHome = (await publicPage(`${server.url}/en/`)).html.includes(title);
      if (!onHome) await new Promise((r) => setTimeout(r, 500));
    }
    expect(onHome, "the scheduled article reached the English home page within 15 s of its time").toBe(true);
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime() - 1000);
    const published = await publicPage(article.url);
    expect(published.status).toBe(200);
    expect(published.html.includes(title)).toBe(true);
    await page.reload();
    await expect(page.locator(".page-header .badge").textContent()).resolves.toBe("Published");
  });

  it("two people saving the same article: the second is told to reload, nothing is overwritten", async () => {
    const first = owner.page;
    const second = await owner.context.newPage();
    const id = await newArticle(first, "Draft edited in two tabs");
    await second.goto(`${server.url}/admin/articles/${id}`);
    await second.getByRole("textbox", { name: "Body" }).waitFor();

    await typeBody(first, ["Saved first."]);
    await waitSaved(first);
    await typeBody(second, ["Saved second, from an old version."]);
    const alert = second.getByRole("alert").filter({ hasText: "Someone else saved this article" });
    await alert.waitFor({ timeout: 15_000 });
    await screenshot(second, "editor-conflict");
    await alert.getByRole("button", { name: "Reload the article" }).click();
    await alert.waitFor({ state: "detached" });
    await expect(second.getByRole("textbox", { name: "Body" }).textContent()).resolves.toBe("Saved first.");
    await second.close();
  });

  it("the app's pages load nothing from other hosts and break no CSP rule", () => {
    for (const opened of browsers) expect(opened.foreignRequests).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});

describe("accessibility of the newsroom app (axe-core)", () => {
  let checker: Browser;
  beforeAll(async () => {
    // The app's CSP allows only its own scripts; axe is injected by the test.
    checker = await browser({ bypassCSP: true });
  });

  it("the sign-in page has no violations", async () => {
    const { page } = checker;
    await page.goto(`${server.url}/admin`);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, "sign-in");
  });

  it("the dashboard has no violations", async () => {
    const { page } = checker;
    await signIn(page, OWNER.email);
    await page.getByRole("heading", { name: "Recently published" }).waitFor();
    await page.locator(".story-list").first().waitFor();
    await expectNoAxeViolations(page);
  });

  it("the editor, with an image, takeaways and a quote, has no violations", async () => {
    const { page } = checker;
    expect(featureId).toBeGreaterThan(0);
    await page.goto(`${server.url}/admin/articles/${featureId}`);
    await page.getByRole("textbox", { name: "Body" }).waitFor();
    await page.locator(".block--takeaways").waitFor();
    await page.locator(".block--image img").waitFor();
    await page.locator(".block--quote").waitFor();
    await expectNoAxeViolations(page);
  });

  it("the editor and the dashboard work at 768 px", async () => {
    const { page } = checker;
    await page.setViewportSize({ width: 768, height: 1000 });
    await page
      .getByRole("button", { name: "Publish" })
      .or(page.getByRole("button", { name: "Unpublish" }))
      .first()
      .waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "editor-768");
    await page.goto(`${server.url}/admin`);
    await page.getByRole("heading", { name: "Recently published" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, "dashboard-768");
    await expectNoAxeViolations(page);
  });
});
