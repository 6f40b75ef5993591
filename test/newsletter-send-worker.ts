/**
 * A newsletter sender in its own process, for the crash-and-resume test: it sends one issue
 * through SMTP and exits. The test kills it with SIGKILL mid-send and starts it again.
 *   tsx test/newsletter-send-worker.ts --database URL [--schema S] --smtp URL --issue ID --data-dir D
 */
import { parseArgs } from "node:util";
import { createServices } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createNewsletterServices } from "../src/newsletters/newsletters.factory.js";
import { openDatabase } from "../src/platform/db/database.js";

const { values } = parseArgs({
  options: {
    database: { type: "string" },
    schema: { type: "string" },
    smtp: { type: "string" },
    issue: { type: "string" },
    "data-dir": { type: "string" },
  },
});
const config = loadConfig({
  DATABASE_URL: values.database ?? "",
  SMTP_URL: values.smtp ?? "",
  SMTP_POOL_SIZE: "3",
  DATA_DIR: values["data-dir"] ?? "",
  PUBLIC_URL: "https://news.example",
  LOG_LEVEL: "silent",
});
const database = openDatabase(config.database, values.schema ? { searchPath: values.schema } : {});
const services = await createServices(config, database);
// A short lease, so the restarted sender takes over the dead one's rows within a second.
const newsletters = createNewsletterServices(
  database.db,
  { ...services, mailer: services.mailer },
  { publicUrl: config.publicUrl, leaseMs: 1000, batchSize: 4 },
);
const outcome = await newsletters.delivery.deliver(Number(values.issue));
await services.mailer.close?.();
await database.close();
console.log(outcome);
