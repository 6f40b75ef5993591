import type { Insertable, Kysely } from "kysely";
import type { DB, StaffLinkPurpose, StaffLinkRow, StaffLinksTable } from "../platform/db/schema.js";

export class LinksRepository {
  constructor(private readonly db: Kysely<DB>) {}

  insert(row: Insertable<StaffLinksTable>): Promise<StaffLinkRow> {
    return this.db.insertInto("staff_links").values(row).returningAll().executeTakeFirstOrThrow();
  }

  /** A password link for a member: only the token's hash is kept; the token itself is mailed or printed. */
  insertPasswordReset(staff: { id: number; email: string }, tokenHash: string, expiresAt: string, now: string) {
    return this.insert({
      purpose: "password_reset",
      token_hash: tokenHash,
      email: staff.email,
      role: null,
      staff_id: staff.id,
      expires_at: expiresAt,
      created_at: now,
    });
  }

  findByHash(tokenHash: string): Promise<StaffLinkRow | undefined> {
    return this.db.selectFrom("staff_links").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
  }

  async existsUnused(purpose: StaffLinkPurpose, now: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("staff_links")
      .select("id")
      .where("purpose", "=", purpose)
      .where("used_at", "is", null)
      .where("expires_at", ">", now)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Marks the link used if it was not yet: of two requests racing with one link, one wins. */
  async markUsed(id: number, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable("staff_links")
      .set({ used_at: now })
      .where("id", "=", id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Retires the member's other unused links of a purpose, so only the newest reset link works. */
  async retireUnused(purpose: StaffLinkPurpose, staffId: number, now: string): Promise<void> {
    await this.db
      .updateTable("staff_links")
      .set({ used_at: now })
      .where("purpose", "=", purpose)
      .where("staff_id", "=", staffId)
      .where("used_at", "is", null)
      .execute();
  }
}
