import { describe, expect, it } from "vitest";
import { PageCache } from "./page-cache.js";
import { EVERY_ENTRY, keySuffix, PurgeableMemo } from "./purgeable-memo.js";

function counter() {
  let reads = 0;
  return { load: async () => `value ${++reads}`, reads: () => reads };
}

describe("PurgeableMemo", () => {
  it("reads a key once until a purge names it", async () => {
    const memo = new PurgeableMemo<string>((key) => keySuffix(key, ["settings"]));
    const source = counter();
    expect(await memo.get("uk", source.load)).toBe("value 1");
    expect(await memo.get("uk", source.load)).toBe("value 1");
    memo.forget(["article:1", "settings:en"]);
    expect(await memo.get("uk", source.load)).toBe("value 1");
    memo.forget(["settings:uk"]);
    expect(await memo.get("uk", source.load)).toBe("value 2");
    expect(source.reads()).toBe(2);
  });

  it("drops every entry when a purge names what they all show", async () => {
    const memo = new PurgeableMemo<string>((key) => (key.startsWith("section:") ? EVERY_ENTRY : undefined));
    const source = counter();
    await memo.get("uk", source.load);
    await memo.get("en", source.load);
    memo.forget(["section:7"]);
    expect(await memo.get("uk", source.load)).toBe("value 3");
    expect(await memo.get("en", source.load)).toBe("value 4");
  });

  it("does not keep a value read while a purge came", async () => {
    const memo = new PurgeableMemo<string>((key) => keySuffix(key, ["home"]));
    let release: (value: string) => void = () => {};
    const reading = memo.get("uk", () => new Promise<string>((resolve) => (release = resolve)));
    memo.forget(["home:uk"]);
    release("read before the change");
    expect(await reading).toBe("read before the change");
    expect(await memo.get("uk", async () => "read after")).toBe("read after");
  });

  it("follows the page cache's purges", async () => {
    const pageCache = new PageCache({ enabled: true, maxEntries: 10 });
    const memo = new PurgeableMemo<string>((key) => keySuffix(key, ["settings"]));
    memo.followPurges(pageCache);
    const source = counter();
    await memo.get("uk", source.load);
    pageCache.purge(["settings:uk"]);
    expect(await memo.get("uk", source.load)).toBe("value 2");
  });
});

describe("keySuffix", () => {
  it("names the part after a listed kind, and nothing for other kinds", () => {
    expect(keySuffix("settings:uk", ["settings", "home"])).toBe("uk");
    expect(keySuffix("article:5", ["settings"])).toBeUndefined();
    expect(keySuffix("settings", ["settings"])).toBeUndefined();
  });
});
