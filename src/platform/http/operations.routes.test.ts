import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle } from "../../../test/factories.js";
import { DIALECTS, startTestApp, type TestApp } from "../../../test/test-app.js";

const METRICS_TOKEN = "scrape-secret-for-tests";

describe.each(DIALECTS)("operations endpoints on %s", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, {
      // Beacon counters stay in memory until the test reads them (no timed flush in between).
      env: { METRICS_TOKEN, ANALYTICS_FLUSH_MS: "600000" },
      editions: ["en"],
    });
  });
  afterEach(async () => t.close());

  it("reports ready when the database answers", async () => {
    const response = await t.app.inject({ url: "/readyz" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ready", checks: { database: "ok" }, down: [] });
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it("answers 503 naming the database when it cannot be reached, while /healthz stays up", async () => {
    await t.database.close();
    const response = await t.app.inject({ url: "/readyz" });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: "unavailable", down: ["database"] });
    expect((await t.app.inject({ url: "/healthz" })).statusCode).toBe(200);
  });

  it("exposes request counts by route, page-cache hits and queue depth to Prometheus", async () => {
    const article = await createArticle(t.services.articles, { edition: "en" });
    await t.app.inject({ url: `/en/news/${article.slug}` });
    await t.app.inject({ url: `/en/news/${article.slug}` });
    t.services.metrics.mailSent.inc();
    await t.app.inject({
      method: "POST",
      url: "/beacon",
      headers: { "content-type": "text/plain", "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0" },
      payload: JSON.stringify({ t: "view", e: "en", a: String(article.id), r: "", u: "", m: "", d: "m" }),
    });
    const response = await t.app.inject({ url: "/metrics", headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/plain");
    const text = response.body;
    expect(text).toMatch(/gazette_http_requests_total\{[^}]*route="\/:edition\/news\/:slug"[^}]*status="200"[^}]*\} 2/);
    expect(text).toContain("gazette_http_request_duration_seconds_bucket");
    expect(text).toMatch(/gazette_page_cache_hits\{[^}]*\} 1/);
    expect(text).toMatch(/gazette_page_cache_hit_ratio\{[^}]*\} 0\.5/);
    expect(text).toMatch(/gazette_job_queue_depth\{[^}]*\} \d+/);
    expect(text).toMatch(/gazette_mail_sent_total\{[^}]*\} 1/);
    expect(text).toMatch(/gazette_beacon_counters_pending\{[^}]*\} 1/);
    expect(text).toMatch(/gazette_beacons_dropped\{[^}]*\} 0/);
  });

  it("refuses /metrics without the metrics token, or with a wrong one", async () => {
    for (const authorization of [undefined, "Bearer wrong-token-of-some-length", `Basic ${METRICS_TOKEN}`, "Bearer"]) {
      const response = await t.app.inject({ url: "/metrics", headers: authorization ? { authorization } : {} });
      expect(response.statusCode, authorization).toBe(401);
      expect(response.json().code).toBe("unauthorized");
      expect(response.headers["www-authenticate"]).toContain("Bearer");
      expect(response.body).not.toContain("gazette_http_requests_total");
    }
  });

  it("labels a cacheable page for both CDNs with the same keys", async () => {
    const article = await createArticle(t.services.articles, { edition: "en" });
    const response = await t.app.inject({ url: `/en/news/${article.slug}` });
    const keys = String(response.headers["surrogate-key"]).split(" ");
    expect(keys).toContain(`article:${article.id}`);
    expect(String(response.headers["cache-tag"]).split(",")).toEqual(keys);
  });
});

describe.each(DIALECTS)("/metrics without METRICS_TOKEN on %s", (dialect) => {
  it("is not exposed at all", async () => {
    const t = await startTestApp(dialect);
    try {
      const response = await t.app.inject({ url: "/metrics" });
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain("gazette_");
    } finally {
      await t.close();
    }
  });
});
