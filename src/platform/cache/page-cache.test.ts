import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { AppError } from "../../errors.js";
import { type CachedPage, encodePage, makePage, PageCache } from "./page-cache.js";

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

/** A render that finishes (or fails) when the test says so. */
function deferredRender(result: () => CachedPage) {
  const calls: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  const render = () =>
    new Promise<CachedPage>((resolve, reject) => {
      calls.push({ resolve: () => resolve(result()), reject });
    });
  return { render, calls };
}

describe("page cache after a purge (stale while revalidate)", () => {
  const start = new Date("2026-03-21T12:00:00Z").getTime();
  const setup = (staleSeconds = 5) => {
    const clock = { now: start };
    const cache = new PageCache({ enabled: true, maxEntries: 10, staleSeconds, now: () => new Date(clock.now) });
    return { cache, clock };
  };

  it("answers with the old page at once while one request renders the new one", async () => {
    const { cache, clock } = setup();
    await cache.getOrRender("/a", async () => page("old", ["article:1"]));
    clock.now += 2_000;
    cache.purge(["article:1"]);
    const next = deferredRender(() => page("new", ["article:1"]));
    const renderer = cache.getOrRender("/a", next.render);
    const other = await cache.getOrRender("/a", next.render);
    expect(other.page.body.toString()).toBe("old");
    expect(other.staleAgeSeconds).toBe(2);
    next.calls[0]?.resolve();
    expect((await renderer).page.body.toString()).toBe("new");
    const after = await cache.getOrRender("/a", next.render);
    expect(after.page.body.toString()).toBe("new");
    expect(after.staleAgeSeconds).toBeUndefined();
    expect(cache.staleHits).toBe(1);
  });

  it("renders a purged page once however many readers ask at the same time", async () => {
    const { cache } = setup();
    await cache.getOrRender("/a", async () => page("old", ["article:1"]));
    cache.purge(["article:1"]);
    const next = deferredRender(() => page("new", ["article:1"]));
    const answers = Array.from({ length: 30 }, () => cache.getOrRender("/a", next.render));
    expect(next.calls).toHaveLength(1);
    next.calls[0]?.resolve();
    const bodies = (await Promise.all(answers)).map((answer) => answer.page.body.toString());
    expect(bodies.filter((body) => body === "new")).toHaveLength(1);
    expect(bodies.filter((body) => body === "old")).toHaveLength(29);
  });

  it("never serves a hard-purged page, even while it renders again", async () => {
    const { cache } = setup();
    await cache.getOrRender("/a", async () => page("pulled story", ["article:1"]));
    cache.purge(["article:1"], { mode: "hard" });
    const next = deferredRender(() => page("not found", ["article:1"], 404));
    const first = cache.getOrRender("/a", next.render);
    const second = cache.getOrRender("/a", next.render);
    next.calls[0]?.resolve();
    expect((await first).page.body.toString()).toBe("not found");
    expect((await second).page.body.toString()).toBe("not found");
  });

  it("does not hand a render begun before a hard purge to readers who arrive after it", async () => {
    const { cache } = setup();
    const before = deferredRender(() => page("pulled story", ["article:1"]));
    const early = cache.getOrRender("/a", before.render);
    cache.purge(["article:1"], { mode: "hard" });
    const after = deferredRender(() => page("not found", ["article:1"], 404));
    const late = cache.getOrRender("/a", after.render);
    before.calls[0]?.resolve();
    after.calls[0]?.resolve();
    await early;
    expect((await late).page.body.toString()).toBe("not found");
    expect(cache.get("/a")?.body.toString()).toBe("not found");
  });

  it("keeps the old page when the new render fails, and tries again on the next request", async () => {
    const { cache } = setup();
    await cache.getOrRender("/a", async () => page("old", ["article:1"]));
    cache.purge(["article:1"]);
    const failing = cache.getOrRender("/a", async () => {
      throw new Error("database unavailable");
    });
    expect((await failing).page.body.toString()).toBe("old");
    expect((await failing).staleAgeSeconds).toBe(0);
    const retry = await cache.getOrRender("/a", async () => page("new", ["article:1"]));
    expect(retry.page.body.toString()).toBe("new");
    expect(cache.renders).toBe(3);
  });

  it("passes on an error that is the render's answer instead of masking it with the old page", async () => {
    const { cache } = setup();
    await cache.getOrRender("/a", async () => page("old", ["article:1"]));
    cache.purge(["article:1"]);
    const answer = cache.getOrRender("/a", async () => {
      throw new AppError("invalid_cursor", "That page of the list does not exist.");
    });
    await expect(answer).rejects.toThrow(AppError);
  });

  it("stops serving a stale page once it is older than the bound", async () => {
    const { cache, clock } = setup(5);
    await cache.getOrRender("/a", async () => page("old", ["article:1"]));
    cache.purge(["article:1"]);
    clock.now += 5_000;
    const failing = cache.getOrRender("/a", async () => {
      throw new Error("database unavailable");
    });
    await expect(failing).rejects.toThrow("database unavailable");
  });

  it("drops pages on every purge when no staleness is allowed", async () => {
    const { cache } = setup(0);
    await cache.getOrRender("/a", async () => page("old", ["article:1"]));
    expect(cache.purge(["article:1"])).toBe(1);
    expect(cache.size).toBe(0);
    const answer = await cache.getOrRender("/a", async () => page("new", ["article:1"]));
    expect(answer.page.body.toString()).toBe("new");
  });

  it("counts stale pages toward its size", async () => {
    const { cache } = setup();
    for (const url of ["/1", "/2"]) await cache.getOrRender(url, async () => page(url, ["home:en"]));
    cache.purge(["home:en"]);
    expect(cache.size).toBe(2);
    for (const url of ["/3", "/4", "/5", "/6", "/7", "/8", "/9", "/10", "/11"]) {
      await cache.getOrRender(url, async () => page(url, []));
    }
    expect(cache.size).toBe(10);
    expect((await cache.getOrRender("/1", async () => page("fresh", []))).page.body.toString()).toBe("fresh");
  });

  it("replaces a stale page with a redirect or error page's absence when the new render is not kept", async () => {
    const { cache } = setup();
    await cache.getOrRender("/a", async () => page("old", ["article:1"]));
    cache.purge(["article:1"]);
    await cache.getOrRender("/a", async () => page("bad", ["article:1"], 400));
    expect(cache.size).toBe(0);
  });
});
