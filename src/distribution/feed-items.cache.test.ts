import { describe, expect, it } from "vitest";
import { FeedItemCache } from "./feed-items.cache.js";

const item = (name: string) => ({ name });

describe("FeedItemCache", () => {
  it("evicts the least recently used item once full", () => {
    const cache = new FeedItemCache<{ name: string }>(2);
    cache.set("a", item("a"), ["article:1"], cache.generation);
    cache.set("b", item("b"), ["article:2"], cache.generation);
    expect(cache.get("a")?.item.name).toBe("a");
    cache.set("c", item("c"), ["article:3"], cache.generation);
    expect(cache.size).toBe(2);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")?.item.name).toBe("a");
    expect(cache.get("c")?.item.name).toBe("c");
  });

  it("drops the items that show what a purge names, and keeps the others", () => {
    const cache = new FeedItemCache<{ name: string }>(10);
    cache.set("one", item("one"), ["article:1", "author:7"], cache.generation);
    cache.set("two", item("two"), ["article:2", "tag:3"], cache.generation);
    cache.forget(["author:7", "home:en"]);
    expect(cache.get("one")).toBeUndefined();
    expect(cache.get("two")?.item.name).toBe("two");
  });

  it("does not keep an item read before a purge that came while it was being made", () => {
    const cache = new FeedItemCache<{ name: string }>(10);
    const started = cache.generation;
    cache.forget(["article:1"]);
    cache.set("one", item("old text"), ["article:1"], started);
    expect(cache.get("one")).toBeUndefined();
    cache.set("one", item("new text"), ["article:1"], cache.generation);
    expect(cache.get("one")?.item.name).toBe("new text");
  });
});
