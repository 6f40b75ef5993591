import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/harness.js";
import { JobQueue } from "../jobs/job-queue.js";
import { PageCache } from "./page-cache.js";
import { PurgeWebhook } from "./purge-webhook.js";

interface Call {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

describe("CDN purge webhook", () => {
  let database: TestDatabase;
  let queue: JobQueue;
  let cache: PageCache;
  let calls: Call[];
  let status: number;
  const errors: unknown[] = [];
  beforeEach(async () => {
    database = await createTestDatabase("sqlite");
    queue = new JobQueue(database.db);
    cache = new PageCache({ enabled: true, maxEntries: 10 });
    calls = [];
    status = 200;
    const fakeFetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, headers: init.headers as Record<string, string>, body: JSON.parse(String(init.body)) });
      return new Response("{}", { status });
    }) as typeof fetch;
    new PurgeWebhook(queue, { url: "https://cdn.example/purge", secret: "cdn-token", fetch: fakeFetch }).watch(
      cache,
      (error) => errors.push(error),
    );
  });
  afterEach(async () => {
    await queue.stop();
    await database.cleanup();
  });

  it("calls the CDN with the purged keys, through a durable job", async () => {
    cache.purge(["article:7", "home:en"]);
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toEqual([]);
    expect(await queue.runDue()).toBe(1);
    expect(calls).toEqual([
      {
        url: "https://cdn.example/purge",
        headers: expect.objectContaining({ "surrogate-key": "article:7 home:en", authorization: "Bearer cdn-token" }),
        body: { tags: ["article:7", "home:en"] },
      },
    ]);
  });

  it("leaves a purge relayed from another process to the process where it started", async () => {
    cache.purge(["article:7"], { origin: "remote" });
    await new Promise((r) => setTimeout(r, 20));
    expect(await queue.runDue()).toBe(0);
  });

  it("keeps the call queued for a retry when the CDN answers an error", async () => {
    status = 502;
    const failures: unknown[] = [];
    queue.onError((error) => failures.push(error));
    cache.purge(["article:7"]);
    await new Promise((r) => setTimeout(r, 20));
    await queue.runDue();
    expect(failures).toHaveLength(1);
    expect(await queue.depth()).toBe(1);
  });

  it("splits a large purge into calls of at most 30 keys", async () => {
    cache.purge(Array.from({ length: 45 }, (_, i) => `article:${i}`));
    await new Promise((r) => setTimeout(r, 20));
    await queue.runDue();
    expect(calls.map((call) => (call.body as { tags: string[] }).tags.length)).toEqual([30, 15]);
    expect(errors).toEqual([]);
  });
});
