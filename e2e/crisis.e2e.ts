/**
 * Crisis mode in Chromium against a real server: the owner switches the English edition into
 * crisis mode in the newsroom app, the English front page becomes the lite page (one request,
 * no script) while the Ukrainian one does not, and switching off brings the full page back.
 */
import path from "node:path";
import type { AxeResults } from "axe-core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "./support/browser.js";
import { setUpOwner } from "./support/owner.js";
import { ROOT, startServer, type TestServer } from "./support/server.js";

const AXE = path.join(ROOT, "node_modules", "axe-core", "axe.min.js");
const OWNER = { name: "Olena Owner", email: "crisis-owner@gazette.test", password: "a long enough passphrase" };

let server: TestServer;
let owner: Browser;
let page: Page;

async function frontPage(url: string): Promise<{ html: string; cacheControl: string }> {
  const response = await fetch(url);
  return { html: await response.text(), cacheControl: response.headers.get("cache-control") ?? "" };
}

beforeAll(async () => {
  server = await startServer();
  owner = await setUpOwner(server, OWNER, { bypassCSP: true });
  page = owner.page;
});

afterAll(async () => {
  await owner?.close().catch(() => undefined);
  await server?.stop();
});

describe("crisis mode in the newsroom app", () => {
  it("switches the English front page to the lite page and back, leaving other editions alone", async () => {
    expect((await frontPage(`${server.url}/en/`)).html).toContain('<script type="module"');

    await page.goto(`${server.url}/admin/crisis`);
    await page.getByRole("heading", { level: 1, name: "Crisis mode" }).waitFor();
    const english = page.getByRole("region", { name: "English" });
    await english.getByText("Off", { exact: true }).waitFor();
    await page.addScriptTag({ path: AXE });
    const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    await english.getByRole("button", { name: "Switch crisis mode on" }).click();
    await page.getByText("Crisis mode is on for the English edition.").waitFor();
    await english.getByText("On", { exact: true }).waitFor();

    const crisis = await frontPage(`${server.url}/en/`);
    expect(crisis.html).not.toContain("<script");
    expect(crisis.html).toContain("light mode for now");
    expect(crisis.cacheControl).toContain("stale-if-error=604800");
    expect((await frontPage(`${server.url}/`)).html).toContain('<script type="module"');

    await english.getByRole("button", { name: "Switch crisis mode off" }).click();
    await page.getByText("Crisis mode is off for the English edition.").waitFor();
    const back = await frontPage(`${server.url}/en/`);
    expect(back.html).toContain('<script type="module"');
    expect(back.cacheControl).not.toContain("s-maxage");
  });
});
