/**
 * Lite edition sizes. Seeds the demo newsroom into a temporary SQLite database and fetches every
 * lite page (each edition's front page and every published story) as a reader would, with
 * `accept-encoding: br, gzip`, and once more uncompressed. Prints one JSON document: the number
 * of pages, the largest compressed and uncompressed page with their URLs, the budget (15 KB
 * transferred), and the flagship analysis (the demo's longest story) per edition.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildApp, createServices } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { seedDemoContent } from "../src/newsroom/demo/demo.seed.js";
import { openDatabase } from "../src/platform/db/database.js";
import { migrateToLatest } from "../src/platform/db/migrator.js";
import { LocalStorage } from "../src/platform/storage/local-storage.js";
import { urls } from "../src/site/urls.js";

const BUDGET_BYTES = 15 * 1024;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-lite-bench-"));

interface Measured {
  url: string;
  brotli: number;
  uncompressed: number;
}

try {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", PUBLIC_URL: "https://news.example" });
  const database = openDatabase(config.database);
  await migrateToLatest(database.db, database.dialect);
  await seedDemoContent(database, new LocalStorage(config.mediaDir), new Date());
  const services = await createServices(config, database);
  const app = await buildApp(config, services, { logger: false });
  const measured: Measured[] = [];
  const flagship: Record<string, Measured> = {};
  for (const edition of services.editions.list()) {
    const paths = [urls.liteHome(edition.basePath)];
    const lead = await services.articleQueries.findLead(edition.code);
    const feed = await services.articleQueries.feed({ kind: "home", edition: edition.code }, null, 500);
    for (const item of feed.items) paths.push(urls.liteArticle(edition.basePath, item.slug));
    for (const url of paths) {
      const compressed = await app.inject({ url, headers: { "accept-encoding": "br, gzip" } });
      const plain = await app.inject({ url });
      if (compressed.statusCode !== 200) throw new Error(`${url} answered ${compressed.statusCode}`);
      const entry = { url, brotli: compressed.rawPayload.length, uncompressed: plain.rawPayload.length };
      measured.push(entry);
      if (lead && url === urls.liteArticle(edition.basePath, lead.slug)) flagship[edition.code] = entry;
    }
  }
  const largest = (key: "brotli" | "uncompressed") =>
    measured.reduce((max, entry) => (entry[key] > max[key] ? entry : max));
  console.log(
    JSON.stringify(
      {
        pages: measured.length,
        budgetBytes: BUDGET_BYTES,
        overBudget: measured.filter((entry) => entry.brotli > BUDGET_BYTES).map((entry) => entry.url),
        largestCompressed: largest("brotli"),
        largestUncompressed: largest("uncompressed"),
        flagship,
      },
      null,
      2,
    ),
  );
  await app.close();
  await services.scaled?.close();
  await database.close();
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
