import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, openBrowser } from "./support/browser.js";
import { ROOT, startServer, type TestServer } from "./support/server.js";
import { findPages, leadStoryPath, type SitePages } from "./support/site.js";

const SCREENSHOTS = path.join(ROOT, "test-results", "screenshots");
const FEED_ITEMS = "[data-feed] > li";
const MORE = { name: "Show more news" } as const;

let server: TestServer;
let pages: SitePages;

beforeAll(async () => {
  server = await startServer();
  pages = await findPages(server.url);
});

afterAll(async () => {
  await server?.stop();
});

/** Article links of the feed, in page order. */
function feedLinks(page: Page): Promise<string[]> {
  return page
    .locator(`${FEED_ITEMS} .card__title a`)
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
}

function feedTimes(page: Page): Promise<string[]> {
  return page.locator(`${FEED_ITEMS} time`).evaluateAll((times) => times.map((t) => t.getAttribute("datetime") ?? ""));
}

function pathOf(url: string): string {
  const { pathname, search } = new URL(url);
  return pathname + search;
}

describe("reading with JavaScript on", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser(server.origin);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a reader opens the English home page, sees the lead story and the feed, and opens the lead article", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/en/`);
    const lead = page.locator(".lead-story .card__title a");
    await expect(lead.isVisible()).resolves.toBe(true);
    const headline = (await lead.textContent()) ?? "";
    expect(headline.length).toBeGreaterThan(10);
    expect(await page.locator(FEED_ITEMS).count()).toBeGreaterThanOrEqual(10);

    await page.getByRole("link", { name: headline, exact: true }).first().click();
    await page.waitForURL(`${server.url}${pages.enArticle}`);

    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(headline);
    const dateline = page.locator(".article__meta time").first();
    expect(await dateline.getAttribute("datetime")).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await dateline.textContent())?.trim()).not.toBe("");
    const figure = page.locator("figure.article__lead");
    expect(await figure.locator("img").getAttribute("alt")).toBeTruthy();
    expect((await figure.locator("figcaption").textContent())?.trim()).not.toBe("");
    // The featured lead story of each edition is the flagship analysis with its key takeaways.
    expect(await page.locator('[data-block="takeaways"] li').count()).toBeGreaterThan(1);
    await expect(page.locator('[data-slot="video-of-the-day"]').isVisible()).resolves.toBe(true);
    for (const promo of ["newsletter", "map", "support", "follow"]) {
      expect(await page.locator(`[data-promo="${promo}"]`).count(), `promo ${promo}`).toBeGreaterThan(0);
    }
    const more = page.locator('a[rel="next"]');
    await expect(more.textContent()).resolves.toBe("Show more news");
    expect(browser.foreignRequests).toEqual([]);
  });

  it("'Show more news' appends the next pages in place until the end of the archive", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/en/`);
    await page.evaluate(() => {
      (window as unknown as { gazetteMarker: string }).gazetteMarker = "same document";
    });
    const seen = await feedLinks(page);
    const more = page.getByRole("link", MORE);

    // Bounded: the demo archive is a few pages long.
    for (let click = 0; click < 10 && (await more.count()) > 0; click++) {
      const href = (await more.getAttribute("href")) ?? "";
      expect(href).toContain("?after=");
      const before = await page.locator(FEED_ITEMS).count();
      await more.click();
      await page.waitForFunction(
        ([selector, count]) => document.querySelectorAll(selector as string).length > (count as number),
        [FEED_ITEMS, before] as const,
        { timeout: 10_000 },
      );
      expect(pathOf(page.url())).toBe(href);
      // No full navigation: the window of the first page is still there.
      expect(await page.evaluate(() => (window as unknown as { gazetteMarker?: string }).gazetteMarker)).toBe(
        "same document",
      );
      // Wait until the island has replaced the link (or put the end message in its place).
      await page.waitForFunction(
        (previous) => document.querySelector('a[rel="next"]')?.getAttribute("href") !== previous,
        href,
        { timeout: 10_000 },
      );
    }

    expect(await more.count()).toBe(0);
    await expect(page.locator(".feed-end").textContent()).resolves.toBe(
      "You have reached the beginning of the archive.",
    );
    const links = await feedLinks(page);
    expect(links.length).toBeGreaterThan(seen.length * 2);
    expect(new Set(links).size).toBe(links.length);
    expect(links.slice(0, seen.length)).toEqual(seen);
    const times = await feedTimes(page);
    expect([...times].sort().reverse()).toEqual(times);
    expect(browser.foreignRequests).toEqual([]);
  });

  it("the video of the day loads nothing from the provider until the reader presses play", async () => {
    const { page } = browser;
    const requested: string[] = [];
    const onRequest = (request: { url(): string }) => requested.push(request.url());
    page.on("request", onRequest);
    const player: string[] = [];
    await page.route(/^https:\/\/www\.youtube-nocookie\.com\//, (route) => {
      player.push(route.request().url());
      return route.abort("blockedbyclient");
    });
    try {
      await page.goto(`${server.url}${pages.enArticle}`);
      await page.waitForLoadState("networkidle");
      const slot = page.locator('[data-slot="video-of-the-day"]');
      await slot.scrollIntoViewIfNeeded();
      expect(requested.length).toBeGreaterThan(0);
      expect(requested.filter((url) => new URL(url).origin !== server.origin)).toEqual([]);
      expect(browser.foreignRequests).toEqual([]);
      expect(await slot.locator("iframe").count()).toBe(0);

      await slot.getByRole("link").click();
      const frame = slot.locator("iframe");
      await frame.waitFor({ state: "attached" });
      expect(await frame.getAttribute("src")).toMatch(/^https:\/\/www\.youtube-nocookie\.com\/embed\/[\w-]+\?/);
      expect(await frame.getAttribute("title")).toBeTruthy();
      expect(pathOf(page.url())).toBe(pages.enArticle);
      await expect.poll(() => player.length, { timeout: 5_000 }).toBeGreaterThan(0);
      expect(browser.foreignRequests).toEqual([]);
    } finally {
      page.off("request", onRequest);
      await page.unrouteAll();
    }
  });

  it("a keyboard reader starts at the skip link and always sees where the focus is", async () => {
    const { page } = browser;
    await page.goto(`${server.url}${pages.enArticle}`);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip.evaluate((a) => a === document.activeElement)).resolves.toBe(true);
    const box = await skip.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press("Enter");
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("main");

    for (const selector of [
      ".sections a",
      ".article-body a, .byline a",
      ".video-facade__link",
      ".signup input[type=email]",
      ".signup button",
      '[data-promo="support"] .button',
      'a[rel="next"]',
    ]) {
      const target = page.locator(selector).first();
      await target.focus();
      const ring = await target.evaluate((el) => {
        const style = getComputedStyle(el);
        return { visible: el.matches(":focus-visible"), style: style.outlineStyle, width: style.outlineWidth };
      });
      expect(ring, selector).toEqual({ visible: true, style: "solid", width: "3px" });
    }
  });

  it.each([
    { home: "/", lang: "uk" },
    { home: "/ru/", lang: "ru" },
    { home: "/en/", lang: "en" },
  ])("the edition at $home is marked up as lang=$lang, and so are its articles", async ({ home, lang }) => {
    const { page } = browser;
    await page.goto(`${server.url}${home}`);
    expect(await page.locator("html").getAttribute("lang")).toBe(lang);
    await page.locator(".lead-story .card__title a").click();
    await page.waitForURL((url) => url.pathname.includes("/news/"));
    expect(await page.locator("html").getAttribute("lang")).toBe(lang);
  });
});

describe("reading with JavaScript off", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser(server.origin, { javaScriptEnabled: false });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("'Show more news' is a plain link to the next page, which lists older stories", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/en/`);
    const firstLinks = await feedLinks(page);
    const firstTimes = await feedTimes(page);
    const more = page.getByRole("link", MORE);
    const href = (await more.getAttribute("href")) ?? "";
    expect(href).toMatch(/^\/en\/\?after=/);

    await more.click();
    await page.waitForURL(`${server.url}${href}`);

    const nextLinks = await feedLinks(page);
    const nextTimes = await feedTimes(page);
    expect(nextLinks.length).toBeGreaterThan(0);
    expect(nextLinks.filter((link) => firstLinks.includes(link))).toEqual([]);
    expect(nextTimes[0]! <= firstTimes.at(-1)!).toBe(true);
    // The video facade stays a link to the provider's page: nothing is embedded without a click.
    await page.goto(`${server.url}${pages.enArticle}`);
    expect(await page.locator('[data-slot="video-of-the-day"] a[href^="https://www.youtube.com/"]').count()).toBe(1);
    expect(browser.foreignRequests).toEqual([]);
  });
});

