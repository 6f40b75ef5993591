import type { Kysely } from "kysely";
import type { CrisisModeRow, DB } from "../platform/db/schema.js";

/** All SQL of crisis mode: one row per edition (migration 024). */
export class CrisisModeRepository {
  constructor(private readonly db: Kysely<DB>) {}

  list(): Promise<CrisisModeRow[]> {
    return this.db.selectFrom("crisis_modes").selectAll().execute();
  }

  find(edition: string): Promise<CrisisModeRow | undefined> {
    return this.db.selectFrom("crisis_modes").selectAll().where("edition_code", "=", edition).executeTakeFirst();
  }

  async save(row: CrisisModeRow): Promise<void> {
    const { edition_code, ...rest } = row;
    await this.db
      .insertInto("crisis_modes")
      .values(row)
      .onConflict((oc) => oc.column("edition_code").doUpdateSet(rest))
      .execute();
  }

  /**
   * Switches the mode off only if it is still the run that was to end at `until`: a repeated end,
   * or one that comes after an editor set a new end, changes nothing. True when it ended it.
   */
  async endIfUntil(edition: string, until: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable("crisis_modes")
      .set({ enabled: 0, until: null, changed_at: now, changed_by: "schedule" })
      .where("edition_code", "=", edition)
      .where("enabled", "=", 1)
      .where("until", "=", until)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
