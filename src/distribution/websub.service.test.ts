import type { AddressInfo } from "node:net";
import formbody from "@fastify/formbody";
import Fastify, { type FastifyInstance } from "fastify";
import { parseJsonFeed } from "feedsmith";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticle, createSection } from "../../test/factories.js";
import { readWithFeedparser } from "../../test/feed-readers.js";
import { DIALECTS, startTestApp, type TestApp } from "../../test/test-app.js";

/** A stand-in WebSub hub on the loopback interface: records what publishers tell it. */
async function startHub(): Promise<{
  hub: FastifyInstance;
  url: string;
  pings: Record<string, string>[];
  status: { code: number };
}> {
  const hub = Fastify({ logger: false });
  await hub.register(formbody);
  const pings: Record<string, string>[] = [];
  const status = { code: 204 };
  hub.post("/hub", async (request, reply) => {
    pings.push({ ...(request.body as Record<string, string>), contentType: String(request.headers["content-type"]) });
    return reply.code(status.code).send();
  });
  await hub.listen({ host: "127.0.0.1", port: 0 });
  const { port } = hub.server.address() as AddressInfo;
  return { hub, url: `http://127.0.0.1:${port}/hub`, pings, status };
}

describe.each(DIALECTS)("WebSub on %s", (dialect) => {
  let t: TestApp;
  let hub: Awaited<ReturnType<typeof startHub>>;
  let now = new Date("2026-03-21T12:00:00Z");
  beforeEach(async () => {
    now = new Date("2026-03-21T12:00:00Z");
    hub = await startHub();
    t = await startTestApp(dialect, {
      env: { WEBSUB_HUB_URL: hub.url },
      now: () => now,
      editions: ["uk", "en"],
    });
  });
  afterEach(async () => {
    await t.close();
    await hub.hub.close();
  });

  async function runJobs() {
    await t.services.events.drain();
  }
  const topics = () => hub.pings.map((ping) => ping["hub.url"]).sort();
  const edition = [
    "https://news.example/en/atom.xml",
    "https://news.example/en/feed.json",
    "https://news.example/en/feed.xml",
  ];

  it("declares the hub in every feed format", async () => {
    await createArticle(t.services.articles, { edition: "en" });
    const rss = await readWithFeedparser((await t.app.inject({ url: "/en/feed.xml" })).body);
    const rssLinks = [rss.meta["atom:link"]].flat() as { "@": Record<string, string> }[];
    expect(rssLinks.map((link) => link["@"])).toContainEqual({ href: hub.url, rel: "hub" });
    const atom = await readWithFeedparser((await t.app.inject({ url: "/en/atom.xml" })).body);
    const atomLinks = [atom.meta["atom:link"]].flat() as { "@": Record<string, string> }[];
    expect(atomLinks.map((link) => link["@"])).toContainEqual({ rel: "hub", href: hub.url });
    expect(parseJsonFeed((await t.app.inject({ url: "/en/feed.json" })).body).hubs).toEqual([
      { type: "WebSub", url: hub.url },
    ]);
  });

  it("pings the hub for each feed that changed when a story is published, and again when it is withdrawn", async () => {
    const section = await createSection(t.database.db, "en", { slug: "war" });
    const article = await createArticle(t.services.articles, { edition: "en", sectionId: section.id });
    expect(hub.pings).toEqual([]);
    await runJobs();
    expect(topics()).toEqual(
      [
        ...edition,
        "https://news.example/en/section/war/atom.xml",
        "https://news.example/en/section/war/feed.json",
        "https://news.example/en/section/war/feed.xml",
      ].sort(),
    );
    for (const ping of hub.pings) {
      expect(ping["hub.mode"]).toBe("publish");
      expect(ping.contentType).toBe("application/x-www-form-urlencoded");
    }
    hub.pings.length = 0;
    await t.services.articles.unpublish(article.id);
    await runJobs();
    expect(topics()).toHaveLength(6);
    expect(topics()).toEqual(expect.arrayContaining(edition));
  });

  it("coalesces a burst of changes to one ping per feed", async () => {
    const article = await createArticle(t.services.articles, { edition: "en" });
    await t.services.articles.update(article.id, { title: "Corrected once" });
    await t.services.articles.update(article.id, { title: "Corrected twice" });
    await runJobs();
    expect(topics()).toEqual(edition);
  });

  it("keeps a ping the hub refused and sends it again later", async () => {
    hub.status.code = 503;
    await createArticle(t.services.articles, { edition: "en" });
    await runJobs();
    expect(hub.pings).toHaveLength(3);
    hub.status.code = 204;
    hub.pings.length = 0;
    await runJobs();
    expect(hub.pings).toEqual([]);
    // Retried with backoff: due again a little later.
    now = new Date(now.getTime() + 5_000);
    await runJobs();
    expect(topics()).toEqual(edition);
    const pending = await t.database.db.selectFrom("jobs").select("status").where("status", "!=", "done").execute();
    expect(pending).toEqual([]);
  });

  it("pings nothing for drafts", async () => {
    await createArticle(t.services.articles, { edition: "en" }, { publish: false });
    await runJobs();
    expect(hub.pings).toEqual([]);
  });
});

describe("WebSub without a hub", () => {
  it("queues no pings", async () => {
    const t = await startTestApp("sqlite", {
      editions: ["en"],
    });
    try {
      expect(t.services.websub).toBeNull();
      await createArticle(t.services.articles, { edition: "en" });
      const jobs = await t.database.db.selectFrom("jobs").select(["kind", "payload"]).execute();
      expect(jobs.filter((job) => job.kind.startsWith("distribution.") || job.payload.includes("websub"))).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
