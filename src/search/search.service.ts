import type { ArticleQueries } from "../newsroom/article-queries.service.js";
import type { BodyDocument } from "../newsroom/body.types.js";
import { renderBodyText } from "../newsroom/body-text.renderer.js";
import type { Edition, EditionsService } from "../newsroom/editions.service.js";
import type { ArticleRow, ArticleStatus } from "../platform/db/schema.js";
import { type Clause, MAX_QUERY_CHARS, parseQuery, prefixesOf, stemsOf } from "./query.js";
import type { SearchRepository } from "./search.repository.js";
import { type Highlighter, highlightAll, snippet, type TextRun } from "./snippets.js";
import { stemmerFor } from "./stemmers.js";
import { words } from "./text.js";

export const RESULTS_PER_PAGE = 10;
/** Matches ranked per query at most (the newest ones); see SearchRepository.rank. */
export const MAX_RANKED = 500;
/** Matches the newsroom's list filter considers at most (the newest ones). */
export const MAX_ADMIN_MATCHES = 1000;
const LAST_PAGE = Math.ceil(MAX_RANKED / RESULTS_PER_PAGE);

export interface SearchHit {
  id: number;
  slug: string;
  publishedAt: string | null;
  title: TextRun[];
  snippet: TextRun[];
}

export interface SearchResults {
  /** The query as the reader typed it (cut to a sane length), for the search box. */
  query: string;
  page: number;
  perPage: number;
  total: number;
  /** More than `total` matched; only the newest `total` were ranked. */
  capped: boolean;
  hits: SearchHit[];
  hasNext: boolean;
}

/** Keeps the index in step with articles and answers searches for readers and the newsroom. */
export class SearchService {
  constructor(
    private readonly repository: SearchRepository,
    private readonly editions: EditionsService,
    private readonly articles: ArticleQueries,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Indexes an article as it is now (the `article.saved` listener). Reading the current row makes
   * a late or repeated delivery harmless: it writes the newest version, never an older one.
   */
  async indexById(articleId: number): Promise<void> {
    const [article] = await this.articles.findManyById([articleId]);
    if (article) await this.index(article);
  }

  async index(article: ArticleRow): Promise<void> {
    const language = this.languageOf(article.edition_code);
    const stem = stemmerFor(language);
    const stems = (text: string | null) => (text ? words(text).map(stem).join(" ") : "");
    let bodyText = "";
    try {
      bodyText = renderBodyText(JSON.parse(article.body) as BodyDocument);
    } catch {
      // Bodies are validated on write; a damaged one is indexed by its title and dek alone.
    }
    await this.repository.upsert({
      article_id: article.id,
      edition_code: article.edition_code,
      language,
      status: article.status,
      article_version: article.version,
      title_stems: stems(article.title),
      dek_stems: stems(article.dek),
      body_stems: stems([bodyText, article.source_attribution ?? ""].join("\n")),
      indexed_at: this.now().toISOString(),
    });
  }

  /**
   * Indexes every article whose indexed version is missing or old: the demo and imports written
   * straight to the database, and saves interrupted by a crash. Returns how many it indexed.
   */
  async reindexStale(batch = 500): Promise<number> {
    let after = 0;
    let count = 0;
    for (;;) {
      const page = await this.articles.idVersions(after, batch);
      if (page.length === 0) return count;
      const indexed = await this.repository.versions(page.map((row) => row.id));
      const stale = page.filter((row) => indexed.get(row.id) !== row.version).map((row) => row.id);
      for (const article of await this.articles.findManyById(stale)) {
        await this.index(article);
        count++;
      }
      after = page.at(-1)?.id ?? after;
    }
  }

  /** A page of an edition's published stories matching what a reader typed; never throws on odd input. */
  async search(edition: Edition, rawQuery: string, page: number): Promise<SearchResults> {
    const query = rawQuery.slice(0, MAX_QUERY_CHARS);
    const pageNumber = Number.isSafeInteger(page) && page >= 1 ? Math.min(page, LAST_PAGE) : 1;
    const clauses = parseQuery(query, [edition.language]);
    const empty: SearchResults = {
      query,
      page: pageNumber,
      perPage: RESULTS_PER_PAGE,
      total: 0,
      capped: false,
      hits: [],
      hasNext: false,
    };
    if (clauses.length === 0) return empty;
    const ranked = await this.repository.rank(
      clauses,
      { edition: edition.code, status: "published" },
      { offset: (pageNumber - 1) * RESULTS_PER_PAGE, limit: RESULTS_PER_PAGE },
      MAX_RANKED,
    );
    const hits = await this.hits(ranked.ids, clauses, edition.language);
    return {
      query,
      page: pageNumber,
      perPage: RESULTS_PER_PAGE,
      total: ranked.total,
      capped: ranked.capped,
      hits,
      hasNext: pageNumber * RESULTS_PER_PAGE < ranked.total,
    };
  }

  /**
   * Ids of articles (any status) matching the newsroom's search box, newest first; the last word
   * also matches as a prefix, so results follow the typing.
   */
  async matchingArticleIds(rawQuery: string, filters: { edition?: string; status?: ArticleStatus }): Promise<number[]> {
    const edition = filters.edition ? this.editions.byCode(filters.edition) : undefined;
    const languages = edition ? [edition.language] : [...new Set(this.editions.list().map((e) => e.language))];
    const clauses = parseQuery(rawQuery, languages, { prefixLast: true });
    if (clauses.length === 0) return [];
    return this.repository.newestMatches(clauses, filters, MAX_ADMIN_MATCHES);
  }

  private async hits(ids: number[], clauses: Clause[], language: string): Promise<SearchHit[]> {
    const rows = new Map((await this.articles.findManyById(ids)).map((row) => [row.id, row]));
    const highlighter: Highlighter = { language, stems: stemsOf(clauses), prefixes: prefixesOf(clauses) };
    return ids.flatMap((id) => {
      const article = rows.get(id);
      if (!article) return [];
      let body = "";
      try {
        body = renderBodyText(JSON.parse(article.body) as BodyDocument);
      } catch {
        body = "";
      }
      const text = [article.dek ?? "", body].filter((part) => part !== "").join(" — ");
      return [
        {
          id,
          slug: article.slug,
          publishedAt: article.published_at,
          title: highlightAll(article.title, highlighter),
          snippet: snippet(text, highlighter),
        },
      ];
    });
  }

  private languageOf(editionCode: string): string {
    return this.editions.byCode(editionCode)?.language ?? "en";
  }
}
