/**
 * The server under benchmark: the real app, plus a hello-world route on the same Fastify
 * instance as the baseline, and the page cache's purge lever and counters. Runs as a child
 * process so the load generator has its own core.
 */
import { buildApp, createServices } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { seedDemoContent } from "../../src/newsroom/demo/demo.seed.js";
import { openDatabase } from "../../src/platform/db/database.js";
import { migrateToLatest } from "../../src/platform/db/migrator.js";
import { LocalStorage } from "../../src/platform/storage/local-storage.js";
import { flagshipArticlePath } from "./flagship.js";

const config = loadConfig(process.env);
const database = openDatabase(config.database);
await migrateToLatest(database.db, database.dialect);
await seedDemoContent(database, new LocalStorage(config.mediaDir), new Date());
const services = await createServices(config, database);
const app = await buildApp(config, services, { logger: false });
app.get("/__bench/hello", async () => ({ hello: "world" }));
// The purge-storm benchmark's levers: purge every page as an edit would, and read the counters.
app.post("/__bench/purge-all", async () => ({ purged: services.pageCache.purgeAll() }));
app.get("/__bench/cache-stats", async () => {
  const { hits, misses, staleHits, renders, size } = services.pageCache;
  return { hits, misses, staleHits, renders, size };
});
// The beacon benchmark's levers: the editions a beacon may name, and the views counted so far
// (after a flush of what is still in memory).
app.get("/__bench/editions", async () => services.editions.list().map((edition) => edition.code));
app.post("/__bench/beacon-views", async () => {
  await services.analytics.beacons.flush();
  const views = await database.db
    .selectFrom("analytics_views_minute")
    .select((eb) => eb.fn.sum<number | string>("views").as("n"))
    .executeTakeFirst();
  const reads = await database.db
    .selectFrom("analytics_engagement_hourly")
    .select((eb) => eb.fn.sum<number | string>("reads").as("n"))
    .executeTakeFirst();
  return { views: Number(views?.n ?? 0), reads: Number(reads?.n ?? 0) };
});
await app.listen({ port: config.port, host: "127.0.0.1" });
// Page 2 of the home list: the "Show more news" link of page 1 (its cursor depends on the seed).
const home = await app.inject({ url: "/en/" });
const page2Path = /href="(\/en\/\?after=[^"]+)"/.exec(home.body)?.[1] ?? "/en/";
process.send?.({
  ready: true,
  articlePath: await flagshipArticlePath(database),
  homePath: "/en/",
  feedPath: "/en/feed.xml",
  page2Path,
});
process.on("SIGTERM", () => {
  void app.close().then(() => database.close().then(() => process.exit(0)));
});
