import type { Kysely } from "kysely";
import type { MigrationContext } from "../migrator.js";

/**
 * The audit log (issue #20): who created, edited, published, unpublished, archived, scheduled,
 * dismissed findings on and approved which article, and when. Names and titles are copied as
 * they were at the time, so the log still reads right after a rename or a staff member leaves;
 * there are no foreign keys for the same reason. `event_id` is the domain event an entry was
 * written from: unique, so a redelivered event writes nothing twice.
 */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  const table = db.schema.createTable("audit_log");
  await (dialect === "postgres"
    ? table.addColumn("id", "serial", (c) => c.primaryKey())
    : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
  )
    .addColumn("event_id", "text", (c) => c.notNull().unique())
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("actor_kind", "text", (c) => c.notNull())
    .addColumn("actor_id", "integer")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "integer", (c) => c.notNull())
    .addColumn("subject_title", "text", (c) => c.notNull())
    .addColumn("details", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
  await db.schema.createIndex("audit_log_occurred_idx").on("audit_log").column("occurred_at").execute();
  await db.schema
    .createIndex("audit_log_subject_idx")
    .on("audit_log")
    .columns(["subject_type", "subject_id"])
    .execute();
}
