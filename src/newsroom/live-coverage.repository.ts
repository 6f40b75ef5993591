import { type Kysely, sql } from "kysely";
import type {
  ArticleNoteKind,
  ArticleNoteRow,
  ArticleRow,
  DB,
  LiveEntryRevisionRow,
  LiveEntryRow,
  MediaRow,
} from "../platform/db/schema.js";

/** Writes an entry's text as it now stands to its history, saying who wrote it. */
async function insertRevision(
  db: Kysely<DB>,
  entry: LiveEntryRow,
  by: { staff_id: number | null; author_name: string | null },
  at: string,
): Promise<void> {
  await db
    .insertInto("live_entry_revisions")
    .values({
      entry_id: entry.id,
      article_id: entry.article_id,
      headline: entry.headline,
      body: entry.body,
      staff_id: by.staff_id,
      author_name: by.author_name,
      created_at: at,
    })
    .execute();
}

export interface NewLiveEntry {
  article_id: number;
  headline: string | null;
  body: string;
  staff_id: number | null;
  person_id: number | null;
  author_name: string | null;
  pinned: number;
  created_at: string;
  updated_at: string;
}

/** A note with the article it belongs to, for the edition's corrections page. */
export interface CorrectionListRow extends ArticleNoteRow {
  slug: string;
  title: string;
}

/** All SQL of live blogs and of corrections/updates. */
export class LiveCoverageRepository {
  constructor(private readonly db: Kysely<DB>) {}

  findArticle(id: number): Promise<ArticleRow | undefined> {
    return this.db.selectFrom("articles").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /**
   * Moves the article's modification time without bumping its version: entries and notes are
   * separate rows, so an editor with the article open can still save it without a conflict.
   */
  async touchArticle(id: number, at: string, changes: { live_ended_at?: string | null } = {}): Promise<void> {
    await this.db
      .updateTable("articles")
      .set({ updated_at: at, ...changes })
      .where("id", "=", id)
      .execute();
  }

  /** Newest first with pinned entries on top: the order of the reader page. */
  listEntries(articleId: number): Promise<LiveEntryRow[]> {
    return this.db
      .selectFrom("live_entries")
      .selectAll()
      .where("article_id", "=", articleId)
      .orderBy("pinned", "desc")
      .orderBy("id", "desc")
      .execute();
  }

  /** Entries added after the one a reader last saw, oldest first (the order they are prepended in). */
  listEntriesAfter(articleId: number, afterId: number, limit: number): Promise<LiveEntryRow[]> {
    return this.db
      .selectFrom("live_entries")
      .selectAll()
      .where("article_id", "=", articleId)
      .where("id", ">", afterId)
      .orderBy("id", "asc")
      .limit(limit)
      .execute();
  }

  findPerson(id: number) {
    return this.db.selectFrom("people").selectAll().where("id", "=", id).executeTakeFirst();
  }

  findEntry(articleId: number, id: number): Promise<LiveEntryRow | undefined> {
    return this.db
      .selectFrom("live_entries")
      .selectAll()
      .where("article_id", "=", articleId)
      .where("id", "=", id)
      .executeTakeFirst();
  }

  /** The entry and its first revision (the text as posted), together or not at all. */
  insertEntry(row: NewLiveEntry): Promise<LiveEntryRow> {
    return this.db.transaction().execute(async (trx) => {
      const entry = await trx.insertInto("live_entries").values(row).returningAll().executeTakeFirstOrThrow();
      await insertRevision(trx, entry, row, row.created_at);
      return entry;
    });
  }

  /**
   * Changes an entry; when `revision` is given (the text changed) its new text is written to the
   * entry's history in the same transaction.
   */
  updateEntry(
    articleId: number,
    id: number,
    changes: Partial<Pick<LiveEntryRow, "headline" | "body" | "person_id" | "pinned" | "updated_at" | "edited_at">>,
    revision?: { staff_id: number | null; author_name: string | null },
  ): Promise<LiveEntryRow | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const entry = await trx
        .updateTable("live_entries")
        .set(changes)
        .where("article_id", "=", articleId)
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
      if (entry && revision) await insertRevision(trx, entry, revision, entry.updated_at);
      return entry;
    });
  }

  /** An entry's saved texts, newest first. */
  listRevisions(entryId: number): Promise<LiveEntryRevisionRow[]> {
    return this.db
      .selectFrom("live_entry_revisions")
      .selectAll()
      .where("entry_id", "=", entryId)
      .orderBy("id", "desc")
      .execute();
  }

  async deleteEntry(articleId: number, id: number): Promise<boolean> {
    const result = await this.db
      .deleteFrom("live_entries")
      .where("article_id", "=", articleId)
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  insertNote(row: {
    article_id: number;
    kind: ArticleNoteKind;
    text: string;
    staff_id: number | null;
    created_at: string;
  }): Promise<ArticleNoteRow> {
    return this.db.insertInto("article_notes").values(row).returningAll().executeTakeFirstOrThrow();
  }

  /** Oldest first: the order a reader follows the record in. */
  listNotes(articleId: number): Promise<ArticleNoteRow[]> {
    return this.db
      .selectFrom("article_notes")
      .selectAll()
      .where("article_id", "=", articleId)
      .orderBy("id", "asc")
      .execute();
  }

  /** Every note on the edition's published articles, newest first. */
  listEditionNotes(edition: string, limit: number): Promise<CorrectionListRow[]> {
    return this.db
      .selectFrom("article_notes")
      .innerJoin("articles", "articles.id", "article_notes.article_id")
      .selectAll("article_notes")
      .select(["articles.slug as slug", "articles.title as title"])
      .where("articles.edition_code", "=", edition)
      .where("articles.status", "=", "published")
      .orderBy("article_notes.created_at", "desc")
      .orderBy("article_notes.id", "desc")
      .limit(limit)
      .execute();
  }

  /** The images entries show (rich entries hold images like article bodies). */
  findMedia(ids: readonly number[]): Promise<MediaRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom("media")
      .selectAll()
      .where("id", "in", [...ids])
      .execute();
  }

  /** The newest entry id, so a reader page knows where its polling starts. */
  async latestEntryId(articleId: number): Promise<number> {
    const row = await this.db
      .selectFrom("live_entries")
      .select(sql<number | null>`max(id)`.as("id"))
      .where("article_id", "=", articleId)
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  }
}
