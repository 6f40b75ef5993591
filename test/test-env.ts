/**
 * Integration suites run on every dialect available: SQLite always, PostgreSQL when
 * TEST_DATABASE_URL is set. Tests read the environment here, never the app code.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

/** Suites of the scaled mode's Redis parts run only when TEST_REDIS_URL is set (CI sets it). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL?.trim() || undefined;
