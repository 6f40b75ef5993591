import type { Insertable, Kysely } from "kysely";
import { AppError } from "../errors.js";
import { isUniqueViolation } from "../platform/db/database.js";
import type {
  DB,
  EditorialNoteCommentRow,
  EditorialNoteCommentsTable,
  EditorialNoteThreadRow,
  EditorialNoteThreadsTable,
} from "../platform/db/schema.js";

/** All SQL of editorial notes (migration 030). */
export class EditorialNotesRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** A new thread with its first comment, together. */
  async insertThread(
    thread: Insertable<EditorialNoteThreadsTable>,
    comment: Omit<Insertable<EditorialNoteCommentsTable>, "thread_id">,
  ): Promise<{ thread: EditorialNoteThreadRow; comment: EditorialNoteCommentRow }> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const saved = await trx
          .insertInto("editorial_note_threads")
          .values(thread)
          .returningAll()
          .executeTakeFirstOrThrow();
        const first = await trx
          .insertInto("editorial_note_comments")
          .values({ ...comment, thread_id: saved.id })
          .returningAll()
          .executeTakeFirstOrThrow();
        return { thread: saved, comment: first };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("conflict", `A note with the id "${thread.id}" already exists.`);
      throw error;
    }
  }

  insertComment(comment: Insertable<EditorialNoteCommentsTable>): Promise<EditorialNoteCommentRow> {
    return this.db.insertInto("editorial_note_comments").values(comment).returningAll().executeTakeFirstOrThrow();
  }

  findThread(id: string): Promise<EditorialNoteThreadRow | undefined> {
    return this.db.selectFrom("editorial_note_threads").selectAll().where("id", "=", id).executeTakeFirst();
  }

  findComment(id: number): Promise<EditorialNoteCommentRow | undefined> {
    return this.db.selectFrom("editorial_note_comments").selectAll().where("id", "=", id).executeTakeFirst();
  }

  threadsOf(articleId: number): Promise<EditorialNoteThreadRow[]> {
    return this.db
      .selectFrom("editorial_note_threads")
      .selectAll()
      .where("article_id", "=", articleId)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
  }

  commentsOf(threadIds: readonly string[]): Promise<EditorialNoteCommentRow[]> {
    if (threadIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom("editorial_note_comments")
      .selectAll()
      .where("thread_id", "in", [...threadIds])
      .orderBy("id")
      .execute();
  }

  /**
   * Sets or clears the thread's resolution, only when it is not already so: true for the caller
   * that changed it, so a double click announces one event.
   */
  async setResolved(
    id: string,
    resolution: { at: string; by: number | null; byName: string } | null,
  ): Promise<boolean> {
    const update = this.db.updateTable("editorial_note_threads").where("id", "=", id);
    const result = await (resolution
      ? update
          .set({ resolved_at: resolution.at, resolved_by: resolution.by, resolved_by_name: resolution.byName })
          .where("resolved_at", "is", null)
      : update
          .set({ resolved_at: null, resolved_by: null, resolved_by_name: null })
          .where("resolved_at", "is not", null)
    ).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
