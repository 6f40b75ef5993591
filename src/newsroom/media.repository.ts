import type { Insertable, Kysely } from "kysely";
import type { DB, MediaRow, MediaTable } from "../platform/db/schema.js";

export class MediaRepository {
  constructor(private readonly db: Kysely<DB>) {}

  insert(row: Insertable<MediaTable>): Promise<MediaRow> {
    return this.db.insertInto("media").values(row).returningAll().executeTakeFirstOrThrow();
  }

  findById(id: number): Promise<MediaRow | undefined> {
    return this.db.selectFrom("media").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async findByIds(ids: number[]): Promise<MediaRow[]> {
    if (ids.length === 0) return [];
    return this.db.selectFrom("media").selectAll().where("id", "in", ids).execute();
  }

  /** Newest first, keyset on id. */
  list(after: number | null, limit: number): Promise<MediaRow[]> {
    let query = this.db.selectFrom("media").selectAll();
    if (after !== null) query = query.where("id", "<", after);
    return query.orderBy("id", "desc").limit(limit).execute();
  }

  update(id: number, changes: Partial<Pick<MediaRow, "alt" | "caption" | "credit">>): Promise<MediaRow | undefined> {
    if (Object.keys(changes).length === 0) return this.findById(id);
    return this.db.updateTable("media").set(changes).where("id", "=", id).returningAll().executeTakeFirst();
  }

  async fileKeyExists(fileKey: string): Promise<boolean> {
    const row = await this.db.selectFrom("media").select("id").where("file_key", "=", fileKey).executeTakeFirst();
    return row !== undefined;
  }
}
