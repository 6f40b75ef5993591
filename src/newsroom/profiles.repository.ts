import type { Insertable, Kysely, Updateable } from "kysely";
import { isUniqueViolation } from "../platform/db/database.js";
import type { DB, StaffProfileRow, StaffProfilesTable } from "../platform/db/schema.js";

/** Staff profiles: each member's byline identity across editions. */
export class ProfilesRepository {
  constructor(private readonly db: Kysely<DB>) {}

  find(staffId: number): Promise<StaffProfileRow | undefined> {
    return this.db.selectFrom("staff_profiles").selectAll().where("staff_id", "=", staffId).executeTakeFirst();
  }

  list(): Promise<StaffProfileRow[]> {
    return this.db.selectFrom("staff_profiles").selectAll().orderBy("staff_id").execute();
  }

  /** Inserts the profile unless one exists (two processes may create it at once); returns the stored one. */
  async insertIfMissing(row: Insertable<StaffProfilesTable>): Promise<StaffProfileRow> {
    try {
      await this.db.insertInto("staff_profiles").values(row).execute();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const stored = await this.find(row.staff_id);
    if (!stored) throw new Error(`The profile of staff member ${row.staff_id} vanished as it was made.`);
    return stored;
  }

  update(staffId: number, changes: Updateable<StaffProfilesTable>): Promise<StaffProfileRow | undefined> {
    return this.db
      .updateTable("staff_profiles")
      .set(changes)
      .where("staff_id", "=", staffId)
      .returningAll()
      .executeTakeFirst();
  }
}
