import { type Kysely, sql } from "kysely";
import type { Dialect } from "../platform/db/database.js";
import type { DB, SearchDocumentRow } from "../platform/db/schema.js";
import { type Clause, toFts5, toTsQuery } from "./query.js";

export type SearchDocument = Omit<SearchDocumentRow, "scope">;

/** Which documents a search may return. */
export interface SearchScope {
  /** One edition, or every edition when absent. */
  edition?: string;
  /** One status ("published" for readers), or any when absent. */
  status?: string;
}

/** The ranked page of matches, and how many matched (at most the cap). */
export interface RankedIds {
  ids: number[];
  /** Matches counted, up to `cap`; `capped` says there were more. */
  total: number;
  capped: boolean;
}

/** Scope tokens are letters and digits only, so the FTS5 tokenizer keeps each one whole. */
function scopeToken(kind: "ed" | "st" | "es", value: string): string {
  return `x${kind}${value.toLowerCase().replace(/[^a-z0-9]/g, "")}`;
}

/**
 * All SQL of the search index. Both dialects hold the same stemmed text; SQLite matches it with
 * FTS5 and ranks with bm25, PostgreSQL with a `tsvector` and ts_rank.
 */
export class SearchRepository {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
  ) {}

  async upsert(doc: SearchDocument): Promise<void> {
    const scope = [
      scopeToken("ed", doc.edition_code),
      scopeToken("st", doc.status),
      scopeToken("es", `${doc.edition_code}${doc.status}`),
    ].join(" ");
    const row = { ...doc, scope };
    const { article_id: _key, ...changes } = row;
    await this.db
      .insertInto("search_documents")
      .values(row)
      .onConflict((oc) => oc.column("article_id").doUpdateSet(changes))
      .execute();
  }

  async remove(articleId: number): Promise<void> {
    await this.db.deleteFrom("search_documents").where("article_id", "=", articleId).execute();
  }

  /** The indexed version of each of these articles. */
  async versions(ids: readonly number[]): Promise<Map<number, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom("search_documents")
      .select(["article_id", "article_version"])
      .where("article_id", "in", [...ids])
      .execute();
    return new Map(rows.map((row) => [row.article_id, row.article_version]));
  }

  /**
   * The newest `cap` matches (by article id, which grows with time) are ranked, and one page of
   * them returned best first. The cap bounds the work of a query that matches half the archive
   * ("war", "the"): ranking scores at most `cap` rows whatever the archive's size.
   */
  async rank(
    clauses: readonly Clause[],
    scope: SearchScope,
    page: { offset: number; limit: number },
    cap: number,
  ): Promise<RankedIds> {
    if (clauses.length === 0) return { ids: [], total: 0, capped: false };
    // One query: the newest cap + 1 matches with their scores. bm25 begins by counting the
    // documents that hold each phrase of the MATCH, so the scope is one token (edition and status
    // together) rather than two, one of which is in nearly every document.
    const rows =
      this.dialect === "sqlite"
        ? await sql<{ id: number; score: number }>`
            SELECT rowid AS id, -bm25(search_fts, 0.0, 10.0, 4.0, 1.0) AS score FROM search_fts
            WHERE search_fts MATCH ${this.fts5Match(clauses, scope)}
            ORDER BY rowid DESC LIMIT ${cap + 1}`.execute(this.db)
        : await sql<{ id: number; score: number }>`
            WITH q AS (SELECT to_tsquery('simple', ${toTsQuery(clauses)}) AS query),
            newest AS (
              SELECT d.article_id, d.document FROM search_documents d, q
              WHERE d.document @@ q.query ${this.pgScope(scope)}
              ORDER BY d.article_id DESC LIMIT ${cap + 1}
            )
            SELECT newest.article_id AS id, ts_rank(newest.document, q.query, 1) AS score FROM newest, q`.execute(
            this.db,
          );
    const capped = rows.rows.length > cap;
    // Higher is better for both (bm25 is negated above); ties go to the newer story.
    const scored = rows.rows
      .map((row) => ({ id: Number(row.id), score: Number(row.score) }))
      .sort((a, b) => b.id - a.id)
      .slice(0, cap)
      .sort((a, b) => b.score - a.score || b.id - a.id);
    return {
      ids: scored.slice(page.offset, page.offset + page.limit).map((row) => row.id),
      total: scored.length,
      capped,
    };
  }

  /** Ids of the newest `limit` matches, newest first (unranked): the newsroom's list filter. */
  async newestMatches(clauses: readonly Clause[], scope: SearchScope, limit: number): Promise<number[]> {
    if (clauses.length === 0) return [];
    const rows =
      this.dialect === "sqlite"
        ? await sql<{ id: number }>`
            SELECT rowid AS id FROM search_fts WHERE search_fts MATCH ${this.fts5Match(clauses, scope)}
            ORDER BY rowid DESC LIMIT ${limit}`.execute(this.db)
        : await sql<{ id: number }>`
            SELECT d.article_id AS id FROM search_documents d
            WHERE d.document @@ to_tsquery('simple', ${toTsQuery(clauses)}) ${this.pgScope(scope)}
            ORDER BY d.article_id DESC LIMIT ${limit}`.execute(this.db);
    return rows.rows.map((row) => Number(row.id));
  }

  private fts5Match(clauses: readonly Clause[], scope: SearchScope): string {
    const filters =
      scope.edition && scope.status
        ? [`scope : "${scopeToken("es", `${scope.edition}${scope.status}`)}"`]
        : [
            ...(scope.edition ? [`scope : "${scopeToken("ed", scope.edition)}"`] : []),
            ...(scope.status ? [`scope : "${scopeToken("st", scope.status)}"`] : []),
          ];
    return [...filters, toFts5(clauses)].join(" AND ");
  }

  private pgScope(scope: SearchScope) {
    const edition = scope.edition ? sql` AND d.edition_code = ${scope.edition}` : sql``;
    const status = scope.status ? sql` AND d.status = ${scope.status}` : sql``;
    return sql`${edition}${status}`;
  }
}
