import type { Kysely } from "kysely";
import type { MigrationContext } from "../migrator.js";

/**
 * Outgoing webhooks (the webhooks capability).
 *
 * - `webhook_subscriptions`: a partner's URL, the events it takes (a JSON array), the secret that
 *   signs every delivery (kept as is: signing needs it), and the run of failed deliveries that
 *   turns it off.
 * - `webhook_deliveries`: one row per event and subscription, unique on the event's id so a
 *   durable listener that runs again adds nothing. The body is fixed when the row is made: every
 *   retry sends the same bytes.
 */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  const id = (builder: ReturnType<Kysely<unknown>["schema"]["createTable"]>) =>
    dialect === "postgres"
      ? builder.addColumn("id", "serial", (c) => c.primaryKey())
      : builder.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());

  await id(db.schema.createTable("webhook_subscriptions"))
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("events", "text", (c) => c.notNull())
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("consecutive_failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("disabled_at", "text")
    .addColumn("created_by", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await id(db.schema.createTable("webhook_deliveries"))
    .addColumn("subscription_id", "integer", (c) =>
      c.notNull().references("webhook_subscriptions.id").onDelete("cascade"),
    )
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("response_code", "integer")
    .addColumn("duration_ms", "integer")
    .addColumn("error", "text")
    .addColumn("next_attempt_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("webhook_deliveries_event_uq", ["subscription_id", "event_id"])
    .execute();
  await db.schema
    .createIndex("webhook_deliveries_subscription_idx")
    .on("webhook_deliveries")
    .columns(["subscription_id", "id"])
    .execute();
}