describe("layout at phone and desktop widths", () => {
  let browser: Browser;
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await openBrowser(server.origin);
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Loads every lazy image so the full-page screenshot shows the whole page. */
  async function loadAllImages(page: Page): Promise<void> {
    await page.evaluate(async () => {
      const images = [...document.images];
      for (const img of images) img.loading = "eager";
      const loaded = Promise.all(images.map((img) => img.decode().catch(() => undefined)));
      await Promise.race([loaded, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      await document.fonts.ready;
    });
  }

  it.each([
    { width: 375, name: "home" },
    { width: 375, name: "article" },
    { width: 1280, name: "home" },
    { width: 1280, name: "article" },
  ])("the $name page at $width px fits the screen (screenshot saved)", async ({ width, name }) => {
    const { page } = browser;
    await page.setViewportSize({ width, height: width < 700 ? 812 : 900 });
    await page.goto(`${server.url}${name === "home" ? "/en/" : pages.enArticle}`);
    await loadAllImages(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, `en-${name}-${width}.png`), fullPage: true });

    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    const headingFont = await page
      .locator("h1, .card--lead .card__title")
      .first()
      .evaluate((h) => getComputedStyle(h).fontFamily);
    expect(headingFont).toContain("PT Serif");
    if (name === "article") {
      const photo = await page.locator(".article__lead img").boundingBox();
      // Characters per line of body text: the column width over the average width of its characters.
      const perLine = await page
        .locator(".article-body > p")
        .first()
        .evaluate((p) => {
          const context = document.createElement("canvas").getContext("2d")!;
          context.font = getComputedStyle(p).font;
          const text = p.textContent ?? "";
          return p.getBoundingClientRect().width / (context.measureText(text).width / text.length);
        });
      // The video facade's title and its play button never overlap.
      const title = await page.locator(".video-facade__title").boundingBox();
      const play = await page.locator(".video-facade__play").boundingBox();
      expect(title!.y + title!.height).toBeLessThanOrEqual(play!.y);
      if (width < 700) {
        // Photos run edge to edge on phones.
        expect(photo?.x).toBe(0);
        expect(photo?.width).toBe(width);
      } else {
        // A readable measure of about 65 characters.
        expect(perLine).toBeGreaterThan(55);
        expect(perLine).toBeLessThan(75);
      }
    }
    expect(browser.foreignRequests).toEqual([]);
  });
});

