import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestRedis, TEST_REDIS_URL, type TestRedis } from "../../../test/harness.js";
import { makePage, PageCache } from "./page-cache.js";
import { PurgeBroadcast } from "./purge-broadcast.js";

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe.skipIf(!TEST_REDIS_URL)("page-cache purges across processes", () => {
  let redis: TestRedis;
  const broadcasts: PurgeBroadcast[] = [];
  const join = async (cache: PageCache) => {
    const broadcast = new PurgeBroadcast(
      cache,
      redis.connect("queue", "publisher"),
      redis.connect("subscriber", "subscriber"),
      `${redis.prefix}:purge`,
    );
    await broadcast.start();
    broadcasts.push(broadcast);
    return broadcast;
  };
  const page = (key: string) => makePage(200, "text/html", `<p>${key}</p>`, [key]);
  beforeEach(() => {
    redis = createTestRedis();
  });
  afterEach(async () => {
    await Promise.all(broadcasts.splice(0).map((broadcast) => broadcast.close()));
    await redis.cleanup();
  });

  it("drops a page in every process when one process purges its key", async () => {
    const a = new PageCache({ enabled: true, maxEntries: 100 });
    const b = new PageCache({ enabled: true, maxEntries: 100 });
    await join(a);
    const listenerOfB = await join(b);
    const relayed: string[] = [];
    b.onPurge((keys, origin) => origin === "remote" && relayed.push(...keys));
    for (const cache of [a, b]) {
      await cache.getOrRender("/en/news/one", async () => page("article:1"));
      await cache.getOrRender("/en/news/two", async () => page("article:2"));
    }
    a.purge(["article:1"]);
    await waitFor(() => listenerOfB.received > 0);
    expect(b.get("/en/news/one")).toBeUndefined();
    expect(b.get("/en/news/two")).toBeDefined();
    expect(relayed).toEqual(["article:1"]);
  });

  it("does not relay a purge back to where it came from", async () => {
    const a = new PageCache({ enabled: true, maxEntries: 100 });
    const b = new PageCache({ enabled: true, maxEntries: 100 });
    const listenerOfA = await join(a);
    const listenerOfB = await join(b);
    b.purge(["home:en"]);
    await waitFor(() => listenerOfA.received > 0);
    await new Promise((r) => setTimeout(r, 50));
    expect(listenerOfA.received).toBe(1);
    expect(listenerOfB.received).toBe(0);
  });

  it("carries a soft purge as soft: the other process keeps the old page while it renders the new one", async () => {
    const a = new PageCache({ enabled: true, maxEntries: 100, staleSeconds: 5 });
    const b = new PageCache({ enabled: true, maxEntries: 100, staleSeconds: 5 });
    await join(a);
    const listenerOfB = await join(b);
    await b.getOrRender("/en/news/one", async () => page("article:1"));
    a.purge(["article:1"]);
    await waitFor(() => listenerOfB.received > 0);
    expect(b.get("/en/news/one")).toBeUndefined();
    let release: () => void = () => {};
    const rendering = b.getOrRender(
      "/en/news/one",
      () => new Promise((resolve) => (release = () => resolve(page("article:1")))),
    );
    const meanwhile = await b.getOrRender("/en/news/one", async () => page("article:1"));
    expect(meanwhile.staleAgeSeconds).toBeDefined();
    release();
    await rendering;
  });

  it("carries a hard purge as hard: no process serves the page again", async () => {
    const a = new PageCache({ enabled: true, maxEntries: 100, staleSeconds: 5 });
    const b = new PageCache({ enabled: true, maxEntries: 100, staleSeconds: 5 });
    await join(a);
    const listenerOfB = await join(b);
    const modes: string[] = [];
    b.onPurge((_keys, _origin, mode) => modes.push(mode));
    await b.getOrRender("/en/news/one", async () => page("article:1"));
    a.purge(["article:1"], { mode: "hard" });
    await waitFor(() => listenerOfB.received > 0);
    expect(modes).toEqual(["hard"]);
    expect(b.size).toBe(0);
  });

  it("takes a purge message without a mode (an older process) as hard", async () => {
    const b = new PageCache({ enabled: true, maxEntries: 100, staleSeconds: 5 });
    const listenerOfB = await join(b);
    await b.getOrRender("/en/news/one", async () => page("article:1"));
    await redis
      .connect("queue", "publisher")
      .publish(`${redis.prefix}:purge`, JSON.stringify({ from: "old-process", keys: ["article:1"] }));
    await waitFor(() => listenerOfB.received > 0);
    expect(b.size).toBe(0);
  });
});
