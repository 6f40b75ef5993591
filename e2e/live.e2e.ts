/**
 * A live blog in Chromium against a real server: a reader keeps the page open while the desk
 * adds an entry through the admin API, and the entry appears at the top without a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi, createApiToken, setUpOwnerViaApi } from "./support/admin-api.js";
import { type Browser, openBrowser } from "./support/browser.js";
import { startServer, type TestServer } from "./support/server.js";

let server: TestServer;
let browser: Browser;
let call: ReturnType<typeof adminApi>;
/** The owner's session cookie value, for the newsroom app in the browser. */
let sessionCookie = "";

const paragraph = (text: string) => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});

beforeAll(async () => {
  server = await startServer();
  const session = await setUpOwnerViaApi(server);
  sessionCookie = session.sessionCookie;
  call = adminApi(server, await createApiToken(server, session, "Live desk", "editor"));
  browser = await openBrowser(server.origin);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("a live blog", () => {
  it("shows a new entry on an open reader page without a reload", async () => {
    const article = await call<{ id: number }>("POST", "/articles", {
      edition: "en",
      title: "Live: the day's events",
      kind: "live",
      body: paragraph("We follow the day as it unfolds."),
    });
    await call("POST", `/articles/${article.id}/live/entries`, {
      headline: "Morning summary",
      body: paragraph("Overnight, air defence was active."),
    });
    const { url } = await call<{ url: string }>("POST", `/articles/${article.id}/publish`);

    const { page } = browser;
    await page.goto(url);
    await expect(page.locator(".badge--live").textContent()).resolves.toContain("Live");
    await expect(page.locator(".live-entry").count()).resolves.toBe(1);
    let reloaded = false;
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) reloaded = true;
    });

    const entry = await call<{ id: number }>("POST", `/articles/${article.id}/live/entries`, {
      headline: "Explosions heard in the city centre",
      body: paragraph("Residents report several loud explosions."),
    });
    const added = page.locator(`#entry-${entry.id}`);
    // The island polls every 10 s.
    await added.waitFor({ state: "visible", timeout: 25_000 });
    await expect(added.getByRole("heading").textContent()).resolves.toBe("Explosions heard in the city centre");
    const order = await page.locator(".live-entry").evaluateAll((items) => items.map((item) => item.id));
    expect(order[0]).toBe(`entry-${entry.id}`);
    expect(reloaded).toBe(false);
  }, 60_000);
});

describe("the newsroom's live coverage panels", () => {
  it("adds and pins a live entry, appends a correction and raises the banner from the app", async () => {
    const { page, context } = browser;
    await context.addCookies([{ name: "gazette_session", value: sessionCookie, url: server.url }]);
    const article = await call<{ id: number }>("POST", "/articles", {
      edition: "en",
      title: "Live: the desk",
      kind: "live",
    });
    const { url } = await call<{ url: string }>("POST", `/articles/${article.id}/publish`);

    await page.goto(`${server.url}/admin/articles/${article.id}/live`);
    const composer = page.getByRole("form", { name: "New live entry" });
    await composer.getByLabel("Entry headline (optional)").fill("Sirens in Kharkiv");
    await composer.locator(".ProseMirror").click();
    await page.keyboard.type("Air raid alert in the region.");
    await composer.getByRole("button", { name: "Post entry" }).click();
    await page.getByText("Entry posted.").waitFor();
    await page.getByRole("button", { name: /^Pin entry Sirens in Kharkiv/ }).click();
    await page.getByText("Entry pinned.").waitFor();

    await page.goto(`${server.url}/admin/articles/${article.id}`);
    const notes = page.getByRole("region", { name: "Corrections & updates" });
    await notes.getByLabel("Note text", { exact: false }).fill("An earlier version misdated the alert.");
    await notes.getByRole("button", { name: "Append note" }).click();
    await notes.getByText("Correction published.").waitFor();

    await page.goto(`${server.url}/admin/banner?edition=en`);
    await page.getByLabel("Banner text").fill("Massive strike on Kyiv");
    await page.getByRole("button", { name: "Raise the banner" }).click();
    await page.getByText("The banner is up on the", { exact: false }).waitFor();

    await page.goto(url);
    await expect(page.locator(".breaking-banner").textContent()).resolves.toContain("Massive strike on Kyiv");
    await expect(page.locator(".live-entry--pinned h3").textContent()).resolves.toBe("Sirens in Kharkiv");
    await expect(page.locator(".article-note--correction").textContent()).resolves.toContain("misdated");
  }, 60_000);
});
