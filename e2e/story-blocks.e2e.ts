/**
 * Issue 19's story blocks together, in Chromium against the compiled server with the social
 * platforms pointed at test/fake-social.ts: an author builds one story through the admin API the
 * editor uses (three uploaded photos as a gallery, a Telegram card fetched from the fake platform,
 * an X post typed by hand, an audio clip with a transcript, a PDF) and publishes it. A reader then
 * reads it without JavaScript and with it (viewer, player, facades) while every request is
 * recorded; nothing leaves the site until a facade is pressed. The page passes axe and the Nu
 * validator and stays under 100 KB of HTML, CSS and JS.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AxeResults, Result } from "axe-core";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSocial } from "../test/fake-social.js";
import { mp3Clip, pdfDocument } from "../test/media-fixtures.js";
import { adminApi, createApiToken, setUpOwnerViaApi } from "./support/admin-api.js";
import { type Browser, measureTransfer, openBrowser } from "./support/browser.js";
import { ROOT, startServer, type TestServer } from "./support/server.js";

const AXE = path.join(ROOT, "node_modules", "axe-core", "axe.min.js");
const VNU = path.join(ROOT, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
const BUDGET_BYTES = 100 * 1024;

const TELEGRAM = "https://t.me/city_alerts/9904";
const X_POST = "https://x.com/frontline_news/status/1731000000000000000";
const METRO = "Metro stations are open as shelters until the all-clear.";
const TRANSCRIPT = "The sirens started at four.\n\nBy six the shelters were full.";

let server: TestServer;
let fake: FakeSocial;
let bearer: Record<string, string>;
let call: ReturnType<typeof adminApi>;
const browsers: Browser[] = [];
let articleUrl = "";
let clipUrl = "";
let photoUrls: string[] = [];

interface MediaDto {
  id: number;
  url: string;
}

/** Uploads a file to the media library as the editor's upload dialogs do (multipart, `file` + `alt`). */
async function upload(name: string, type: string, bytes: Buffer, alt: string, credit?: string): Promise<MediaDto> {
  const form = new FormData();
  form.set("alt", alt);
  if (credit) form.set("credit", credit);
  form.set("file", new Blob([new Uint8Array(bytes)], { type }), name);
  const response = await fetch(`${server.url}/admin/api/media`, { method: "POST", headers: bearer, body: form });
  if (response.status !== 201) throw new Error(`upload ${name}: ${response.status} ${await response.text()}`);
  return (await response.json()) as MediaDto;
}

const photo = (background: string) =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background } })
    .jpeg()
    .toBuffer();

/** A browser that also records every request any of its pages makes, on this origin or not. */
async function reader(javaScriptEnabled: boolean): Promise<Browser & { requests: string[]; mediaRequests: string[] }> {
  const browser = await openBrowser(server.origin, { javaScriptEnabled });
  browsers.push(browser);
  const requests: string[] = [];
  const mediaRequests: string[] = [];
  browser.context.on("request", (request) => {
    requests.push(request.url());
    if (request.resourceType() === "media") mediaRequests.push(request.url());
  });
  return Object.assign(browser, { requests, mediaRequests });
}

const foreign = (urls: string[]) => urls.filter((url) => /^https?:/.test(url) && new URL(url).origin !== server.origin);

function describeViolations(violations: Result[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}`).join("\n")}`)
    .join("\n");
}

