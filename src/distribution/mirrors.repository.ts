import type { Kysely } from "kysely";
import type { DB, MirrorHostRow } from "../platform/db/schema.js";

/** Mirror hosts added in the newsroom app and the list's change stamp: all SQL of migration 023's tables. */
export class MirrorsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  list(): Promise<MirrorHostRow[]> {
    return this.db.selectFrom("mirror_hosts").selectAll().orderBy("host").execute();
  }

  findByHost(host: string): Promise<MirrorHostRow | undefined> {
    return this.db.selectFrom("mirror_hosts").selectAll().where("host", "=", host).executeTakeFirst();
  }

  /** Adds a host and marks the list changed, together. */
  insert(row: {
    host: string;
    edition: string;
    created_by: number | null;
    created_at: string;
  }): Promise<MirrorHostRow> {
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx.insertInto("mirror_hosts").values(row).returningAll().executeTakeFirstOrThrow();
      await trx.updateTable("mirror_list_state").set({ changed_at: row.created_at }).where("id", "=", 1).execute();
      return inserted;
    });
  }

  /** Removes a host and marks the list changed; false when there was no such host. */
  delete(id: number, now: string): Promise<MirrorHostRow | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const removed = await trx.deleteFrom("mirror_hosts").where("id", "=", id).returningAll().executeTakeFirst();
      if (removed) await trx.updateTable("mirror_list_state").set({ changed_at: now }).where("id", "=", 1).execute();
      return removed;
    });
  }

  /**
   * When the list last changed. A process that starts with other settings than the list was last
   * made from moves the stamp; processes starting together with the same new settings move it once.
   */
  async changedAt(settingsDigest: string, now: string): Promise<string> {
    await this.db
      .insertInto("mirror_list_state")
      .values({ id: 1, changed_at: now, settings_digest: settingsDigest })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
    await this.db
      .updateTable("mirror_list_state")
      .set({ changed_at: now, settings_digest: settingsDigest })
      .where("id", "=", 1)
      .where("settings_digest", "<>", settingsDigest)
      .execute();
    const row = await this.db
      .selectFrom("mirror_list_state")
      .select("changed_at")
      .where("id", "=", 1)
      .executeTakeFirstOrThrow();
    return row.changed_at;
  }
}
