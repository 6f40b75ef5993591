import type { Kysely } from "kysely";
import type { MigrationContext } from "../migrator.js";

/**
 * Newsletters: lists, subscribers and their subscriptions, the suppression list, issues, and the
 * per-recipient delivery log whose unique (issue, subscriber) row makes sending resumable.
 */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  const id = (builder: ReturnType<Kysely<unknown>["schema"]["createTable"]>) =>
    dialect === "postgres"
      ? builder.addColumn("id", "serial", (c) => c.primaryKey())
      : builder.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());

  // The dev outbox keeps the headers a newsletter adds (From, List-Unsubscribe…).
  await db.schema.alterTable("mail_outbox").addColumn("headers", "text").execute();

  await id(db.schema.createTable("newsletter_lists"))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("edition_code", "text", (c) => c.notNull().references("editions.code"))
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("cadence", "text", (c) => c.notNull())
    .addColumn("from_name", "text", (c) => c.notNull())
    .addColumn("from_address", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("cron", "text")
    .addColumn("time_zone", "text")
    .addColumn("digest_size", "integer", (c) => c.notNull().defaultTo(8))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await id(db.schema.createTable("newsletter_subscribers"))
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("newsletter_subscriptions")
    .addColumn("subscriber_id", "integer", (c) =>
      c.notNull().references("newsletter_subscribers.id").onDelete("cascade"),
    )
    .addColumn("list_id", "integer", (c) => c.notNull().references("newsletter_lists.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("unsubscribed_at", "text")
    .addPrimaryKeyConstraint("newsletter_subscriptions_pk", ["subscriber_id", "list_id"])
    .execute();
  await db.schema
    .createIndex("newsletter_subscriptions_list_idx")
    .on("newsletter_subscriptions")
    .columns(["list_id", "status", "subscriber_id"])
    .execute();

  await db.schema
    .createTable("newsletter_suppressions")
    .addColumn("email", "text", (c) => c.primaryKey())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("detail", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await id(db.schema.createTable("newsletter_issues"))
    .addColumn("list_id", "integer", (c) => c.notNull().references("newsletter_lists.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("intro", "text", (c) => c.notNull())
    .addColumn("article_ids", "text", (c) => c.notNull())
    // The schedule slot a digest was made for; its uniqueness makes a slot produce one issue.
    .addColumn("scheduled_for", "text")
    .addColumn("send_at", "text")
    .addColumn("html", "text")
    .addColumn("text", "text")
    .addColumn("total", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .addUniqueConstraint("newsletter_issues_slot_unique", ["list_id", "scheduled_for"])
    .execute();
  await db.schema
    .createIndex("newsletter_issues_list_idx")
    .on("newsletter_issues")
    .columns(["list_id", "created_at", "id"])
    .execute();

  await id(db.schema.createTable("newsletter_deliveries"))
    .addColumn("issue_id", "integer", (c) => c.notNull().references("newsletter_issues.id").onDelete("cascade"))
    .addColumn("subscriber_id", "integer", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("lease_until", "text")
    .addColumn("last_error", "text")
    .addColumn("sent_at", "text")
    .addUniqueConstraint("newsletter_deliveries_unique", ["issue_id", "subscriber_id"])
    .execute();
  await db.schema
    .createIndex("newsletter_deliveries_state_idx")
    .on("newsletter_deliveries")
    .columns(["issue_id", "state", "next_attempt_at"])
    .execute();
}
