import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, openBrowser } from "./support/browser.js";
import { startServer, type TestServer } from "./support/server.js";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser(server.origin);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("searching the news", () => {
  it("a reader finds Bakhmut stories by an inflected form, with the words marked, and switches language", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/`);
    await page.getByRole("link", { name: "Пошук", exact: true }).click();
    await page.getByRole("searchbox", { name: "Пошук новин" }).fill("Бахмуті");
    await page.getByRole("button", { name: "Шукати" }).click();
    await page.waitForURL(/\/search\?q=/);
    const status = (await page.getByRole("status").first().textContent()) ?? "";
    expect(status).toMatch(/^Знайдено \d+ матеріал/);
    const marks = await page.locator(".search-result mark").allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((text) => text.toLowerCase().startsWith("бахмут"))).toBe(true);

    // The first hit opens; the header's English link goes to the same story when it was translated.
    await page.locator(".search-result__title a").first().click();
    await page.locator("h1.article__title").waitFor();
    const english = await page.locator('.editions a[hreflang="en"]').getAttribute("href");
    expect(english).toMatch(/^\/en\/news\//);
  });

  it("answers a hostile query with a normal page", async () => {
    const { page } = browser;
    const response = await page.goto(
      `${server.url}/en/search?q=${encodeURIComponent(`"') OR 1=1; -- NEAR(a b) * ${"x".repeat(10_000)}`)}`,
    );
    expect(response?.status()).toBe(200);
    await page.getByRole("searchbox", { name: "Search the news" }).waitFor();
  });
});
