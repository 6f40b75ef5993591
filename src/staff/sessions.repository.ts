import type { Insertable, Kysely } from "kysely";
import type { DB, StaffRow, StaffSessionRow, StaffSessionsTable } from "../platform/db/schema.js";

export interface SessionWithStaff {
  session: StaffSessionRow;
  staff: StaffRow;
}

export class SessionsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(row: Insertable<StaffSessionsTable>): Promise<void> {
    await this.db.insertInto("staff_sessions").values(row).execute();
  }

  async findWithStaff(id: string): Promise<SessionWithStaff | undefined> {
    const session = await this.db.selectFrom("staff_sessions").selectAll().where("id", "=", id).executeTakeFirst();
    if (!session) return undefined;
    const staff = await this.db.selectFrom("staff").selectAll().where("id", "=", session.staff_id).executeTakeFirst();
    return staff ? { session, staff } : undefined;
  }

  async touch(id: string, now: string): Promise<void> {
    await this.db.updateTable("staff_sessions").set({ last_seen_at: now }).where("id", "=", id).execute();
  }

  /** Sessions still valid: before their absolute expiry and seen since `idleCutoff`. */
  listLive(staffId: number, now: string, idleCutoff: string): Promise<StaffSessionRow[]> {
    return this.db
      .selectFrom("staff_sessions")
      .selectAll()
      .where("staff_id", "=", staffId)
      .where("expires_at", ">", now)
      .where("last_seen_at", ">", idleCutoff)
      .orderBy("last_seen_at", "desc")
      .execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom("staff_sessions").where("id", "=", id).execute();
  }

  /** Deletes one of the member's own sessions; false when they have no such session. */
  async deleteOwn(staffId: number, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("staff_sessions")
      .where("id", "=", id)
      .where("staff_id", "=", staffId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  async deleteAllOf(staffId: number): Promise<void> {
    await this.db.deleteFrom("staff_sessions").where("staff_id", "=", staffId).execute();
  }

  async deleteExpiredOf(staffId: number, now: string, idleCutoff: string): Promise<void> {
    await this.db
      .deleteFrom("staff_sessions")
      .where("staff_id", "=", staffId)
      .where((eb) => eb.or([eb("expires_at", "<=", now), eb("last_seen_at", "<=", idleCutoff)]))
      .execute();
  }
}
