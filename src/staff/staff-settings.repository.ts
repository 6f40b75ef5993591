import type { Kysely } from "kysely";
import type { DB, StaffSettingsTable } from "../platform/db/schema.js";

/** `staff_settings`: one JSON document per key. */
export class StaffSettingsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  find(key: string): Promise<StaffSettingsTable | undefined> {
    return this.db.selectFrom("staff_settings").selectAll().where("key", "=", key).executeTakeFirst();
  }

  async put(row: StaffSettingsTable): Promise<void> {
    await this.db
      .insertInto("staff_settings")
      .values(row)
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({ value: row.value, updated_at: row.updated_at, updated_by: row.updated_by }),
      )
      .execute();
  }
}
