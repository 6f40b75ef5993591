import type { Kysely } from "kysely";
import type { MigrationContext } from "../migrator.js";

/** Reader revenue: settings, supporters, their contributions and subscriptions, processed Stripe events. */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  const id = (builder: ReturnType<Kysely<unknown>["schema"]["createTable"]>) =>
    dialect === "postgres"
      ? builder.addColumn("id", "serial", (c) => c.primaryKey())
      : builder.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());

  // One JSON document per scope: "global" (currencies, amounts, tiers) or an edition code (texts).
  await db.schema
    .createTable("revenue_settings")
    .addColumn("scope", "text", (c) => c.primaryKey())
    .addColumn("document", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await id(db.schema.createTable("revenue_supporters"))
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text")
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("edition_code", "text")
    .addColumn("stripe_customer_id", "text", (c) => c.unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("revenue_supporters_created_idx")
    .on("revenue_supporters")
    .columns(["created_at", "id"])
    .execute();

  await id(db.schema.createTable("revenue_contributions"))
    .addColumn("supporter_id", "integer", (c) => c.references("revenue_supporters.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("amount", "integer", (c) => c.notNull())
    .addColumn("refunded_amount", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("edition_code", "text")
    .addColumn("stripe_session_id", "text", (c) => c.unique())
    .addColumn("stripe_invoice_id", "text", (c) => c.unique())
    .addColumn("stripe_payment_intent_id", "text")
    .addColumn("stripe_subscription_id", "text")
    .addColumn("paid_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("revenue_contributions_paid_idx")
    .on("revenue_contributions")
    .columns(["paid_at", "id"])
    .execute();
  await db.schema
    .createIndex("revenue_contributions_intent_idx")
    .on("revenue_contributions")
    .column("stripe_payment_intent_id")
    .execute();
  await db.schema
    .createIndex("revenue_contributions_supporter_idx")
    .on("revenue_contributions")
    .column("supporter_id")
    .execute();

  await id(db.schema.createTable("revenue_subscriptions"))
    .addColumn("supporter_id", "integer", (c) => c.references("revenue_supporters.id").onDelete("set null"))
    .addColumn("stripe_subscription_id", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("amount", "integer", (c) => c.notNull())
    .addColumn("interval", "text", (c) => c.notNull())
    .addColumn("current_period_end", "text")
    .addColumn("canceled_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  // A Stripe event id is recorded in the transaction that applies it, so a replay finds it and stops.
  await db.schema
    .createTable("revenue_stripe_events")
    .addColumn("event_id", "text", (c) => c.primaryKey())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .execute();
}
