/**
 * Publication safety (Gazette #20) in Chromium against a real server. The wartime publication
 * check: the owner turns it on for the English edition on its settings screen; an editor writes a
 * strike story that names a street address, presses Publish, reads the findings and why, dismisses them with a reason, and
 * is told a second editor must approve (and may not approve it herself); a second editor, in a
 * browser of his own, approves and publishes; an edit naming another address is stopped at Update
 * the same way, and so is a live blog's entry naming a street until the finding is dismissed; the
 * owner's audit log names both editors and the reason.
 * Embargoes: a story scheduled at its embargo, a few seconds ahead, is on no channel (its page,
 * lists, feeds, sitemaps, search, the Content API, the preview, Telegram) until then, and on all
 * of them after.
 */
import path from "node:path";
import type { AxeResults } from "axe-core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_BOT_TOKEN, FAKE_CHAT_ID, FakeTelegram } from "../test/fake-telegram.js";
import { type OwnerSession, setUpOwnerViaApi } from "./support/admin-api.js";
import type { Browser } from "./support/browser.js";
import { ROOT, startServer, type TestServer } from "./support/server.js";
import { inviteStaff, type StaffSession, sessionApi, signedInBrowser } from "./support/staff.js";

const AXE = path.join(ROOT, "node_modules", "axe-core", "axe.min.js");
const PASSWORD = "a long enough passphrase";
const OWNER = { name: "Oksana Owner", email: "owner@safety.test", password: PASSWORD };
const WRITER = { name: "Iryna Editor", email: "iryna@safety.test", password: PASSWORD };
const SECOND = { name: "Petro Editor", email: "petro@safety.test", password: PASSWORD };
const HEADLINE = "Night strike on a residential block";
const STRIKE_TEXT = "A missile hit a nine-storey building at 14 Shevchenko Street shortly after midnight.";
const REASON = "The address was announced by the regional administration an hour ago.";

let server: TestServer;
let telegram: FakeTelegram;
let owner: OwnerSession;
let writer: StaffSession;
let second: StaffSession;
const browsers: Browser[] = [];

async function browserOf(session: StaffSession, options: { bypassCSP?: boolean } = {}): Promise<Page> {
  const opened = await signedInBrowser(server, session, options);
  browsers.push(opened);
  return opened.page;
}

/** Presses Publish, and "Publish anyway" when the editor's own checks (no section, no image) ask. */
async function pressPublish(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const anyway = page.getByRole("button", { name: "Publish anyway" });
  const check = page.getByRole("dialog", { name: "Publication check" });
  const view = page.getByRole("link", { name: "View on the site" });
  await anyway.or(check).or(view).first().waitFor();
  if (await anyway.isVisible()) await anyway.click();
}

beforeAll(async () => {
  telegram = await FakeTelegram.start();
  server = await startServer({ env: { TELEGRAM_API_BASE: telegram.url } });
  owner = await setUpOwnerViaApi(server, OWNER);
  writer = await inviteStaff(server, owner, WRITER, "editor");
  second = await inviteStaff(server, owner, SECOND, "editor");
});

afterAll(async () => {
  for (const opened of browsers) await opened.close().catch(() => undefined);
  await server?.stop();
  await telegram?.close();
});