describe("reading on a 390 px phone, JavaScript off", () => {
  const EDITIONS = [
    { code: "uk", base: "/", query: "Бахмуті" },
    { code: "ru", base: "/ru/", query: "Бахмут" },
    { code: "en", base: "/en/", query: "Bakhmut" },
  ];
  let browser: Browser;
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await openBrowser(server.origin, { javaScriptEnabled: false, width: 390, height: 844 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function pagesOf(base: string, query: string): Promise<Record<string, string>> {
    const home = await (await fetch(`${server.url}${base}`)).text();
    const section = home.match(/<nav class="sections"[\s\S]*?href="([^"]*\/section\/[^"]+)"/)?.[1];
    if (!section) throw new Error(`No section link on ${base}`);
    return {
      home: base,
      article: await leadStoryPath(server.url, base),
      section,
      search: `${base}search?q=${encodeURIComponent(query)}`,
    };
  }

  it.each(EDITIONS)(
    "the $code edition's home, article, section and search pages never scroll sideways, and every section and search show without a tap",
    async ({ code, base, query }) => {
      const { page } = browser;
      for (const [name, url] of Object.entries(await pagesOf(base, query))) {
        await page.goto(`${server.url}${url}`);
        await page.screenshot({ path: path.join(SCREENSHOTS, `${code}-${name}-390.png`) });
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${code} ${name}`).toBeLessThanOrEqual(
          390,
        );
        const links = page.locator("nav.sections a");
        const count = await links.count();
        expect(count).toBeGreaterThan(2);
        for (let i = 0; i < count; i++) {
          const link = links.nth(i);
          // Visible and inside the screen's width: no part of the menu hides behind a sideways scroll.
          await expect(link.isVisible(), `${code} ${name} link ${i}`).resolves.toBe(true);
          const box = await link.boundingBox();
          expect(box!.x).toBeGreaterThanOrEqual(0);
          expect(box!.x + box!.width).toBeLessThanOrEqual(390);
        }
        expect(await page.locator(`nav.sections a[href^="${base}search"]`).isVisible()).toBe(true);
      }
    },
  );

  it("an English article shows the English newsletter card before the Russian one", async () => {
    const { page } = browser;
    await page.goto(`${server.url}${pages.enArticle}`);
    const languages = await page
      .locator('[data-promo="newsletter"] h2')
      .evaluateAll((titles) => titles.map((h) => h.getAttribute("lang")));
    expect(languages.length).toBeGreaterThan(1);
    expect(languages[0]).toBe("en");
    expect(browser.foreignRequests).toEqual([]);
  });
});
