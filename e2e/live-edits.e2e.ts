/**
 * Edits to a published story in Chromium against a real server: autosave keeps them pending and
 * the public page as it was until "Update"; History → Restore opens an old version as the pending
 * revision, and "Update" makes it live with the byline and the correction intact. The server runs
 * with its page cache, as readers meet it: a pending save must purge nothing and change nothing.
 */
import path from "node:path";
import type { AxeResults } from "axe-core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi, createApiToken, setUpOwnerViaApi } from "./support/admin-api.js";
import { type Browser, openBrowser } from "./support/browser.js";
import { ROOT, startServer, type TestServer } from "./support/server.js";

const AXE = path.join(ROOT, "node_modules", "axe-core", "axe.min.js");

let server: TestServer;
let browser: Browser;
/** For axe, injected by the test: the app's CSP allows only its own scripts. */
let checker: Browser;
let call: ReturnType<typeof adminApi>;
let sessionCookie = "";

const paragraph = (text: string) => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});

/** The public page as a reader gets it (through the page cache). */
async function publicHtml(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return response.text();
}

async function openEditor(page: Page, id: number): Promise<void> {
  await page.goto(`${server.url}/admin/articles/${id}`);
  await page.getByRole("textbox", { name: "Body" }).waitFor();
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
  const described = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`);
  expect(described).toEqual([]);
}

interface ArticleDto {
  id: number;
  version: number;
  url: string;
  title: string;
}

beforeAll(async () => {
  server = await startServer();
  const session = await setUpOwnerViaApi(server);
  sessionCookie = session.sessionCookie;
  call = adminApi(server, await createApiToken(server, session, "Wire desk", "editor"));
  browser = await openBrowser(server.origin);
  await browser.context.addCookies([{ name: "gazette_session", value: sessionCookie, url: server.url }]);
  checker = await openBrowser(server.origin, { bypassCSP: true });
  await checker.context.addCookies([{ name: "gazette_session", value: sessionCookie, url: server.url }]);
});

afterAll(async () => {
  await checker?.close();
  await browser?.close();
  await server?.stop();
});

describe("editing a published story", () => {
  it("autosaves into unpublished changes; the public page changes only on Update", async () => {
    const created = await call<ArticleDto>("POST", "/articles", {
      edition: "en",
      title: "Harbour reopens after the storm",
      body: paragraph("The harbour reopened on Monday."),
    });
    const { url } = await call<{ url: string }>("POST", `/articles/${created.id}/publish`);
    const before = await publicHtml(url);
    expect(before).toContain("The harbour reopened on Monday.");
    const feedUrl = new URL("feed.xml", url.replace(/news\/.*$/, "")).toString();
    const feedBefore = await (await fetch(feedUrl)).text();

    const { page } = browser;
    await openEditor(page, created.id);
    await page.getByRole("textbox", { name: "Body" }).click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" Ferries resume at noon.");
    await page.getByText(/^Changes saved at .*, not yet live\.$/).waitFor({ timeout: 15_000 });
    await page.getByText("Unpublished changes — the live page is unchanged.").waitFor();

    const during = await publicHtml(url);
    expect(during).not.toContain("Ferries resume at noon.");
    expect(during).toBe(before);
    expect(await (await fetch(feedUrl)).text()).toBe(feedBefore);

    await page.getByRole("button", { name: "Update", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Update the live article?" });
    await dialog.locator("ins").filter({ hasText: "Ferries" }).first().waitFor();
    await dialog.getByRole("button", { name: "Update the live article" }).click();
    await page.getByText("Updated: the live page shows these changes.").waitFor();
    await expect(page.getByText("Unpublished changes — the live page is unchanged.").count()).resolves.toBe(0);

    const after = await publicHtml(url);
    expect(after).toContain("The harbour reopened on Monday. Ferries resume at noon.");
  });

  it("History → Restore opens the old version as pending; Update makes it live with byline and correction", async () => {
    const people = await call<{ items: { id: number; name: string }[] }>("GET", "/people?edition=en");
    const person = people.items[0];
    expect(person, "the demo content has people in the English edition").toBeDefined();
    if (!person) return;
    const first = await call<ArticleDto>("POST", "/articles", {
      edition: "en",
      title: "Grain barges wait at the locks",
      body: paragraph("Barges queued for a second day."),
    });
    const second = await call<ArticleDto>("PATCH", `/articles/${first.id}`, {
      version: first.version,
      title: "Grain barges move again",
      body: paragraph("The queue cleared overnight."),
      authors: [person.id],
    });
    expect(second.version).toBeGreaterThan(first.version);
    const { url } = await call<{ url: string }>("POST", `/articles/${first.id}/publish`);
    await call("POST", `/articles/${first.id}/notes`, {
      kind: "correction",
      text: "An earlier version gave the wrong number of locks.",
    });
    const before = await publicHtml(url);
    expect(before).toContain("Grain barges move again");
    expect(before).toContain("wrong number of locks");

    const { page } = browser;
    await openEditor(page, first.id);
    await page.getByRole("button", { name: `Restore version ${first.version}` }).click();
    await page.getByText(`Version ${first.version} restored by Desk Owner`, { exact: false }).waitFor();
    await expect(page.getByLabel("Headline").inputValue()).resolves.toBe("Grain barges wait at the locks");
    // The restored version is shown against the live one.
    const changes = page.locator(".pending-changes__diff");
    await changes.locator("del").filter({ hasText: "move" }).first().waitFor();
    await changes.locator("ins").filter({ hasText: "wait" }).first().waitFor();

    expect(await publicHtml(url)).toBe(before);

    await page.getByRole("button", { name: "Update", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Update the live article?" });
    await dialog.getByRole("button", { name: "Update the live article" }).click();
    await page.getByText("Updated: the live page shows these changes.").waitFor();

    const after = await publicHtml(url);
    expect(after).toContain("Grain barges wait at the locks");
    expect(after).toContain("Barges queued for a second day.");
    expect(after).toContain(person.name);
    expect(after).toContain("wrong number of locks");
    const history = await call<{ items: { label: string; restoredFrom: number | null; live: boolean }[] }>(
      "GET",
      `/articles/${first.id}/revisions`,
    );
    expect(history.items[0]).toMatchObject({ label: "updated", live: true, restoredFrom: first.version });
    expect(history.items.some((item) => item.label === "restored" && item.restoredFrom === first.version)).toBe(true);
  });

  it("the editor with unpublished changes, its history and the Update dialog have no axe violations", async () => {
    const created = await call<ArticleDto>("POST", "/articles", {
      edition: "en",
      title: "Tram line extended",
      body: paragraph("The tram reaches the station."),
    });
    const published = (await call<{ article: ArticleDto }>("POST", `/articles/${created.id}/publish`)).article;
    await call("PATCH", `/articles/${created.id}`, {
      version: published.version,
      pending: true,
      title: "Tram line extended to the airport",
    });
    const { page } = checker;
    await openEditor(page, created.id);
    await page.getByText("Unpublished changes — the live page is unchanged.").waitFor();
    await page.getByText("What changes against the live version").click();
    await page.locator(".pending-changes__diff ins").first().waitFor();
    await page.getByRole("button", { name: /^View version 1$/ }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Update", exact: true }).click();
    await page.getByRole("dialog", { name: "Update the live article?" }).locator("ins").first().waitFor();
    await expectNoAxeViolations(page);
  });
});