describe("the wartime publication check", () => {
  let articleId = 0;
  let articlePath = "";

  it("a flagged strike story cannot go out until a second editor approves", async () => {
    // The owner turns the check on for the English edition on its settings screen.
    // Its page runs axe, an injected script the newsroom's CSP would refuse.
    const settings = await browserOf(owner, { bypassCSP: true });
    await settings.goto(`${server.url}/admin/settings/publication-check`);
    await settings.getByRole("heading", { level: 1, name: "Publication check" }).waitFor();
    const english = settings.getByRole("form", { name: "Publication check for English" });
    await english.waitFor();
    await settings.addScriptTag({ path: AXE });
    const results = await settings.evaluate(() =>
      (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run(),
    );
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    // At a phone's width the screen fits without scrolling sideways.
    await settings.setViewportSize({ width: 375, height: 812 });
    await expect(settings.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(375);
    await settings.setViewportSize({ width: 1280, height: 900 });
    await english.getByLabel("Check this edition's stories before they go out").check();
    await expect(english.getByLabel("Delay after the event, in hours").inputValue()).resolves.toBe("3");
    await expect(english.getByLabel("Precise place soon after a strike").isChecked()).resolves.toBe(true);
    await english.getByRole("button", { name: "Save the check for English" }).click();
    await english.getByText("The check is on for the English edition.").waitFor();
    const saved = await sessionApi(server, owner).call<{ enabled: boolean; delayMinutes: number }>(
      "GET",
      "/publication-check/settings/en",
    );
    expect(saved).toMatchObject({ enabled: true, delayMinutes: 180, disabledRules: [] });

    // The writer drafts the story in the app and presses Publish.
    const page = await browserOf(writer);
    await page.goto(`${server.url}/admin/articles/new`);
    await page.getByLabel("Edition").selectOption("en");
    await page.getByLabel("Headline").fill(HEADLINE);
    await page.getByRole("button", { name: "Create the draft" }).click();
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    articlePath = new URL(page.url()).pathname;
    articleId = Number(articlePath.split("/").at(-1));
    await page.getByRole("textbox", { name: "Body" }).click();
    await page.keyboard.type(STRIKE_TEXT);
    await pressPublish(page);

    // The panel lists the finding, the rule and why; nothing went out.
    const check = page.getByRole("dialog", { name: "Publication check" });
    await check.waitFor();
    const finding = check.getByRole("listitem").filter({ hasText: "14 Shevchenko Street" });
    await expect(finding.textContent()).resolves.toContain("Precise place soon after a strike");
    await expect(finding.textContent()).resolves.toContain("finer than a city district");
    const api = sessionApi(server, writer);
    expect((await api.call<{ status: string }>("GET", `/articles/${articleId}`)).status).not.toBe("published");

    // She dismisses it with a reason and is told a second editor must approve.
    await check.getByLabel("Why is it safe to publish?").fill(REASON);
    await check.getByRole("button", { name: "Acknowledge" }).click();
    await check.getByText("Waiting for a second editor to approve this story.").waitFor();

    // She may not approve her own story.
    await check.getByRole("button", { name: "Approve" }).click();
    await check.getByRole("alert").getByText("approved by another editor", { exact: false }).waitFor();
    const own = await api.raw("POST", `/articles/${articleId}/approve`);
    expect(own.status).toBe(403);
    const again = await api.raw("POST", `/articles/${articleId}/publish`);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe("second_approval_required");

    // Publishing again opens the panel on the second editor's step.
    await check.getByRole("button", { name: "Close" }).first().click();
    await check.waitFor({ state: "hidden" });
    await pressPublish(page);
    await check.getByText("Waiting for a second editor to approve this story.").waitFor();
    await check.getByRole("button", { name: "Close" }).first().click();

    // The second editor, in a browser of his own, approves and publishes.
    const other = await browserOf(second);
    await other.goto(`${server.url}${articlePath}`);
    await other.getByLabel("Headline").waitFor();
    await pressPublish(other);
    const otherCheck = other.getByRole("dialog", { name: "Publication check" });
    await otherCheck.getByText("Waiting for a second editor to approve this story.").waitFor();
    await otherCheck.getByRole("button", { name: "Approve" }).click();
    await otherCheck.getByText("Approved by a second editor.").waitFor();
    await otherCheck.getByRole("button", { name: "Publish", exact: true }).click();
    const view = other.getByRole("link", { name: "View on the site" });
    await view.waitFor();
    const url = new URL((await view.getAttribute("href")) ?? "", server.url).href;
    await expect.poll(async () => (await fetch(url)).status, { timeout: 15_000 }).toBe(200);
  });

  it("an edit of the published story that names another address is stopped at Update with the panel", async () => {
    const page = await browserOf(writer);
    await page.goto(`${server.url}${articlePath}`);
    await page.getByRole("textbox", { name: "Body" }).click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" A second missile hit 22 Franko Street.");
    await page.getByText("Unpublished changes — the live page is unchanged.").waitFor({ timeout: 15_000 });
    await page.getByRole("button", { name: "Update", exact: true }).click();
    await page
      .getByRole("dialog", { name: "Update the live article?" })
      .getByRole("button", { name: "Update the live article" })
      .click();
    const check = page.getByRole("dialog", { name: "Publication check" });
    await check.getByRole("listitem").filter({ hasText: "22 Franko Street" }).waitFor();
    await check.getByLabel("Why is it safe to make these changes live?").waitFor();
    // Nothing of the edit reached the page.
    const published = await sessionApi(server, writer).call<{ url: string }>("GET", `/articles/${articleId}`);
    expect(await (await fetch(published.url)).text()).not.toContain("Franko");
    await check.getByRole("button", { name: "Go back" }).click();
  });

  it("a live blog's entry that names a street after a strike waits in the desk until its finding is dismissed", async () => {
    const api = sessionApi(server, writer);
    const blog = await api.call<{ id: number }>("POST", "/articles", {
      edition: "en",
      title: "Live: strikes overnight",
      kind: "live",
    });
    const { url } = await api.call<{ url: string }>("POST", `/articles/${blog.id}/publish`);
    const page = await browserOf(writer);
    await page.goto(`${server.url}/admin/articles/${blog.id}/live`);
    const composer = page.getByRole("form", { name: "New live entry" });
    await composer.getByLabel("Entry headline (optional)").fill("Strike on Sumska");
    await composer.locator(".ProseMirror").click();
    await page.keyboard.type("A drone hit the building at 31 Sumska Street a few minutes ago.");
    await composer.getByRole("button", { name: "Post entry" }).click();

    const check = page.getByRole("dialog", { name: "Publication check" });
    await check.getByRole("listitem").filter({ hasText: "31 Sumska Street" }).waitFor();
    expect(await (await fetch(url)).text()).not.toContain("Sumska");
    await check.getByLabel("Why is it safe to post this entry?").fill(REASON);
    await check.getByRole("button", { name: "Acknowledge" }).click();
    await page.getByText("Entry posted.").waitFor();
    await page
      .getByRole("list", { name: "Entries" })
      .getByRole("article", { name: "Entry Strike on Sumska" })
      .waitFor();
    await expect
      .poll(async () => (await (await fetch(url)).text()).includes("31 Sumska Street"), { timeout: 15_000 })
      .toBe(true);
  });

  it("the owner's audit log shows who dismissed the finding, why, and who approved", async () => {
    const page = await browserOf(owner);
    const row = (action: string) => page.getByRole("row").filter({ hasText: action });
    // Audit entries are written by durable listeners after the responses: look again until there.
    await expect
      .poll(
        async () => {
          await page.goto(`${server.url}/admin/audit`);
          await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
          await page.getByLabel("Article number").fill(String(articleId));
          await page.getByRole("button", { name: "Filter" }).click();
          await page.getByRole("row").filter({ hasText: HEADLINE }).first().waitFor();
          return (await row("Approved (second editor)").count()) > 0 && (await row("Published").count()) > 0;
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(true);
    const dismissed = await row("Dismissed findings").textContent();
    expect(dismissed).toContain(WRITER.name);
    expect(dismissed).toContain("precise_place_after_strike");
    expect(dismissed).toContain(REASON);
    await expect(row("Approved (second editor)").textContent()).resolves.toContain(SECOND.name);
    await expect(row("Published").textContent()).resolves.toContain(SECOND.name);
  });
});

describe("embargoes", () => {
  it("an embargoed story is absent from every channel until its time", async () => {
    const api = sessionApi(server, writer);
    const ownerApi = sessionApi(server, owner);
    await ownerApi.call("PUT", "/channels/telegram/en", {
      botToken: FAKE_BOT_TOKEN,
      chatId: FAKE_CHAT_ID,
      enabled: true,
    });
    const { key } = await ownerApi.call<{ key: string }>("POST", "/api-keys", { name: "Partner wire" });
    const { items: sections } = await api.call<{ items: { id: number; slug: string }[] }>(
      "GET",
      "/sections?edition=en",
    );
    const section = sections[0];
    if (!section) throw new Error("The demo has no English section");

    const title = "Embargoed harvest quota figures";
    const word = "Quotaharvest";
    const embargo = new Date(Date.now() + 15_000);
    embargo.setUTCMilliseconds(0);
    const created = await api.call<{ id: number; url: string }>("POST", "/articles", {
      edition: "en",
      title,
      section: section.id,
      body: {
        type: "doc",
        content: [
          { type: "paragraph", content: [{ type: "text", text: `${word}: the ministry's figures for the season.` }] },
        ],
      },
      embargoUntil: embargo.toISOString(),
    });
    const early = await api.raw("POST", `/articles/${created.id}/publish`);
    expect(early.status).toBe(409);
    expect(((await early.json()) as { code: string }).code).toBe("embargo_active");
    await api.call("POST", `/articles/${created.id}/schedule`, { at: embargo.toISOString(), timeZone: "UTC" });

    const path = new URL(created.url).pathname;
    const month = embargo.toISOString().slice(0, 7);
    const text = async (url: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`${server.url}${url}`, { headers });
      return { status: response.status, body: await response.text() };
    };
    const api1 = { authorization: `Bearer ${key}` };
    /** Where the story shows, channel by channel. */
    const channels = async () => ({
      page: (await text(path)).status === 200,
      lite: (await text(path.replace(/^\/en\/news\//, "/en/lite/news/"))).status === 200,
      home: (await text("/en/")).body.includes(title),
      section: (await text(`/en/section/${section.slug}`)).body.includes(title),
      rss: (await text("/en/feed.xml")).body.includes(title),
      atom: (await text("/en/atom.xml")).body.includes(title),
      json: (await text("/en/feed.json")).body.includes(title),
      sectionFeed: (await text(`/en/section/${section.slug}/feed.xml`)).body.includes(title),
      sitemap: (await text(`/sitemaps/articles-${month}.xml`)).body.includes(path),
      newsSitemap: (await text("/en/news-sitemap.xml")).body.includes(path),
      search: (await text(`/en/search?q=${word}`)).body.includes(path),
      apiList: (await text("/api/v1/articles?edition=en", api1)).body.includes(title),
      apiItem: (await text(`/api/v1/articles/${created.id}`, api1)).status === 200,
      preview: (await text(`/admin/api/articles/${created.id}/preview`)).status === 200,
      telegram: telegram.calls.some((call) => JSON.stringify(call.params).includes(title)),
    });
    const nowhere = {
      page: false,
      lite: false,
      home: false,
      section: false,
      rss: false,
      atom: false,
      json: false,
      sectionFeed: false,
      sitemap: false,
      newsSitemap: false,
      search: false,
      apiList: false,
      apiItem: false,
      preview: false,
      telegram: false,
    };

    // The listeners of the scheduling (audit log, search index, Telegram) run after its response:
    // once its audit entry is written, whatever they would leak has had its chance.
    await expect
      .poll(
        async () =>
          (await ownerApi.call<{ items: unknown[] }>("GET", `/audit?article=${created.id}&action=scheduled`)).items
            .length,
        { timeout: 15_000, interval: 250 },
      )
      .toBe(1);
    expect(await channels()).toEqual(nowhere);
    // The look above counts only if it was taken before the embargo ended.
    expect(Date.now()).toBeLessThan(embargo.getTime());

    // After the time, every channel carries it (the shared preview stays staff-only).
    await expect.poll(channels, { timeout: 45_000, interval: 1_000 }).toEqual({
      ...Object.fromEntries(Object.keys(nowhere).map((channel) => [channel, true])),
      preview: false,
    });
  }, 90_000);
});
