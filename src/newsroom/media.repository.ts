import type { Insertable, Kysely } from "kysely";
import type { DB, MediaRow, MediaTable } from "../platform/db/schema.js";
import { containsAnyCase } from "./text-match.js";

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

  /**
   * Newest first, keyset on id. With `text`, only images whose alt text, caption or credit contain
   * it (any case), or whose number it is.
   */
  list(after: number | null, limit: number, text?: string, kind?: "image" | "audio" | "document"): Promise<MediaRow[]> {
    let query = this.db.selectFrom("media").selectAll();
    if (kind === "audio") query = query.where("mime", "like", "audio/%");
    else if (kind === "document") query = query.where("mime", "=", "application/pdf");
    else if (kind === "image") query = query.where("mime", "like", "image/%");
    if (after !== null) query = query.where("id", "<", after);
    const wanted = text?.trim();
    if (wanted) {
      const number = /^#?\d{1,9}$/.test(wanted) ? Number(wanted.replace("#", "")) : null;
      query = query.where((eb) =>
        eb.or([
          ...(number !== null ? [eb("id", "=", number)] : []),
          ...(["alt", "caption", "credit"] as const).flatMap((column) => containsAnyCase(column, wanted)),
        ]),
      );
    }
    return query.orderBy("id", "desc").limit(limit).execute();
  }

  update(id: number, changes: Partial<Pick<MediaRow, "alt" | "caption" | "credit">>): Promise<MediaRow | undefined> {
    if (Object.keys(changes).length === 0) return this.findById(id);
    return this.db.updateTable("media").set(changes).where("id", "=", id).returningAll().executeTakeFirst();
  }

  async delete(id: number): Promise<boolean> {
    const result = await this.db.deleteFrom("media").where("id", "=", id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async fileKeyExists(fileKey: string): Promise<boolean> {
    const row = await this.db.selectFrom("media").select("id").where("file_key", "=", fileKey).executeTakeFirst();
    return row !== undefined;
  }
}
