/**
 * The live desk in Chromium against a real server: from the article editor to the live blog's
 * own screen, an entry with a link posted from the composer, edited, its history read, and the
 * reader page marking it edited.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, openBrowser } from "./support/browser.js";
import { startServer, type TestServer } from "./support/server.js";

let server: TestServer;
let browser: Browser;
let cookie = "";
let csrfToken = "";

/** Sets up the owner from the one-time link; the browser and the API calls share the session. */
async function setUpOwner(): Promise<void> {
  const link = server.ownerSetupUrl();
  const token = link ? new URL(link).hash.replace(/^#token=/, "") : "";
  const setup = await fetch(`${server.url}/admin/api/auth/setup`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.origin },
    body: JSON.stringify({
      token,
      email: "desk@news.example",
      name: "Olena Desk",
      password: "a long live-desk password",
    }),
  });
  if (setup.status !== 201) throw new Error(`owner setup failed: ${setup.status} ${await setup.text()}`);
  csrfToken = ((await setup.json()) as { csrfToken: string }).csrfToken;
  cookie = (setup.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}/admin/api${path}`, {
    method,
    headers: {
      origin: server.origin,
      cookie,
      "x-csrf-token": csrfToken,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

beforeAll(async () => {
  server = await startServer();
  await setUpOwner();
  browser = await openBrowser(server.origin);
  await browser.context.addCookies([
    { name: "gazette_session", value: cookie.replace(/^gazette_session=/, ""), url: server.url },
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the live desk", () => {
  it("posts an entry with a link, edits it, shows its history, and readers see it was edited", async () => {
    const article = await call<{ id: number }>("POST", "/articles", {
      edition: "en",
      title: "Live: the night in Kharkiv",
      kind: "live",
    });
    const { url } = await call<{ url: string }>("POST", `/articles/${article.id}/publish`);
    const { page } = browser;

    await page.goto(`${server.url}/admin/articles/${article.id}`);
    await page.getByRole("link", { name: "Open the live desk" }).click();
    await page.getByRole("heading", { level: 1, name: "Live desk: Live: the night in Kharkiv" }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/admin/articles/${article.id}/live`);

    const composer = page.getByRole("form", { name: "New live entry" });
    await composer.getByLabel("Entry headline (optional)").fill("Power cut in the city");
    const body = composer.locator(".ProseMirror");
    await body.click();
    await page.keyboard.type("The city council's update");
    await page.keyboard.press("ControlOrMeta+a");
    await composer.getByRole("button", { name: "Link", exact: true }).click();
    const linkDialog = page.getByRole("dialog", { name: "Link" });
    await linkDialog.getByLabel("Address", { exact: false }).fill("https://example.org/council");
    await linkDialog.getByRole("button", { name: "Apply" }).click();
    await composer.getByRole("button", { name: "Post entry" }).click();
    await page.getByText("Entry posted.").waitFor();

    const entries = page.getByRole("list", { name: "Entries" });
    const entry = entries.getByRole("article", { name: "Entry Power cut in the city" });
    await expect(entry.getByRole("link", { name: "The city council's update" }).getAttribute("href")).resolves.toBe(
      "https://example.org/council",
    );
    // The composer is empty again, ready for the next entry.
    await expect.poll(() => composer.getByLabel("Entry headline (optional)").inputValue()).toBe("");

    await entry.getByRole("button", { name: "Edit entry Power cut in the city" }).click();
    const editor = entry.getByRole("form", { name: "Edit entry" });
    await editor.getByLabel("Entry headline (optional)").fill("Power back in most districts");
    await editor.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Entry updated.").waitFor();

    const edited = entries.getByRole("article", { name: "Entry Power back in most districts" });
    await expect(edited.locator(".live-desk__edited").textContent()).resolves.toContain("Edited");
    // The edit kept the rich body.
    await expect.poll(() => edited.getByRole("link", { name: "The city council's update" }).count()).toBe(1);

    await edited.getByRole("button", { name: "History of entry Power back in most districts" }).click();
    const history = edited.getByRole("region", { name: "History of entry Power back in most districts" });
    await history.getByText("Posted", { exact: true }).waitFor();
    // Read the list once both versions are on screen, not while it renders.
    await expect.poll(() => history.locator("li").count()).toBe(2);
    const lines = await history.locator("li").allTextContents();
    expect(lines[0]).toContain("Edited");
    expect(lines[0]).toContain("Power back in most districts");
    expect(lines[1]).toContain("Posted");
    expect(lines[1]).toContain("Power cut in the city");

    await page.getByRole("link", { name: "Back to the article" }).click();
    await page.getByRole("link", { name: "Open the live desk" }).waitFor();

    await page.goto(url);
    const readerEntry = page.locator(".live-entry").filter({ hasText: "Power back in most districts" });
    await expect(readerEntry.locator(".live-entry__edited").textContent()).resolves.toMatch(/edited/);
    await expect(readerEntry.locator(".live-entry__edited time").getAttribute("datetime")).resolves.toMatch(
      /^\d{4}-\d{2}-\d{2}T/,
    );
    await expect(
      readerEntry.getByRole("link", { name: "The city council's update" }).getAttribute("href"),
    ).resolves.toBe("https://example.org/council");
  }, 90_000);
});
