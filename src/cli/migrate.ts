import { ConfigError, loadConfig } from "../config.js";
import { openDatabase } from "../platform/db/database.js";
import { migrateToLatest } from "../platform/db/migrator.js";

/** `npm run migrate`: applies pending migrations and reports them. */
async function run(): Promise<void> {
  const config = loadConfig(process.env);
  const database = openDatabase(config.database);
  try {
    const applied = await migrateToLatest(database.db, database.dialect);
    console.log(applied.length === 0 ? "Database is up to date." : `Applied: ${applied.join(", ")}`);
  } finally {
    await database.close();
  }
}

run().catch((error) => {
  console.error(
    `gazette migrate: ${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
