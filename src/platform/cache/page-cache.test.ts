import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { encodePage, makePage, PageCache } from "./page-cache.js";

const page = (html: string, keys: string[], status = 200) => makePage(status, "text/html", html, keys);

describe("page cache", () => {
  it("renders once and then serves hits without rendering", async () => {
    const cache = new PageCache({ enabled: true, maxEntries: 10 });
    let renders = 0;
    const render = async () => {
      renders++;
      return page("<p>a</p>", ["article:1"]);
    };
    expect((await cache.getOrRender("/a", render)).hit).toBe(false);
    expect((await cache.getOrRender("/a", render)).hit).toBe(true);
    expect(renders).toBe(1);
  });

  it("shares one render among concurrent misses of the same URL", async () => {
    const cache = new PageCache({ enabled: true, maxEntries: 10 });
    let renders = 0;
    const render = async () => {
      renders++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return page("x", ["k"]);
    };
    await Promise.all(Array.from({ length: 20 }, () => cache.getOrRender("/hot", render)));
    expect(renders).toBe(1);
  });

  it("purges exactly the pages carrying a key", async () => {
    const cache = new PageCache({ enabled: true, maxEntries: 10 });
    await cache.getOrRender("/article", async () => page("a", ["article:1", "home:en"]));
    await cache.getOrRender("/home", async () => page("h", ["home:en"]));
    await cache.getOrRender("/other", async () => page("o", ["article:2"]));
    expect(cache.purge(["article:1"])).toBe(1);
    expect(cache.get("/article")).toBeUndefined();
    expect(cache.get("/home")).toBeDefined();
    expect(cache.purge(["home:en"])).toBe(1);
    expect(cache.get("/other")).toBeDefined();
  });

  it("does not store a page whose render began before a purge", async () => {
    const cache = new PageCache({ enabled: true, maxEntries: 10 });
    let release: () => void = () => {};
    const pending = cache.getOrRender(
      "/a",
      () =>
        new Promise((resolve) => {
          release = () => resolve(page("stale", ["article:1"]));
        }),
    );
    cache.purge(["article:1"]);
    release();
    await pending;
    expect(cache.get("/a")).toBeUndefined();
  });

  it("drops a page once its expiry time has passed", async () => {
    let now = new Date("2026-03-21T12:00:00Z");
    const cache = new PageCache({ enabled: true, maxEntries: 10, now: () => now });
    const expiring = () =>
      makePage(200, "application/xml", "<urlset/>", ["home:en"], { expiresAt: new Date("2026-03-21T13:00:00Z") });
    await cache.getOrRender("/news-sitemap.xml", async () => expiring());
    expect((await cache.getOrRender("/news-sitemap.xml", async () => expiring())).hit).toBe(true);
    now = new Date("2026-03-21T13:00:00Z");
    expect((await cache.getOrRender("/news-sitemap.xml", async () => expiring())).hit).toBe(false);
  });

  it("evicts the least recently used page beyond its size", async () => {
    const cache = new PageCache({ enabled: true, maxEntries: 2 });
    await cache.getOrRender("/1", async () => page("1", []));
    await cache.getOrRender("/2", async () => page("2", []));
    cache.get("/1");
    await cache.getOrRender("/3", async () => page("3", []));
    expect(cache.get("/2")).toBeUndefined();
    expect(cache.get("/1")).toBeDefined();
    expect(cache.size).toBe(2);
  });

  it("does not cache 400 pages", async () => {
    const cache = new PageCache({ enabled: true, maxEntries: 10 });
    await cache.getOrRender("/bad", async () => page("bad", [], 400));
    expect(cache.get("/bad")).toBeUndefined();
  });

  it("renders every time when disabled", async () => {
    const cache = new PageCache({ enabled: false, maxEntries: 10 });
    let renders = 0;
    const render = async () => {
      renders++;
      return page("x", []);
    };
    await cache.getOrRender("/a", render);
    await cache.getOrRender("/a", render);
    expect(renders).toBe(2);
  });

  it("gives a strong ETag that changes with the bytes", () => {
    expect(page("a", []).etag).toBe(page("a", []).etag);
    expect(page("a", []).etag).not.toBe(page("b", []).etag);
    expect(page("a", []).etag).toMatch(/^"[^"]+"$/);
  });

  it("compresses once per encoding and only when accepted", () => {
    const p = page("x".repeat(5000), []);
    expect(encodePage(p, undefined).encoding).toBeUndefined();
    const gz = encodePage(p, "gzip, deflate");
    expect(gz.encoding).toBe("gzip");
    expect(gunzipSync(gz.body).toString()).toBe("x".repeat(5000));
    expect(encodePage(p, "gzip").body).toBe(gz.body);
    expect(encodePage(p, "br, gzip").encoding).toBe("br");
  });
});
