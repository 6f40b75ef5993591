import type { Kysely } from "kysely";
import type { MigrationContext } from "../migrator.js";

/**
 * Web push for breaking news (the push capability).
 *
 * - `push_subscriptions`: one browser that asked for an edition's alerts. Only what the push
 *   service needs to reach it is kept (endpoint and the two public keys), nothing about the reader.
 * - `push_sends`: one alert sent to an edition (an article, or a raised breaking banner), with the
 *   fan-out's progress.
 * - `push_send_batches`: the slices of a send's fan-out already delivered, so a batch job that runs
 *   again after a crash skips what it finished and only queues the next slice.
 */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  const id = (builder: ReturnType<Kysely<unknown>["schema"]["createTable"]>) =>
    dialect === "postgres"
      ? builder.addColumn("id", "serial", (c) => c.primaryKey())
      : builder.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());

  await id(db.schema.createTable("push_subscriptions"))
    .addColumn("edition_code", "text", (c) => c.notNull())
    .addColumn("endpoint", "text", (c) => c.notNull())
    .addColumn("p256dh", "text", (c) => c.notNull())
    .addColumn("auth", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("push_subscriptions_endpoint_edition_idx")
    .on("push_subscriptions")
    .columns(["endpoint", "edition_code"])
    .unique()
    .execute();
  await db.schema
    .createIndex("push_subscriptions_edition_idx")
    .on("push_subscriptions")
    .columns(["edition_code", "id"])
    .execute();

  await id(db.schema.createTable("push_sends"))
    .addColumn("edition_code", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("article_id", "integer")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("created_by", "integer")
    .addColumn("created_by_name", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("dedupe_key", "text", (c) => c.unique())
    .addColumn("last_subscription_id", "integer", (c) => c.notNull())
    .addColumn("total", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("delivered", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("failed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("removed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("finished_at", "text")
    .execute();
  await db.schema.createIndex("push_sends_created_idx").on("push_sends").columns(["created_at", "id"]).execute();

  await db.schema
    .createTable("push_send_batches")
    .addColumn("send_id", "integer", (c) => c.notNull().references("push_sends.id").onDelete("cascade"))
    .addColumn("after_id", "integer", (c) => c.notNull())
    .addColumn("last_id", "integer", (c) => c.notNull())
    .addColumn("delivered", "integer", (c) => c.notNull())
    .addColumn("failed", "integer", (c) => c.notNull())
    .addColumn("removed", "integer", (c) => c.notNull())
    .addColumn("finished_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("push_send_batches_pk", ["send_id", "after_id"])
    .execute();
}
