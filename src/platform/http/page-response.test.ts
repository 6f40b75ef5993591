import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { makePage } from "../cache/page-cache.js";
import { cacheControlFor, crisisCachePolicy, sendPage } from "./page-response.js";

const policy = { maxAgeSeconds: 60, keepsPages: true };
const page = makePage(200, "text/html; charset=utf-8", "<p>old</p>", ["article:1"], {
  lastModified: new Date("2026-03-21T12:00:00Z"),
});

async function appSending(staleAgeSeconds?: number) {
  const app = Fastify();
  app.get("/", (request, reply) =>
    sendPage(
      request,
      reply,
      { page, hit: true, ...(staleAgeSeconds === undefined ? {} : { staleAgeSeconds }) },
      policy,
    ),
  );
  await app.ready();
  return app;
}

describe("sending a page", () => {
  it("answers 304 to a client that has the current page", async () => {
    const app = await appSending();
    const response = await app.inject({ url: "/", headers: { "if-none-match": page.etag } });
    expect(response.statusCode).toBe(304);
    expect(response.headers["x-cache"]).toBe("HIT");
  });

  it("sends a stale page with its age, no validators and nothing a cache may keep", async () => {
    const app = await appSending(7);
    const response = await app.inject({ url: "/" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe("<p>old</p>");
    expect(response.headers.age).toBe("7");
    expect(response.headers["x-cache"]).toBe("STALE");
    expect(response.headers["cache-control"]).toBe("no-cache");
    expect(response.headers.etag).toBeUndefined();
    expect(response.headers["last-modified"]).toBeUndefined();
  });

  it("never answers 304 from a stale page: the client's copy may be the outdated one", async () => {
    const app = await appSending(2);
    const response = await app.inject({
      url: "/",
      headers: { "if-none-match": page.etag, "if-modified-since": "Sat, 21 Mar 2026 12:00:00 GMT" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe("<p>old</p>");
  });
});

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
