import { describe, expect, it } from "vitest";
import { oldPathKey } from "./old-url.js";

describe("the key of an old address", () => {
  it("is the path without host, trailing slash or other query parameters", () => {
    expect(oldPathKey("https://old.example/2019/05/story/")).toBe("/2019/05/story");
    expect(oldPathKey("/2019/05/story")).toBe("/2019/05/story");
    expect(oldPathKey("/2019/05/story/?utm_source=x")).toBe("/2019/05/story");
  });

  it("meets the percent-encoded and the plain form of a Cyrillic path", () => {
    expect(oldPathKey("https://old.example/%D0%BD%D0%BE%D0%B2%D0%B8%D0%BD%D0%B8/")).toBe("/новини");
    expect(oldPathKey("/%d0%bd%d0%be%d0%b2%d0%b8%d0%bd%d0%b8")).toBe("/новини");
  });

  it("keeps only WordPress's post or page id from a query", () => {
    expect(oldPathKey("https://old.example/?p=123")).toBe("/?p=123");
    expect(oldPathKey("/?utm=1&page_id=9")).toBe("/?page_id=9");
    expect(oldPathKey("/?p=abc")).toBeUndefined();
  });

  it("never takes the site root", () => {
    expect(oldPathKey("https://old.example/")).toBeUndefined();
    expect(oldPathKey("/")).toBeUndefined();
  });
});
