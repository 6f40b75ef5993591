import { describe, expect, it } from "vitest";
import { cacheControlFor, crisisCachePolicy } from "./page-response.js";

const policy = { maxAgeSeconds: 60, keepsPages: true };

describe("Cache-Control of reader pages", () => {
  it("keeps a page briefly and serves it stale while it revalidates", () => {
    expect(cacheControlFor(200, policy)).toBe("public, max-age=60, stale-while-revalidate=300, stale-if-error=86400");
    expect(cacheControlFor(404, policy)).toBe("public, max-age=30");
  });

  it("lets a CDN keep pages ten times longer, and stale ones for a day or a week of errors, in crisis mode", () => {
    expect(cacheControlFor(200, crisisCachePolicy(policy))).toBe(
      "public, max-age=60, s-maxage=600, stale-while-revalidate=86400, stale-if-error=604800",
    );
    expect(cacheControlFor(200, crisisCachePolicy({ ...policy, maxAgeSeconds: 300 }))).toContain("s-maxage=3000");
    expect(cacheControlFor(404, crisisCachePolicy(policy))).toBe("public, max-age=30");
  });

  it("leaves caching off when it is off", () => {
    expect(cacheControlFor(200, crisisCachePolicy({ ...policy, maxAgeSeconds: 0 }))).toBe("no-cache");
  });
});
