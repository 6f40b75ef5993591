/**
 * Scaled mode, proven on this machine: two web processes and one worker on a private
 * PostgreSQL and a private Redis (never the shared servers), then
 *   (a) publish through web A, poll web B: how long until B serves the new version;
 *   (b) a spike ramping up to the highest rate on one hot article, across both web processes;
 *   (c) faults, each checked for lost work: Redis restarted under load, PostgreSQL restarted,
 *       a worker killed with SIGKILL in the middle of a job.
 * Prints one JSON document. Flags: --trials N (100), --spike-seconds S (60), --only a,b,c.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { backgroundLoad, FakeHub, GazetteProcess, percentile, runCli } from "./support/cluster.js";
import { freePort, PrivatePostgres, PrivateRedis } from "./support/infra.js";

const { values: flags } = parseArgs({
  options: {
    trials: { type: "string", default: "100" },
    "spike-seconds": { type: "string", default: "60" },
    only: { type: "string", default: "a,b,c" },
  },
});
const TRIALS = Number(flags.trials);
const SPIKE_SECONDS = Number(flags["spike-seconds"]);
const ONLY = new Set(String(flags.only).split(","));
const REDIS_PREFIX = "gazette";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n: number) => Math.round(n * 10) / 10;
const log = (message: string) => process.stderr.write(`[scale] ${message}\n`);

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-scale-logs-"));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-scale-data-"));
const processes: GazetteProcess[] = [];
let postgres: PrivatePostgres | undefined;
let redis: PrivateRedis | undefined;
let hub: FakeHub | undefined;

async function main() {
  const started = Date.now();
  log(`logs in ${logDir}`);
  [postgres, redis] = await Promise.all([PrivatePostgres.start(), PrivateRedis.start()]);
  hub = await FakeHub.start(await freePort());
  const env: Record<string, string> = {
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    REDIS_PREFIX,
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    PUBLIC_URL: "http://127.0.0.1",
    SECRET_KEY: "scale-bench-secret-key-that-is-long-enough",
    JOB_LOCK_SECONDS: "4",
    WEBSUB_HUB_URL: `http://127.0.0.1:${hub.port}/`,
    PURGE_WEBHOOK_URL: `http://127.0.0.1:${hub.port}/purge`,
  };
  const spawnProcess = async (name: string, role: "web" | "worker") => {
    const child = new GazetteProcess(name, role, await freePort(), env, logDir);
    processes.push(child);
    return child;
  };
  // The worker migrates and seeds first; web processes load the seeded editions at boot.
  let worker = await spawnProcess("worker-1", "worker");
  await worker.ready();
  const [webA, webB] = await Promise.all([spawnProcess("web-a", "web"), spawnProcess("web-b", "web")]);
  await Promise.all([webA.ready(), webB.ready()]);
  log(`cluster up in ${Date.now() - started} ms`);

  const token = (await runCli(["token", "create", "--name", "scale bench", "--role", "editor"], env))
    .trim()
    .split("\n")
    .at(-1) as string;
  const auth = { authorization: `Bearer ${token}` };
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  const hot = (
    await client.query<{ id: number; slug: string; version: number }>(
      "SELECT id, slug, version FROM articles WHERE edition_code = 'en' AND status = 'published' ORDER BY is_featured DESC, published_at DESC LIMIT 1",
    )
  ).rows[0];
  await client.end();
  if (!hot) throw new Error("the demo seed has no published English article");
  const hotPath = `/en/news/${hot.slug}`;
  let version = hot.version;

  /** Saves a new dek through web A's admin API; returns the HTTP status. */
  const editHot = async (marker: string): Promise<number> => {
    const response = await fetch(webA.url(`/admin/api/articles/${hot.id}`), {
      method: "PATCH",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ version, dek: `Bench dek ${marker}` }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json()) as { version?: number };
    if (response.ok && body.version) version = body.version;
    return response.status;
  };
  const serves = async (web: GazetteProcess, pathname: string, text: string) => {
    const response = await fetch(web.url(pathname), { signal: AbortSignal.timeout(5000) });
    const body = await response.text();
    return response.status === 200 && body.includes(text) ? true : undefined;
  };

  const results: Record<string, unknown> = {
    machine: { cpus: os.cpus().length, node: process.version },
    topology: { web: 2, worker: 1, postgres: "private cluster", redis: "private, appendonly" },
  };

  if (ONLY.has("a")) {
    log(`(a) ${TRIALS} publish-and-poll trials`);
    const afterAck: number[] = [];
    const fromRequest: number[] = [];
    let stalePolls = 0;
    for (let i = 1; i <= TRIALS; i++) {
      const marker = `a${i}x${Math.random().toString(36).slice(2, 8)}`;
      // B holds the current version in its cache, so what is measured is the purge reaching it.
      await fetch(webB.url(hotPath)).then((r) => r.arrayBuffer());
      const t0 = performance.now();
      const status = await editHot(marker);
      if (status !== 200) throw new Error(`trial ${i}: the edit answered ${status}`);
      const t1 = performance.now();
      for (;;) {
        const body = await fetch(webB.url(hotPath)).then((r) => r.text());
        if (body.includes(marker)) break;
        stalePolls++;
        if (performance.now() - t1 > 10_000) throw new Error(`trial ${i}: B never served the new version`);
      }
      const t2 = performance.now();
      afterAck.push(t2 - t1);
      fromRequest.push(t2 - t0);
    }
    results.a_publish_to_other_process = {
      trials: TRIALS,
      msFromPublishAnswerToServedByB: {
        p50: round(percentile(afterAck, 50)),
        p95: round(percentile(afterAck, 95)),
        p99: round(percentile(afterAck, 99)),
        max: round(Math.max(...afterAck)),
      },
      msFromPublishRequestToServedByB: {
        p50: round(percentile(fromRequest, 50)),
        p99: round(percentile(fromRequest, 99)),
        max: round(Math.max(...fromRequest)),
      },
      stalePollsSeen: stalePolls,
      // The clock starts when the new version exists: when A has answered the publish.
      passed: percentile(afterAck, 99) <= 200,
    };
  }

  if (ONLY.has("b")) {
    const stages = [2, 4, 8, 16, 32, 64];
    const stageSeconds = Math.max(1, Math.round(SPIKE_SECONDS / stages.length));
    log(`(b) spike: ${stages.join("→")} connections, ${stageSeconds} s each, split over both web processes`);
    const perStage: unknown[] = [];
    let totals = { requests: 0, errors: 0, timeouts: 0, non2xx: 0 };
    let worstP99 = 0;
    let best = 0;
    for (const connections of stages) {
      const runs = await Promise.all(
        [webA, webB].map((web) =>
          autocannon({
            url: web.url(hotPath),
            connections: connections / 2,
            duration: stageSeconds,
            headers: { "accept-encoding": "br" },
          }),
        ),
      );
      const requests = runs.reduce((sum, r) => sum + r.requests.total, 0);
      const errors = runs.reduce((sum, r) => sum + r.errors, 0);
      const timeouts = runs.reduce((sum, r) => sum + r.timeouts, 0);
      const non2xx = runs.reduce((sum, r) => sum + r.non2xx, 0);
      const rps = runs.reduce((sum, r) => sum + r.requests.average, 0);
      const p99 = Math.max(...runs.map((r) => r.latency.p99));
      best = Math.max(best, rps);
      worstP99 = Math.max(worstP99, p99);
      totals = {
        requests: totals.requests + requests,
        errors: totals.errors + errors,
        timeouts: totals.timeouts + timeouts,
        non2xx: totals.non2xx + non2xx,
      };
      perStage.push({ connections, requests, rps: Math.round(rps), latencyP99Ms: p99, errors, timeouts, non2xx });
    }
    results.b_spike_one_hot_article = {
      seconds: stageSeconds * stages.length,
      ...totals,
      peakRps: Math.round(best),
      worstStageLatencyP99Ms: worstP99,
      stages: perStage,
      passed: totals.errors === 0 && totals.timeouts === 0 && totals.non2xx === 0,
    };
  }

  if (ONLY.has("c")) {
    const faults: Record<string, unknown> = {};
    const readiness = async (web: GazetteProcess) => {
      const response = await fetch(web.url("/readyz"), { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
      return response ? { status: response.status, down: ((await response.json()) as { down: string[] }).down } : null;
    };
    const pageUrls = [webA.url(hotPath), webB.url(hotPath), webA.url("/en/"), webB.url("/en/")];

    // --- Redis restarted under load ---
    {
      log("(c1) Redis restart under load");
      const scheduled: { id: number; slug: string }[] = [];
      const publishAt = new Date(Date.now() + 4000);
      for (let i = 0; i < 3; i++) {
        const created = await fetch(webA.url("/admin/api/articles"), {
          method: "POST",
          headers: { ...auth, "content-type": "application/json" },
          body: JSON.stringify({ edition: "en", title: `Scheduled during a Redis restart ${i + 1} ${Date.now()}` }),
        }).then((r) => r.json() as Promise<{ id: number; slug: string }>);
        const status = await fetch(webA.url(`/admin/api/articles/${created.id}/schedule`), {
          method: "POST",
          headers: { ...auth, "content-type": "application/json" },
          body: JSON.stringify({ at: publishAt.toISOString() }),
        }).then((r) => r.status);
        if (status !== 200) throw new Error(`scheduling answered ${status}`);
        scheduled.push(created);
      }
      const load = backgroundLoad(pageUrls, 6);
      await sleep(1500);
      const down = Date.now();
      await redis.stopServer();
      await sleep(300);
      const readyWhileDown = await readiness(webA);
      const marker = `redis${Date.now()}`;
      const editStatusWhileDown = await editHot(marker);
      await sleep(Math.max(0, publishAt.getTime() + 500 - Date.now()));
      await redis.startServer();
      const back = Date.now();
      const bServesEdit = await until(
        "B to serve the edit made while Redis was down",
        () => serves(webB, hotPath, marker),
        30_000,
        50,
      );
      const editVisibleMs = Date.now() - back;
      for (const article of scheduled) {
        await until(
          `scheduled article ${article.id} on B`,
          () => serves(webB, `/en/news/${article.slug}`, "<h1"),
          30_000,
          100,
        );
      }
      const scheduledVisibleMs = Date.now() - back;
      await sleep(1000);
      const stats = await load.stop();
      faults.redis_restart = {
        redisDownMs: back - down,
        pageLoadWhileRestarting: stats,
        readyzOnWebWhileRedisDown: readyWhileDown,
        readyzAfter: await readiness(webA),
        editSavedWhileRedisDown: editStatusWhileDown,
        editServedByOtherWebMsAfterRedisBack: bServesEdit ? editVisibleMs : null,
        scheduledJobsDueDuringOutage: scheduled.length,
        scheduledPublishedMsAfterRedisBack: scheduledVisibleMs,
        passed:
          stats.failures === 0 && Object.keys(stats.byStatus).every((s) => s === "200") && editStatusWhileDown === 200,
      };
    }

    // --- PostgreSQL restarted ---
    {
      log("(c2) PostgreSQL restart");
      const pages = backgroundLoad([webA.url(hotPath), webB.url(hotPath)], 4);
      const api = backgroundLoad(
        [webA.url(`/admin/api/articles/${hot.id}`), webB.url(`/admin/api/articles/${hot.id}`)],
        2,
        auth,
      );
      await sleep(1500);
      const apiBefore = await api.stop();
      const apiDuring = backgroundLoad(
        [webA.url(`/admin/api/articles/${hot.id}`), webB.url(`/admin/api/articles/${hot.id}`)],
        2,
        auth,
      );
      const down = Date.now();
      postgres.stopServer();
      await sleep(500);
      const readyWhileDown = await readiness(webA);
      const marker = `pg${Date.now()}`;
      const editWhileDown = await editHot(marker);
      const errorBody = await fetch(webB.url(`/admin/api/articles/${hot.id}`), { headers: auth }).then(async (r) => ({
        status: r.status,
        retryAfter: r.headers.get("retry-after"),
        body: await r.json(),
      }));
      await sleep(2500);
      const duringStats = await apiDuring.stop();
      postgres.startServer();
      const back = Date.now();
      const recovered = await until(
        "the admin API to answer 200 again",
        async () => {
          const statuses = await Promise.all(
            [webA, webB].map((web) =>
              fetch(web.url(`/admin/api/articles/${hot.id}`), { headers: auth }).then((r) => r.status),
            ),
          );
          return statuses.every((s) => s === 200) ? true : undefined;
        },
        30_000,
        50,
      );
      const recoveryMs = Date.now() - back;
      // The edit refused during the outage is sent again, as a client told 503 would.
      const editAfter = await editHot(marker);
      const bServes = await until("B to serve the retried edit", () => serves(webB, hotPath, marker), 10_000);
      const pageStats = await pages.stop();
      faults.postgres_restart = {
        postgresDownMs: back - down,
        adminApiBeforeOutage: apiBefore,
        adminApiWhileDown: duringStats,
        sampleAnswerWhileDown: errorBody,
        readyzWhileDown: readyWhileDown,
        readyzAfter: await readiness(webA),
        editWhileDown: editWhileDown,
        recoveredByItselfMsAfterPostgresBack: recovered ? recoveryMs : null,
        editRetriedAfterRecovery: editAfter,
        retriedEditServedByOtherWeb: bServes,
        cachedPagesWhileDown: pageStats,
        passed:
          editWhileDown === 503 &&
          editAfter === 200 &&
          Object.keys(duringStats.byStatus).every((s) => s === "503" || s === "200") &&
          duringStats.maxMs < 4000 &&
          pageStats.failures === 0,
      };
    }

    // --- a worker killed with SIGKILL mid-job ---
    {
      log("(c3) worker SIGKILL mid-job");
      const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
      connection.on("error", () => {});
      const queue = new Queue("jobs", { connection, prefix: REDIS_PREFIX });
      // The CDN purge of the next edit is the job caught in the middle: the fake CDN holds it.
      hub.holdPurgesMs = 30_000;
      const purgesBefore = hub.purges().length;
      const status = await editHot(`kill${Date.now()}`);
      if (status !== 200) throw new Error(`edit answered ${status}`);
      const victim = await until(
        "the CDN purge job to be running",
        async () => {
          if (
            !hub
              ?.purges()
              .slice(purgesBefore)
              .some((p) => p.outcome === "open")
          )
            return undefined;
          return (await queue.getActive()).find((job) => job.name === "platform.cdn-purge");
        },
        20_000,
      );
      worker.kill("SIGKILL");
      const killedAt = Date.now();
      await worker.exited;
      hub.holdPurgesMs = 0;
      // What a supervisor (systemd Restart=always) does.
      worker = await spawnProcess("worker-2", "worker");
      await worker.ready();
      const finished = await until(
        "the interrupted job to complete",
        async () => {
          const job = await queue.getJob(victim.id as string);
          return job && (await job.isCompleted()) ? job : undefined;
        },
        60_000,
        100,
      );
      const completedMs = Date.now() - killedAt;
      await sleep(1000);
      const calls = hub.purges().slice(purgesBefore);
      const counts = await queue.getJobCounts("wait", "delayed", "active", "failed", "completed");
      await queue.close();
      connection.disconnect();
      faults.worker_sigkill_mid_job = {
        job: { id: victim.id, kind: victim.name },
        msFromKillToCompletion: completedMs,
        record: {
          state: await finished.getState().catch(() => "completed"),
          stalledCounter: finished.stalledCounter,
          attemptsStarted: finished.attemptsStarted,
          attemptsMade: finished.attemptsMade,
        },
        cdnCallsForTheEdit: {
          cutByTheKill: calls.filter((c) => c.outcome === "aborted").length,
          answered: calls.filter((c) => c.outcome === "answered").length,
        },
        queueAfter: counts,
        passed:
          calls.filter((c) => c.outcome === "answered").length === 1 &&
          finished.stalledCounter === 1 &&
          counts.failed === 0 &&
          counts.active === 0 &&
          counts.wait === 0,
      };
    }
    results.c_faults = faults;
  }
  results.totalSeconds = Math.round((Date.now() - started) / 1000);
  const verdicts = JSON.stringify(results).match(/"passed":(true|false)/g) ?? [];
  results.passed = verdicts.length > 0 && verdicts.every((v) => v.endsWith("true"));
  console.log(JSON.stringify(results, null, 2));
  if (!results.passed) process.exitCode = 1;
}

async function cleanup() {
  await Promise.all(processes.map((p) => p.stop().catch(() => undefined)));
  await hub?.close().catch(() => undefined);
  await redis?.destroy().catch(() => undefined);
  await postgres?.destroy().catch(() => undefined);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main()
  .then(cleanup)
  .catch(async (error) => {
    console.error("scale bench failed:", error instanceof Error ? error.message : error);
    console.error(`process logs: ${logDir}`);
    await cleanup();
    process.exit(1);
  });