/** Collects the page's CSP violation reports, from the DOM event and from the console. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("__reportCsp", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportCsp(text: string): void }).__reportCsp(
        `${event.violatedDirective} blocked ${event.blockedURI}`,
      );
    });
  });
  return violations;
}

beforeAll(async () => {
  fake = await FakeSocial.start();
  fake.addPost(TELEGRAM, { author: "City Alerts", image: true, publishedAt: "2026-12-01T03:58:00Z", text: METRO });
  server = await startServer({ env: fake.envFor() });
  const session = await setUpOwnerViaApi(server);
  // Authors may publish their own stories: the whole story is built and published as one.
  const token = await createApiToken(server, session, "War desk author", "author");
  bearer = { authorization: `Bearer ${token}` };
  call = adminApi(server, token);
});

afterAll(async () => {
  for (const browser of browsers) await browser.close().catch(() => undefined);
  await server?.stop();
  await fake?.close();
});

describe("a story with every issue-19 block", () => {
  it("an author uploads the media, fetches the Telegram card, types the X post and publishes", async () => {
    const photos = [
      await upload("shelter.jpg", "image/jpeg", await photo("#345"), "People asleep on a metro platform", "Ira Lens"),
      await upload("street.jpg", "image/jpeg", await photo("#543"), "A street at dawn after the raid", "Ira Lens"),
      await upload("repair.jpg", "image/jpeg", await photo("#453"), "Workers fixing a power line", "Ira Lens"),
    ];
    photoUrls = photos.map((p) => p.url);
    const clip = await upload("briefing.mp3", "audio/mpeg", mp3Clip(200), "Morning briefing");
    clipUrl = clip.url;
    const pdf = await upload("report.pdf", "application/pdf", pdfDocument(3), "Damage report");
    const telegram = await call<Record<string, unknown>>("POST", "/social-cards", { url: TELEGRAM });
    expect(telegram.author).toBe("City Alerts");
    expect(telegram.mediaId).toEqual(expect.any(Number));

    const created = await call<{ id: number; version: number }>("POST", "/articles", {
      edition: "en",
      title: "The night the city went underground",
      body: {
        type: "doc",
        content: [
          { type: "paragraph", content: [{ type: "text", text: "The raid began a little before four." }] },
          {
            type: "gallery",
            attrs: {
              layout: "grid",
              photos: photos.map((p, n) => ({ mediaId: p.id, caption: `Photo ${n + 1} of the night.` })),
            },
          },
          { type: "socialPost", attrs: telegram },
          {
            type: "socialPost",
            attrs: {
              platform: "x",
              url: X_POST,
              author: "Frontline News on X",
              text: "The post was deleted the next morning.",
              postedAt: "2026-12-01",
              mediaId: null,
              quotedOn: "2026-12-02",
              source: "manual",
            },
          },
          { type: "audio", attrs: { mediaId: clip.id, title: "Morning briefing", transcript: TRANSCRIPT } },
          { type: "document", attrs: { mediaId: pdf.id, title: "Damage report" } },
        ],
      },
    });
    const published = await call<{ url: string }>("POST", `/articles/${created.id}/publish`);
    articleUrl = new URL(published.url, server.url).href;
    expect(articleUrl.startsWith(`${server.url}/en/`)).toBe(true);
  });

  it("without JavaScript everything is readable and nothing is asked of another host", async () => {
    const { page, requests, foreignRequests } = await reader(false);
    const requestsBefore = fake.requests.length;
    const response = await page.goto(articleUrl, { waitUntil: "load" });
    expect(response?.status()).toBe(200);

    const images = page.locator('[data-block="gallery"] img');
    expect(await images.count()).toBe(3);
    expect(await images.evaluateAll((all) => all.map((img) => (img as HTMLImageElement).naturalWidth > 0))).toEqual([
      true,
      true,
      true,
    ]);
    expect(await page.locator('[data-block="gallery"] figcaption').allTextContents()).toEqual(
      photoUrls.map((_, n) => expect.stringContaining(`Photo ${n + 1} of the night.`)),
    );

    const cards = page.locator('[data-block="socialPost"]');
    expect(await cards.count()).toBe(2);
    expect(await cards.nth(0).textContent()).toContain(METRO);
    expect(await cards.nth(0).textContent()).toContain("City Alerts");
    expect(await cards.nth(1).textContent()).toContain("The post was deleted the next morning.");
    expect(await cards.nth(1).textContent()).toContain("Post as quoted on");

    const clip = page.locator('[data-block="audio"]');
    expect(await clip.locator("details summary").count()).toBe(1);
    expect(await clip.locator("details p").allTextContents()).toEqual([
      "The sirens started at four.",
      "By six the shelters were full.",
    ]);

    const card = page.locator('[data-block="document"]');
    expect(await card.textContent()).toContain("Damage report");
    expect(await card.textContent()).toContain("Pages: 3");
    const pdf = await fetch(new URL((await card.getAttribute("href")) ?? "", articleUrl));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-disposition")).toMatch(/^attachment;/);

    expect(foreign(requests)).toEqual([]);
    expect(foreignRequests).toEqual([]);
    expect(fake.requests.length).toBe(requestsBefore);
  });

  it("with JavaScript: the viewer, a player that waits for play, and facades that wait for a click", async () => {
    const { page, requests, mediaRequests, foreignRequests } = await reader(true);
    const csp = await watchCsp(page);
    await page.goto(articleUrl);
    await page.waitForLoadState("networkidle");

    // The gallery viewer opens from a thumbnail and Esc closes it.
    await page.locator('[data-block="gallery"] a.gallery__open').first().click();
    const viewer = page.getByRole("dialog", { name: "Photo gallery" });
    await viewer.waitFor();
    expect(await viewer.locator(".gallery-viewer__count").textContent()).toBe("1 / 3");
    await page.keyboard.press("Escape");
    await viewer.waitFor({ state: "detached" });

    // The native player: nothing of the clip is fetched before the reader presses play.
    const audio = page.locator('[data-block="audio"] audio');
    expect(await audio.count()).toBe(1);
    expect(await audio.getAttribute("preload")).toBe("none");
    const clipPath = new URL(clipUrl, server.url).pathname;
    expect(requests.filter((url) => new URL(url).pathname === clipPath)).toEqual([]);
    const sources = await audio.evaluate((el) =>
      [(el as HTMLAudioElement).currentSrc, ...[...el.querySelectorAll("source")].map((s) => s.src)].filter(Boolean),
    );
    for (const source of sources) expect(requests).not.toContain(source);
    expect(mediaRequests).toEqual([]);

    // Nothing has left the site: every request recorded by the page and by the route block.
    expect(foreign(requests)).toEqual([]);
    expect(foreignRequests).toEqual([]);

    await page.getByRole("link", { name: "Show the original on Telegram" }).click();
    await page.locator("iframe.social-post__frame").waitFor();
    await expect.poll(() => foreignRequests, { timeout: 10_000 }).toContain(`${TELEGRAM}?embed=1`);
    expect(foreign(requests).every((url) => url.startsWith(`${TELEGRAM}?embed=1`))).toBe(true);
    expect(foreignRequests.every((url) => url.startsWith(`${TELEGRAM}?embed=1`))).toBe(true);
    expect(csp).toEqual([]);

    // Pressing play is what fetches the clip, from the site (so the check above could see it).
    await audio.evaluate((el) => (el as HTMLAudioElement).play().catch(() => undefined));
    await expect.poll(() => mediaRequests, { timeout: 10_000 }).not.toEqual([]);
    expect(mediaRequests.every((url) => new URL(url).origin === server.origin)).toBe(true);
  });

  it("axe finds no violations on the article page", async () => {
    // The page's CSP allows only its own scripts; axe is injected by the test.
    const browser = await openBrowser(server.origin, { bypassCSP: true });
    browsers.push(browser);
    const response = await browser.page.goto(articleUrl);
    expect(response?.status()).toBe(200);
    await browser.page.addScriptTag({ path: AXE });
    const results = await browser.page.evaluate(() =>
      (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run(),
    );
    expect(results.violations, describeViolations(results.violations)).toEqual([]);
    expect(browser.foreignRequests).toEqual([]);
  });

  it("the W3C Nu validator finds no errors in the article page's HTML", async () => {
    const java = spawnSync("java", ["-version"], { encoding: "utf8" });
    if (java.error) throw new Error("`java` is not on PATH: the Nu validator needs Java (default-jre-headless).");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-e2e-vnu-"));
    try {
      const file = path.join(dir, "article.html");
      fs.writeFileSync(file, await (await fetch(articleUrl)).text());
      const run = spawnSync("java", ["-jar", VNU, "--format", "json", "--stdout", file], {
        encoding: "utf8",
        maxBuffer: 32 * 1024 * 1024,
        timeout: 60_000,
      });
      if (!run.stdout) throw new Error(`The Nu validator produced no output: ${run.stderr || run.error}`);
      const report = JSON.parse(run.stdout) as {
        messages: { type: string; subType?: string; message: string; extract?: string; lastLine?: number }[];
      };
      const errors = report.messages.filter((m) => m.type === "error" || m.subType === "fatal");
      const text = errors.map((m) => `  ${m.lastLine}: ${m.message}\n    ${m.extract ?? ""}`).join("\n");
      expect(errors, `Nu validator errors:\n${text}`).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the page's HTML, CSS and JS transfer in under 100 KB", async () => {
    const browser = await openBrowser(server.origin);
    browsers.push(browser);
    const entries = await measureTransfer(browser.page, articleUrl);
    const counted = entries.filter((e) => ["Document", "Stylesheet", "Script"].includes(e.type));
    const total = counted.reduce((sum, e) => sum + e.bytes, 0);
    const lines = counted.map((e) => `  ${String(e.bytes).padStart(7)}  ${e.type.padEnd(10)} ${e.status} ${e.url}`);
    console.log(`Story-blocks article transfer (HTML + CSS + JS):\n${lines.join("\n")}\n  ${total} bytes in total`);
    expect(counted.filter((e) => e.type === "Document")).toHaveLength(1);
    expect(counted.every((e) => !e.failure && e.status >= 200 && e.status < 400)).toBe(true);
    expect(total).toBeLessThan(BUDGET_BYTES);
    expect(browser.foreignRequests).toEqual([]);
  });
});
