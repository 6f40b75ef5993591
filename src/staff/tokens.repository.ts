import type { Insertable, Kysely } from "kysely";
import { AppError } from "../errors.js";
import { isUniqueViolation } from "../platform/db/database.js";
import type { DB, StaffRole, StaffStatus, StaffTokenRow, StaffTokensTable } from "../platform/db/schema.js";

/** What a token's standing depends on: its creator as they are now. */
export interface TokenCreator {
  id: number;
  name: string;
  email: string;
  role: StaffRole;
  status: StaffStatus;
}

export interface TokenWithCreator {
  token: StaffTokenRow;
  creator: TokenCreator | null;
}

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

  private withCreator() {
    return this.db
      .selectFrom("staff_tokens")
      .leftJoin("staff", "staff.id", "staff_tokens.created_by")
      .selectAll("staff_tokens")
      .select([
        "staff.id as creator_id",
        "staff.name as creator_name",
        "staff.email as creator_email",
        "staff.role as creator_role",
        "staff.status as creator_status",
      ])
      .where("staff_tokens.revoked_at", "is", null);
  }

  async findActiveByHash(tokenHash: string): Promise<TokenWithCreator | undefined> {
    const row = await this.withCreator().where("staff_tokens.token_hash", "=", tokenHash).executeTakeFirst();
    return row && splitCreator(row);
  }

  async listActive(): Promise<TokenWithCreator[]> {
    return (await this.withCreator().orderBy("staff_tokens.id").execute()).map(splitCreator);
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

  /** Gives the tokens without a creator (made at the command line before there was an owner) to `staffId`. */
  async adoptUnowned(staffId: number): Promise<void> {
    await this.db.updateTable("staff_tokens").set({ created_by: staffId }).where("created_by", "is", null).execute();
  }
}

function splitCreator(
  row: StaffTokenRow & {
    creator_id: number | null;
    creator_name: string | null;
    creator_email: string | null;
    creator_role: StaffRole | null;
    creator_status: StaffStatus | null;
  },
): TokenWithCreator {
  const { creator_id, creator_name, creator_email, creator_role, creator_status, ...token } = row;
  const creator =
    creator_id === null || creator_name === null || creator_email === null || !creator_role || !creator_status
      ? null
      : { id: creator_id, name: creator_name, email: creator_email, role: creator_role, status: creator_status };
  return { token, creator };
}
