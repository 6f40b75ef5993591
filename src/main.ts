import fs, { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Fastify, { type FastifyInstance } from "fastify";
import { buildApp, createServices, type Services } from "./app.js";
import { type Config, ConfigError, loadConfigFromProcess, type ProcessRole } from "./config.js";
import { seedDemoMap } from "./maps/demo/bakhmut.demo.js";
import { seedDemoNewsletters } from "./newsletters/demo/demo-newsletters.seed.js";
import { seedDemoContent } from "./newsroom/demo/demo.seed.js";
import { openDatabase } from "./platform/db/database.js";
import { migrateToLatest } from "./platform/db/migrator.js";
import { serverLockPath } from "./platform/db/sqlite-backup.js";
import { registerHealthRoutes } from "./platform/http/health.routes.js";
import { compileDeferredSchemas } from "./platform/http/schema-compilers.js";
import { instrumentRequests, registerMetricsRoutes } from "./platform/metrics/metrics.js";
import { LocalStorage } from "./platform/storage/local-storage.js";
import { seedDemoWaysToGive } from "./revenue/demo-revenue.seed.js";

/** A worker serves no pages: only what its supervisor and Prometheus ask (health, readiness, metrics). */
async function buildWorkerApp(config: Config, services: Services): Promise<FastifyInstance> {
  const app = Fastify({ logger: { level: config.logLevel }, return503OnClosing: true });
  registerHealthRoutes(app, services.readiness);
  registerMetricsRoutes(app, services.metrics, config.metricsToken);
  instrumentRequests(app, services.metrics);
  return app;
}

/**
 * Marks the embedded database as in use by a server, so `gazette restore` refuses to replace it
 * underneath. The file names this process; a file left by a crashed one names a dead process.
 */
function holdServerLock(config: Config): () => void {
  if (config.database.dialect !== "sqlite" || config.database.file === ":memory:") return () => {};
  const file = serverLockPath(config.database.file);
  // Several processes (web and worker) may share one SQLite file: one line each.
  fs.appendFileSync(file, `${process.pid}\n`);
  return () => {
    try {
      const others = fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "" && line.trim() !== String(process.pid));
      if (others.length === 0) fs.rmSync(file, { force: true });
      else fs.writeFileSync(file, `${others.join("\n")}\n`);
    } catch {
      // Nothing to release.
    }
  };
}

/**
 * Boots and serves until SIGINT/SIGTERM. `npm start` and `gazette start` both land here. The
 * role decides what runs: `web` answers HTTP and only enqueues jobs, `worker` runs jobs and
 * answers only /healthz, /readyz and /metrics, `all` (the embedded default) does both.
 */
export async function startServer(options: { role?: ProcessRole } = {}): Promise<void> {
  let config: ReturnType<typeof loadConfigFromProcess>;
  try {
    config = loadConfigFromProcess();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`gazette: ${error.message}`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const role = options.role ?? config.role;
  // The flag wins over GAZETTE_ROLE; everything downstream (metrics labels) sees the one in force.
  config = Object.freeze({ ...config, role });
  const database = openDatabase(config.database, {
    onConnectionError: (error) => console.error("gazette: a database connection broke:", (error as Error).message),
  });
  await migrateToLatest(database.db, database.dialect);

  // Web processes start in parallel; one seeding process avoids two of them seeding at once.
  if (config.seedDemo && role !== "web") {
    const started = Date.now();
    const seeded = await seedDemoContent(database, new LocalStorage(config.mediaDir), new Date());
    if (seeded) await seedDemoNewsletters(database, new Date());
    if (seeded) {
      console.log(
        `gazette: seeded demo content: ${seeded.articles} articles in ${seeded.editions} editions (${Date.now() - started} ms)`,
      );
    }
  }

  const services = await createServices(config, database);
  if (config.seedDemo && role !== "web") {
    await seedDemoMap(services.maps, services.articleQueries, services.editions);
    await seedDemoWaysToGive(services.revenue.settings, services.editions.list());
  }
  // The demo seed and anything written while the index lagged (a crash mid-save) get indexed now.
  const indexed = await services.search.reindexStale();
  if (indexed > 0) console.log(`gazette: indexed ${indexed} articles for search`);
  if (role !== "worker") {
    // After the demo seed, which creates no staff: a fresh newsroom still needs its first owner.
    const ownerSetup = await services.staff.ensureOwnerSetupLink();
    if (ownerSetup.kind === "created") console.log(`Owner setup: ${ownerSetup.url}`);
    if (ownerSetup.kind === "pending") {
      console.log(
        "gazette: the owner setup link printed earlier is still valid; if it is lost, create the owner with `gazette staff create --role owner …`",
      );
    }
  }
  services.metrics.collectProcessMetrics();
  const app = role === "worker" ? await buildWorkerApp(config, services) : await buildApp(config, services);
  const releaseLock = holdServerLock(config);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal, role }, "shutting down: finishing in-flight requests and running jobs");
    const force = setTimeout(() => {
      app.log.error(`shutdown took longer than ${config.shutdownGraceSeconds} s; exiting`);
      releaseLock();
      process.exit(1);
    }, config.shutdownGraceSeconds * 1000);
    force.unref();
    try {
      await app.close();
      // Waits for the running jobs; jobs not started stay queued for the next worker.
      await services.jobs.close();
      await services.mailer.close?.();
      await services.scaled?.close();
      await database.close();
      releaseLock();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, "error during shutdown");
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  await app.listen({ port: config.port, host: config.host });
  // Route schemas compile on first use; those no request needed yet compile now, between requests.
  compileDeferredSchemas().catch((error) => app.log.error({ err: error }, "a route schema failed to compile"));
  services.jobs.onError((error, job) => app.log.error({ err: error, job }, "a background job failed"));
  services.events.onError((error, context) => app.log.error({ err: error, ...context }, "an event listener failed"));
  if (role !== "web") {
    // A queue that lost its jobs (Redis without its append-only file) gets the schedules back.
    await services.articles.requeueScheduled();
    // Jobs missed while no worker ran (a scheduled publication, say) are due now and run first.
    services.jobs.start();
    // Each digest list's next slot is queued, and a send cut short by a stop or crash resumes.
    await services.newsletters.delivery.startScheduling();
    // The audit log's daily prune; each run queues the next.
    await services.audit.schedulePrune();
    // Reader counts past their keep (minute rows 48 hours, hourly ones ANALYTICS_RETENTION_DAYS).
    await services.analytics.retention.schedulePrune();
  }
  if (role === "worker") {
    app.log.info(`Gazette worker is running jobs; health and metrics on port ${config.port}`);
  } else {
    const editions = services.editions.list().map((e) => `${config.publicUrl}${e.basePath} (${e.name})`);
    app.log.info(`Gazette (${role}) is serving ${editions.join(", ")}`);
  }
}

// Started directly (`tsx src/main.ts`); the CLI imports startServer instead.
if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  startServer().catch((error) => {
    console.error("gazette: failed to start:", error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
