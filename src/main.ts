import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildApp, createServices } from "./app.js";
import { ConfigError, loadConfigFromProcess } from "./config.js";
import { seedDemoMap } from "./maps/demo/bakhmut.demo.js";
import { seedDemoContent } from "./newsroom/demo/demo.seed.js";
import { openDatabase } from "./platform/db/database.js";
import { migrateToLatest } from "./platform/db/migrator.js";
import { LocalStorage } from "./platform/storage/local-storage.js";

/** Boots and serves until SIGINT/SIGTERM. `npm start` and `gazette start` both land here. */
export async function startServer(): Promise<void> {
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
  const database = openDatabase(config.database);
  await migrateToLatest(database.db, database.dialect);

  if (config.seedDemo) {
    const started = Date.now();
    const seeded = await seedDemoContent(database, new LocalStorage(config.mediaDir), new Date());
    if (seeded) {
      console.log(
        `gazette: seeded demo content: ${seeded.articles} articles in ${seeded.editions} editions (${Date.now() - started} ms)`,
      );
    }
  }

  const services = await createServices(config, database);
  if (config.seedDemo) await seedDemoMap(services.maps, services.articles, services.editions);
  // After the demo seed, which creates no staff: a fresh newsroom still needs its first owner.
  const ownerSetup = await services.staff.ensureOwnerSetupLink();
  if (ownerSetup.kind === "created") console.log(`Owner setup: ${ownerSetup.url}`);
  if (ownerSetup.kind === "pending") {
    console.log(
      "gazette: the owner setup link printed earlier is still valid; if it is lost, create the owner with `gazette staff create --role owner …`",
    );
  }
  const app = await buildApp(config, services);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down: finishing in-flight requests");
    const force = setTimeout(() => {
      app.log.error("shutdown took longer than 10 s; exiting");
      process.exit(1);
    }, 10_000);
    force.unref();
    try {
      await app.close();
      // Changes announced by the last requests reach the queue before it stops.
      await services.websub?.idle();
      await services.maps.settled();
      await services.jobs.stop();
      await database.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, "error during shutdown");
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  await app.listen({ port: config.port, host: config.host });
  // Jobs missed while the server was down (a scheduled publication, say) are due now and run first.
  services.jobs.onError((error, job) => app.log.error({ err: error, job }, "a background job failed"));
  services.jobs.start();
  const editions = services.editions.list().map((e) => `${config.publicUrl}${e.basePath} (${e.name})`);
  app.log.info(`Gazette is serving ${editions.join(", ")}`);
}

// Started directly (`tsx src/main.ts`); the CLI imports startServer instead.
if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  startServer().catch((error) => {
    console.error("gazette: failed to start:", error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
