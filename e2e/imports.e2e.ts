/**
 * The imports screen in Chromium against a real server: the owner uploads a WordPress export,
 * previews it (a dry run that shows counts and imports nothing), imports it, reads the report, and
 * an old permalink of the WordPress site then answers 301 to the new article.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "./support/browser.js";
import { setUpOwner } from "./support/owner.js";
import { ROOT, startServer, type TestServer } from "./support/server.js";

const FIXTURE = path.join(ROOT, "src", "imports", "fixtures", "wordpress-1.2.xml");
const OLD_PERMALINK = "/2026/03/floods-reach-the-old-town/";
const PASSWORD = "a long enough passphrase";
const OWNER = { name: "Ivan Importer", email: "imports-owner@gazette.test" };

let server: TestServer;
let owner: Browser;
let page: Page;

function countIn(table: ReturnType<Page["locator"]>, label: string): Promise<number> {
  return table
    .getByRole("row", { name: new RegExp(`^${label}\\b`) })
    .locator("td")
    .textContent()
    .then((text) => Number((text ?? "").replace(/\D/g, "")));
}

async function startRun(button: "Preview (dry run)" | "Import"): Promise<ReturnType<Page["locator"]>> {
  await page.getByLabel("Source").selectOption("wordpress");
  await page.getByLabel("Images").selectOption("skip");
  await page.getByLabel("Export file").setInputFiles(FIXTURE);
  await page.getByRole("button", { name: button, exact: true }).click();
  const kind = button === "Import" ? "Import" : "Preview";
  const heading = page.getByRole("heading", { level: 2, name: new RegExp(`^${kind} #\\d+: Finished$`) });
  await heading.waitFor({ timeout: 30_000 });
  return page.locator("section", { has: heading });
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

describe("importing a WordPress archive in the newsroom app", () => {
  it("previews, imports, reports, and the old permalink then leads to the new article", async () => {
    await page.getByRole("link", { name: "Imports" }).click();
    await page.getByRole("heading", { level: 1, name: "Imports" }).waitFor();

    const preview = await startRun("Preview (dry run)");
    expect(await countIn(preview, "Would create")).toBeGreaterThan(0);
    await expect(preview.getByRole("heading", { name: "Sample stories" }).count()).resolves.toBe(1);
    // A dry run writes nothing: the old address is not redirected yet.
    const before = await fetch(`${server.url}${OLD_PERMALINK}`, { redirect: "manual" });
    expect(before.status).not.toBe(301);

    const run = await startRun("Import");
    const created = await countIn(run, "Created");
    expect(created).toBeGreaterThan(0);
    expect(await countIn(run, "Redirects")).toBeGreaterThan(0);
    // The header row and the two runs, newest first.
    await page.getByRole("table", { name: "Past imports" }).getByRole("row").nth(2).waitFor();

    const old = await fetch(`${server.url}${OLD_PERMALINK}`, { redirect: "manual" });
    expect(old.status).toBe(301);
    const target = old.headers.get("location");
    expect(target).toMatch(/floods-reach-the-old-town/);
    await page.goto(`${server.url}${OLD_PERMALINK}`);
    expect(page.url()).toBe(target);
    await page.getByRole("heading", { level: 1, name: /Floods reach the old town/ }).waitFor();

    await page.goto(`${server.url}/admin/redirects`);
    await page.getByRole("heading", { level: 1, name: "Redirects" }).waitFor();
    const oldPath = OLD_PERMALINK.replace(/\/$/, "");
    await page.getByRole("cell", { name: oldPath }).first().waitFor();
    // The fixture has several redirects to this story (its permalink, ?p=101, old slugs): the search narrows to one.
    await page.getByLabel("Old address contains").fill("floods-reach");
    await page.getByRole("button", { name: "Search" }).click();
    const table = page.getByRole("table", { name: "Redirects" });
    await expect.poll(() => table.getByRole("row").count()).toBe(2);
    const row = table.getByRole("row", { name: new RegExp(oldPath) });
    await row.getByRole("button", { name: /^Remove/ }).click();
    await row.getByRole("button", { name: /^Remove now/ }).click();
    await row.waitFor({ state: "detached" });
    const gone = await fetch(`${server.url}${OLD_PERMALINK}`, { redirect: "manual" });
    expect(gone.status).not.toBe(301);
  });
});
