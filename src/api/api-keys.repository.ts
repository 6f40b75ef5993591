import type { Insertable, Kysely } from "kysely";
import { sql } from "kysely";
import type { ApiKeyRow, ApiKeysTable, DB } from "../platform/db/schema.js";

/** The Content API's keys: all SQL of the `api_keys` table. */
export class ApiKeysRepository {
  constructor(private readonly db: Kysely<DB>) {}

  insert(row: Insertable<ApiKeysTable>): Promise<ApiKeyRow> {
    return this.db.insertInto("api_keys").values(row).returningAll().executeTakeFirstOrThrow();
  }

  /** Every key, revoked ones too (their usage stays on record), newest first. */
  list(): Promise<ApiKeyRow[]> {
    return this.db.selectFrom("api_keys").selectAll().orderBy("id", "desc").execute();
  }

  findById(id: number): Promise<ApiKeyRow | undefined> {
    return this.db.selectFrom("api_keys").selectAll().where("id", "=", id).executeTakeFirst();
  }

  findActiveByHash(keyHash: string): Promise<ApiKeyRow | undefined> {
    return this.db
      .selectFrom("api_keys")
      .selectAll()
      .where("key_hash", "=", keyHash)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
  }

  async revoke(id: number, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable("api_keys")
      .set({ revoked_at: now })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Adds `count` requests to a key's usage; the newest use wins `last_used_at`. */
  async addUsage(id: number, count: number, lastUsedAt: string): Promise<void> {
    await this.db
      .updateTable("api_keys")
      .set({ request_count: sql`request_count + ${count}`, last_used_at: lastUsedAt })
      .where("id", "=", id)
      .execute();
  }
}
