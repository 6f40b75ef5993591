import type { Insertable, Kysely, Updateable } from "kysely";
import { isUniqueViolation } from "../platform/db/database.js";
import type { DB, ImportItemRow, ImportRunRow, ImportRunsTable } from "../platform/db/schema.js";

/** All SQL of the imports capability except redirects: item and person mappings, and runs. */
export class ImportsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  findItem(source: string, sourceId: string, edition: string): Promise<ImportItemRow | undefined> {
    return this.db
      .selectFrom("import_items")
      .selectAll()
      .where("source", "=", source)
      .where("source_id", "=", sourceId)
      .where("edition_code", "=", edition)
      .executeTakeFirst();
  }

  /** Records (or moves on) the mapping of one source item; a second writer of the same item updates. */
  async saveItem(row: {
    source: string;
    sourceId: string;
    edition: string;
    articleId: number;
    hash: string;
    version: number;
    runId: number | null;
    at: string;
  }): Promise<void> {
    const changes = {
      article_id: row.articleId,
      content_hash: row.hash,
      imported_version: row.version,
      run_id: row.runId,
      updated_at: row.at,
    };
    const existing = await this.findItem(row.source, row.sourceId, row.edition);
    if (existing) {
      await this.db.updateTable("import_items").set(changes).where("id", "=", existing.id).execute();
      return;
    }
    await this.db
      .insertInto("import_items")
      .values({
        ...changes,
        source: row.source,
        source_id: row.sourceId,
        edition_code: row.edition,
        created_at: row.at,
      })
      .execute();
  }

  async setImportedVersion(articleId: number, version: number): Promise<void> {
    await this.db
      .updateTable("import_items")
      .set({ imported_version: version })
      .where("article_id", "=", articleId)
      .execute();
  }

  async findPerson(source: string, edition: string, key: string, email?: string): Promise<number | undefined> {
    let query = this.db
      .selectFrom("import_people")
      .select("person_id")
      .where("source", "=", source)
      .where("edition_code", "=", edition);
    query = email
      ? query.where((eb) => eb.or([eb("person_key", "=", key), eb("email", "=", email.toLowerCase())]))
      : query.where("person_key", "=", key);
    return (await query.orderBy("id").executeTakeFirst())?.person_id;
  }

  async savePerson(source: string, edition: string, key: string, email: string | undefined, personId: number) {
    try {
      await this.db
        .insertInto("import_people")
        .values({
          source,
          edition_code: edition,
          person_key: key,
          email: email?.toLowerCase() ?? null,
          person_id: personId,
        })
        .execute();
    } catch (error) {
      // The key is already mapped (found by email under another key): the first mapping stands.
      if (!isUniqueViolation(error)) throw error;
    }
  }

  insertRun(row: Insertable<ImportRunsTable>): Promise<ImportRunRow> {
    return this.db.insertInto("import_runs").values(row).returningAll().executeTakeFirstOrThrow();
  }

  findRun(id: number): Promise<ImportRunRow | undefined> {
    return this.db.selectFrom("import_runs").selectAll().where("id", "=", id).executeTakeFirst();
  }

  listRuns(limit: number): Promise<ImportRunRow[]> {
    return this.db.selectFrom("import_runs").selectAll().orderBy("id", "desc").limit(limit).execute();
  }

  async updateRun(id: number, changes: Updateable<ImportRunsTable>): Promise<void> {
    await this.db.updateTable("import_runs").set(changes).where("id", "=", id).execute();
  }
}
