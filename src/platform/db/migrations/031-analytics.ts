import type { Kysely } from "kysely";
import type { MigrationContext } from "../migrator.js";

/**
 * First-party reader counts (issue #21). Only aggregates: a row is a count per time bucket and
 * a handful of coarse dimensions, so no column can hold an address, a user agent or anything
 * that tells one reader from another. `article_id` 0 stands for a page that is not an article
 * (a front or section page), so the key has no NULL and upserts add to one row.
 *
 * Minute rows feed "right now" and go after 48 hours; hourly rows feed every other view and stay
 * ANALYTICS_RETENTION_DAYS. Times are ISO-8601 UTC text like the rest of the schema, truncated to
 * the minute or hour, so string order is time order.
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  for (const [table, bucket] of [
    ["analytics_views_minute", "minute"],
    ["analytics_views_hourly", "hour"],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn(bucket, "text", (c) => c.notNull())
      .addColumn("edition", "text", (c) => c.notNull())
      .addColumn("article_id", "integer", (c) => c.notNull())
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("referrer", "text", (c) => c.notNull())
      .addColumn("device", "text", (c) => c.notNull())
      .addColumn("views", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, [bucket, "edition", "article_id", "source", "referrer", "device"])
      .execute();
  }
  // "Right now" reads one edition's last 30 minutes; per-article stats read one article's hours.
  await db.schema
    .createIndex("analytics_views_minute_edition_idx")
    .on("analytics_views_minute")
    .columns(["edition", "minute"])
    .execute();
  await db.schema
    .createIndex("analytics_views_hourly_article_idx")
    .on("analytics_views_hourly")
    .columns(["article_id", "hour"])
    .execute();
  await db.schema
    .createIndex("analytics_views_hourly_edition_idx")
    .on("analytics_views_hourly")
    .columns(["edition", "hour"])
    .execute();

  // One row per page hide: the deepest step read (0, 25, 50, 75, 100) and the time-on-page bucket.
  await db.schema
    .createTable("analytics_engagement_hourly")
    .addColumn("hour", "text", (c) => c.notNull())
    .addColumn("edition", "text", (c) => c.notNull())
    .addColumn("article_id", "integer", (c) => c.notNull())
    .addColumn("depth", "integer", (c) => c.notNull())
    .addColumn("time_bucket", "text", (c) => c.notNull())
    .addColumn("reads", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("analytics_engagement_hourly_pk", [
      "hour",
      "edition",
      "article_id",
      "depth",
      "time_bucket",
    ])
    .execute();
  await db.schema
    .createIndex("analytics_engagement_hourly_article_idx")
    .on("analytics_engagement_hourly")
    .columns(["article_id", "hour"])
    .execute();

  // Clicks on a sent newsletter issue's links, counted by the signed redirect: never per subscriber.
  await db.schema
    .createTable("analytics_newsletter_clicks")
    .addColumn("issue_id", "integer", (c) => c.notNull())
    .addColumn("link_index", "integer", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("clicks", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("analytics_newsletter_clicks_pk", ["issue_id", "link_index"])
    .execute();

  // Newsletter sign-ups and donations started from an article's page.
  await db.schema
    .createTable("analytics_conversions_hourly")
    .addColumn("hour", "text", (c) => c.notNull())
    .addColumn("article_id", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("analytics_conversions_hourly_pk", ["hour", "article_id", "kind"])
    .execute();
  await db.schema
    .createIndex("analytics_conversions_hourly_article_idx")
    .on("analytics_conversions_hourly")
    .columns(["article_id", "hour"])
    .execute();
}
