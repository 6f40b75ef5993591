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
function scopeToken(kind: "ed" | "st", value: string): string {
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
    const row = { ...doc, scope: `${scopeToken("ed", doc.edition_code)} ${scopeToken("st", doc.status)}` };
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
   * ("war", "the"): ranking touches at most `cap` rows whatever the archive's size.
   */
  async rank(
    clauses: readonly Clause[],
    scope: SearchScope,
    page: { offset: number; limit: number },
    cap: number,
  ): Promise<RankedIds> {
    const candidates = await this.newestMatches(clauses, scope, cap + 1);
    const capped = candidates.length > cap;
    const kept = candidates.slice(0, cap);
    const total = kept.length;
    const cutoff = kept.at(-1);
    if (cutoff === undefined || page.offset >= total) return { ids: [], total, capped };
    let scored: { id: number; score: number }[];
    if (this.dialect === "sqlite") {
      // bm25 first counts the documents holding each phrase of the MATCH, so the scope tokens
      // (in every document of an edition) stay out of this query; the candidates already obey the
      // scope, and the rowid range keeps bm25 to about `cap` rows.
      const rows = await sql<{ id: number; score: number }>`
        SELECT rowid AS id, bm25(search_fts, 0.0, 10.0, 4.0, 1.0) AS score FROM search_fts
        WHERE search_fts MATCH ${toFts5(clauses)} AND rowid >= ${cutoff}`.execute(this.db);
      const wanted = new Set(kept);
      // bm25 is better when lower; ts_rank when higher. One sign, one comparison below.
      scored = rows.rows
        .filter((row) => wanted.has(Number(row.id)))
        .map((row) => ({ id: Number(row.id), score: -row.score }));
    } else {
      const rows = await sql<{ id: number; score: number }>`
        SELECT d.article_id AS id, ts_rank(d.document, to_tsquery('simple', ${toTsQuery(clauses)}), 1) AS score
        FROM search_documents d WHERE d.article_id = ANY(${kept}::integer[])`.execute(this.db);
      scored = rows.rows.map((row) => ({ id: Number(row.id), score: Number(row.score) }));
    }
    scored.sort((a, b) => b.score - a.score || b.id - a.id);
    return { ids: scored.slice(page.offset, page.offset + page.limit).map((row) => row.id), total, capped };
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
    const filters = [
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
