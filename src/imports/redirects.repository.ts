import { type Kysely, sql } from "kysely";
import type { DB, RedirectRow } from "../platform/db/schema.js";

export class RedirectsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  find(oldPath: string): Promise<RedirectRow | undefined> {
    return this.db.selectFrom("redirects").selectAll().where("old_path", "=", oldPath).executeTakeFirst();
  }

  findById(id: number): Promise<RedirectRow | undefined> {
    return this.db.selectFrom("redirects").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** Points the old path at the article; answers whether the row is new. */
  async upsert(oldPath: string, articleId: number, at: string): Promise<boolean> {
    const existing = await this.find(oldPath);
    if (existing) {
      if (existing.article_id !== articleId) {
        await this.db.updateTable("redirects").set({ article_id: articleId }).where("id", "=", existing.id).execute();
      }
      return false;
    }
    await this.db
      .insertInto("redirects")
      .values({ old_path: oldPath, article_id: articleId, created_at: at })
      .execute();
    return true;
  }

  /** A page of redirects, newest id first, optionally only those whose old path contains `search`. */
  list(options: { search?: string; beforeId?: number; limit: number }): Promise<RedirectRow[]> {
    let query = this.db.selectFrom("redirects").selectAll();
    if (options.search) {
      const pattern = `%${escapeLike(options.search)}%`;
      query = query.where(sql<boolean>`old_path like ${pattern} escape '\\'`);
    }
    if (options.beforeId !== undefined) query = query.where("id", "<", options.beforeId);
    return query.orderBy("id", "desc").limit(options.limit).execute();
  }

  all(): Promise<RedirectRow[]> {
    return this.db.selectFrom("redirects").selectAll().orderBy("id").execute();
  }

  async delete(id: number): Promise<boolean> {
    const result = await this.db.deleteFrom("redirects").where("id", "=", id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
