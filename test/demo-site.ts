import type { Services } from "../src/app.js";
import type { Config } from "../src/config.js";
import { seedDemoMap } from "../src/maps/demo/bakhmut.demo.js";
import { seedDemoContent } from "../src/newsroom/demo/demo.seed.js";
import type { Database } from "../src/platform/db/database.js";
import { LocalStorage } from "../src/platform/storage/local-storage.js";
import { seedDemoWaysToGive } from "../src/revenue/demo-revenue.seed.js";

/** The demo newsroom's articles and pictures, as the first start seeds them (before the services load). */
export async function seedDemoArticles(database: Database, config: Config, now = new Date()): Promise<void> {
  await seedDemoContent(database, new LocalStorage(config.mediaDir), now);
}

/** The rest of the demo the first start adds once the services run: the battle map and ways to give. */
export async function seedDemoExtras(services: Services): Promise<void> {
  await seedDemoMap(services.maps, services.articleQueries, services.editions);
  await seedDemoWaysToGive(services.revenue.settings, services.editions.list());
}
