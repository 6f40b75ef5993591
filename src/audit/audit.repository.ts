import type { Insertable, Kysely } from "kysely";
import type { AuditLogRow, AuditLogTable, DB } from "../platform/db/schema.js";

export interface AuditQuery {
  actorName?: string;
  action?: string;
  articleId?: number;
  /** Inclusive lower bound, ISO-8601 UTC. */
  since?: string;
  /** Exclusive upper bound, ISO-8601 UTC. */
  until?: string;
  /** Entries older than this id (the page before). */
  beforeId?: number;
  limit: number;
}

/** All SQL of the audit log (migration 029). */
export class AuditRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Writes an entry unless its event was recorded already (a redelivery). */
  async insert(row: Insertable<AuditLogTable>): Promise<void> {
    await this.db
      .insertInto("audit_log")
      .values(row)
      .onConflict((oc) => oc.column("event_id").doNothing())
      .execute();
  }

  /** Newest first. */
  list(query: AuditQuery): Promise<AuditLogRow[]> {
    let select = this.db.selectFrom("audit_log").selectAll();
    if (query.actorName !== undefined) select = select.where("actor_name", "=", query.actorName);
    if (query.action !== undefined) select = select.where("action", "=", query.action);
    if (query.articleId !== undefined) {
      select = select.where("subject_type", "=", "article").where("subject_id", "=", query.articleId);
    }
    if (query.since !== undefined) select = select.where("occurred_at", ">=", query.since);
    if (query.until !== undefined) select = select.where("occurred_at", "<", query.until);
    if (query.beforeId !== undefined) select = select.where("id", "<", query.beforeId);
    return select.orderBy("id", "desc").limit(query.limit).execute();
  }

  async actorNames(): Promise<string[]> {
    const rows = await this.db.selectFrom("audit_log").select("actor_name").distinct().orderBy("actor_name").execute();
    return rows.map((row) => row.actor_name);
  }

  /** Deletes the entries that happened before the instant; returns how many went. */
  async deleteBefore(instant: string): Promise<number> {
    const result = await this.db.deleteFrom("audit_log").where("occurred_at", "<", instant).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
