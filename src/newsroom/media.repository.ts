import type { Kysely } from "kysely";
import type { DB, MediaRow } from "../platform/db/schema.js";

export class MediaRepository {
  constructor(private readonly db: Kysely<DB>) {}

  insert(row: Omit<MediaRow, "id">): Promise<MediaRow> {
    return this.db.insertInto("media").values(row).returningAll().executeTakeFirstOrThrow();
  }

  findById(id: number): Promise<MediaRow | undefined> {
    return this.db.selectFrom("media").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async findByIds(ids: number[]): Promise<MediaRow[]> {
    if (ids.length === 0) return [];
    return this.db.selectFrom("media").selectAll().where("id", "in", ids).execute();
  }

  async fileKeyExists(fileKey: string): Promise<boolean> {
    const row = await this.db.selectFrom("media").select("id").where("file_key", "=", fileKey).executeTakeFirst();
    return row !== undefined;
  }
}
