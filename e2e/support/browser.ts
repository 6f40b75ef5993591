import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

/** Debian's Chromium; Playwright's own browser downloads are never used. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface BrowserOptions {
  javaScriptEnabled?: boolean;
  /** Lets a test inject a script (axe-core) into pages whose CSP is `script-src 'self'`. */
  bypassCSP?: boolean;
  width?: number;
  height?: number;
  /** Instead of headless Chromium's own, which bot lists (the audience counter's) recognise. */
  userAgent?: string;
}

/** A browser profile of its own, with every request that is not for `origin` aborted and recorded. */
export interface Browser {
  context: BrowserContext;
  page: Page;
  /** URLs the pages tried to load from any host but the server. */
  foreignRequests: string[];
  close(): Promise<void>;
}

export async function openBrowser(origin: string, options: BrowserOptions = {}): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\`.`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-e2e-chromium-"));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      bypassCSP: options.bypassCSP ?? false,
      viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
      ...(options.userAgent ? { userAgent: options.userAgent } : {}),
      timeout: 30_000,
    });
  } catch (error) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  const foreignRequests: string[] = [];
  // Nothing leaves the machine: requests to any other host are recorded and aborted.
  await context.route(
    (url) => url.origin !== origin && (url.protocol === "http:" || url.protocol === "https:"),
    (route) => {
      foreignRequests.push(route.request().url());
      return route.abort("blockedbyclient");
    },
  );
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    foreignRequests,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface TransferEntry {
  url: string;
  type: string;
  /** HTTP status, or 0 when the request failed without a response. */
  status: number;
  bytes: number;
  failure?: string;
}

/**
 * Loads `url` with the cache disabled and returns the bytes each response took on the wire
 * (headers and body, as encoded), from the DevTools protocol's `Network.loadingFinished`.
 */
export async function measureTransfer(page: Page, url: string): Promise<TransferEntry[]> {
  const cdp = await page.context().newCDPSession(page);
  const requests = new Map<string, { url: string; type: string; status: number }>();
  const entries: TransferEntry[] = [];
  cdp.on("Network.requestWillBeSent", (event) => {
    requests.set(event.requestId, { url: event.request.url, type: event.type ?? "Other", status: 0 });
  });
  cdp.on("Network.responseReceived", (event) => {
    const request = requests.get(event.requestId);
    if (request) request.status = event.response.status;
  });
  cdp.on("Network.loadingFinished", (event) => {
    const request = requests.get(event.requestId);
    if (request) entries.push({ ...request, bytes: event.encodedDataLength });
  });
  cdp.on("Network.loadingFailed", (event) => {
    const request = requests.get(event.requestId);
    if (request) entries.push({ ...request, bytes: 0, failure: event.errorText });
  });
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await page.goto(url, { waitUntil: "load" });
  // Fonts and lazy images may finish after `load`; let the network go quiet.
  await page.waitForLoadState("networkidle", { timeout: 10_000 });
  await cdp.detach();
  return entries;
}
