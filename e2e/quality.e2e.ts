import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AxeResults, Result } from "axe-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, measureTransfer, openBrowser } from "./support/browser.js";
import { ROOT, startServer, type TestServer } from "./support/server.js";
import { findPages, type SitePages } from "./support/site.js";

const AXE = path.join(ROOT, "node_modules", "axe-core", "axe.min.js");
const VNU = path.join(ROOT, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
const BUDGET_BYTES = 100 * 1024;

const CHECKED: { page: keyof SitePages; label: string; status: number }[] = [
  { page: "enHome", label: "English home page", status: 200 },
  { page: "enArticle", label: "English flagship article", status: 200 },
  { page: "ukArticle", label: "Ukrainian article", status: 200 },
  { page: "ruSection", label: "Russian section page", status: 200 },
  { page: "enTag", label: "English tag page", status: 200 },
  { page: "enAuthor", label: "English author page", status: 200 },
  { page: "notFound", label: "404 page", status: 404 },
  { page: "badCursor", label: "400 bad-cursor page", status: 400 },
  { page: "ukSearch", label: "Ukrainian search results", status: 200 },
  { page: "enLiteHome", label: "English lite front page", status: 200 },
  { page: "ruLiteHome", label: "Russian lite front page", status: 200 },
  { page: "enLiteArticle", label: "English lite flagship article", status: 200 },
  { page: "ukLiteArticle", label: "Ukrainian lite flagship article", status: 200 },
];
const LITE_BUDGET_BYTES = 15 * 1024;

function describeViolations(violations: Result[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}`).join("\n")}`)
    .join("\n");
}

let server: TestServer;
let pages: SitePages;

beforeAll(async () => {
  server = await startServer();
  pages = await findPages(server.url);
});

afterAll(async () => {
  await server?.stop();
});

describe("accessibility (axe-core)", () => {
  let browser: Browser;
  beforeAll(async () => {
    // The pages' CSP allows only their own scripts; axe is injected by the test.
    browser = await openBrowser(server.origin, { bypassCSP: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(CHECKED)("the $label has no violations", async ({ page: name, status }) => {
    const { page } = browser;
    const response = await page.goto(`${server.url}${pages[name]}`);
    expect(response?.status()).toBe(status);
    await page.addScriptTag({ path: AXE });
    const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
    expect(results.violations, describeViolations(results.violations)).toEqual([]);
    expect(browser.foreignRequests).toEqual([]);
  });
});

describe("HTML validity (W3C Nu validator)", () => {
  interface VnuMessage {
    type: string;
    subType?: string;
    url?: string;
    message: string;
    extract?: string;
    lastLine?: number;
    lastColumn?: number;
  }
  const messages = new Map<string, VnuMessage[]>();

  beforeAll(async () => {
    const java = spawnSync("java", ["-version"], { encoding: "utf8" });
    if (java.error) {
      throw new Error("`java` is not on PATH: the Nu validator needs Java. Install `default-jre-headless`.");
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-e2e-vnu-"));
    try {
      const files: string[] = [];
      for (const { page: name, status } of CHECKED) {
        const response = await fetch(`${server.url}${pages[name]}`);
        expect(response.status).toBe(status);
        const file = path.join(dir, `${name}.html`);
        fs.writeFileSync(file, await response.text());
        files.push(file);
      }
      // One JVM for all pages: starting Java dominates the validator's run time.
      const run = spawnSync("java", ["-jar", VNU, "--format", "json", "--stdout", ...files], {
        encoding: "utf8",
        maxBuffer: 32 * 1024 * 1024,
        timeout: 60_000,
      });
      if (!run.stdout) throw new Error(`The Nu validator produced no output: ${run.stderr || run.error}`);
      const report = JSON.parse(run.stdout) as { messages: VnuMessage[] };
      for (const message of report.messages) {
        const name = path.basename(new URL(message.url ?? "file:/unknown").pathname, ".html");
        messages.set(name, [...(messages.get(name) ?? []), message]);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(CHECKED)("the $label has no errors", ({ page: name }) => {
    const errors = (messages.get(name) ?? []).filter((m) => m.type === "error" || m.subType === "fatal");
    const text = errors.map((m) => `  ${m.lastLine}:${m.lastColumn} ${m.message}\n    ${m.extract ?? ""}`).join("\n");
    expect(errors, `Nu validator errors on ${pages[name]}:\n${text}`).toEqual([]);
  });
});

describe("transfer budget", () => {
  it.each([
    { page: "enArticle" as const, label: "English article" },
    { page: "ukArticle" as const, label: "Ukrainian article" },
  ])("the $label loads in at most 100 KB without images, all from the server", async ({ page: name }) => {
    const browser = await openBrowser(server.origin);
    try {
      const entries = await measureTransfer(browser.page, `${server.url}${pages[name]}`);
      const counted = entries.filter((e) => e.type !== "Image");
      const total = counted.reduce((sum, e) => sum + e.bytes, 0);
      const images = entries.filter((e) => e.type === "Image").reduce((sum, e) => sum + e.bytes, 0);
      const lines = counted.map(
        (e) =>
          `  ${String(e.bytes).padStart(7)}  ${e.type.padEnd(10)} ${e.status} ${e.url}${e.failure ? ` (${e.failure})` : ""}`,
      );
      console.log(
        `Transfer for ${pages[name]}:\n${lines.join("\n")}\n  ${String(total).padStart(7)}  total without images` +
          ` (images: ${images} bytes)`,
      );
      expect(entries.length).toBeGreaterThan(0);
      expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
      expect(browser.foreignRequests).toEqual([]);
      for (const entry of entries) expect(new URL(entry.url).origin).toBe(server.origin);
      // A font or script that fails to load would make the page look cheaper than it is.
      const broken = entries.filter((e) => e.failure || e.status < 200 || e.status >= 400);
      expect(broken.map((e) => `${e.status} ${e.url} ${e.failure ?? ""}`)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe("lite transfer budget", () => {
  it.each([
    { page: "enLiteHome" as const, label: "English lite front page" },
    { page: "enLiteArticle" as const, label: "English lite flagship article" },
    { page: "ukLiteArticle" as const, label: "Ukrainian lite flagship article" },
  ])("the $label is one request of at most 15 KB, its style applied under the site's CSP", async ({ page: name }) => {
    const browser = await openBrowser(server.origin);
    try {
      const entries = await measureTransfer(browser.page, `${server.url}${pages[name]}`);
      const total = entries.reduce((sum, e) => sum + e.bytes, 0);
      console.log(`Lite transfer for ${pages[name]}: ${total} bytes in ${entries.length} request(s)`);
      expect(entries.map((e) => e.type)).toEqual(["Document"]);
      expect(total).toBeLessThanOrEqual(LITE_BUDGET_BYTES);
      expect(browser.foreignRequests).toEqual([]);
      // The inline style is allowed by its hash: the body gets its narrow column.
      const maxWidth = await browser.page.evaluate(() => getComputedStyle(document.body).maxWidth);
      expect(maxWidth).not.toBe("none");
    } finally {
      await browser.close();
    }
  });
});
