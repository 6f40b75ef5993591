import type { Kysely } from "kysely";
import type { DB, EditionRow } from "../platform/db/schema.js";

export class EditionsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  listAll(): Promise<EditionRow[]> {
    return this.db.selectFrom("editions").selectAll().orderBy("position").execute();
  }

  async insert(row: EditionRow): Promise<void> {
    await this.db.insertInto("editions").values(row).execute();
  }
}
