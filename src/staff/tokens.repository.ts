import type { Insertable, Kysely } from "kysely";
import { AppError } from "../errors.js";
import { isUniqueViolation } from "../platform/db/database.js";
import type { DB, StaffTokenRow, StaffTokensTable } from "../platform/db/schema.js";

export class TokensRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(row: Insertable<StaffTokensTable>): Promise<StaffTokenRow> {
    try {
      return await this.db.insertInto("staff_tokens").values(row).returningAll().executeTakeFirstOrThrow();
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("conflict", "That token already exists; create another.");
      throw error;
    }
  }

  findActiveByHash(tokenHash: string): Promise<StaffTokenRow | undefined> {
    return this.db
      .selectFrom("staff_tokens")
      .selectAll()
      .where("token_hash", "=", tokenHash)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
  }

  listActive(): Promise<StaffTokenRow[]> {
    return this.db.selectFrom("staff_tokens").selectAll().where("revoked_at", "is", null).orderBy("id").execute();
  }

  async revoke(id: number, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable("staff_tokens")
      .set({ revoked_at: now })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async touch(id: number, now: string): Promise<void> {
    await this.db.updateTable("staff_tokens").set({ last_used_at: now }).where("id", "=", id).execute();
  }
}
