import { Writable } from "node:stream";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { loggerOptions, redactUrl } from "./log-redaction.js";

describe("log redaction", () => {
  it("masks credential parameters and leaves the rest of the URL alone", () => {
    expect(redactUrl("/api/v1/articles?edition=en&key=gzk_secret&limit=5")).toBe(
      "/api/v1/articles?edition=en&key=[redacted]&limit=5",
    );
    expect(redactUrl("/api/v1/tags?key=gzk_secret")).toBe("/api/v1/tags?key=[redacted]");
    expect(redactUrl("/api/v1/tags?monkey=1")).toBe("/api/v1/tags?monkey=1");
  });

  it("keeps a key out of the request log, from the query and from the Authorization header", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = Fastify({ logger: { ...loggerOptions("info"), stream } });
    app.get("/api/v1/tags", async () => ({ tags: [] }));
    await app.inject({ method: "GET", url: "/api/v1/tags?edition=en&key=gzk_in_query" });
    await app.inject({ method: "GET", url: "/api/v1/tags", headers: { authorization: "Bearer gzk_in_header" } });
    await app.close();
    const log = lines.join("");
    expect(log).toContain("key=[redacted]");
    expect(log).not.toContain("gzk_in_query");
    expect(log).not.toContain("gzk_in_header");
  });
});
