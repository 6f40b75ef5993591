import { AppError } from "../errors.js";
import type { RedirectRow } from "../platform/db/schema.js";
import { oldPathKey } from "./old-url.js";
import type { RedirectsRepository } from "./redirects.repository.js";

/** Where an article is read now, or undefined when it is not on the site (draft, archived, deleted). */
export type ArticleLocator = (articleId: number) => Promise<string | undefined>;

export interface RedirectDto {
  id: number;
  oldPath: string;
  articleId: number;
  createdAt: string;
}

const toDto = (row: RedirectRow): RedirectDto => ({
  id: row.id,
  oldPath: row.old_path,
  articleId: row.article_id,
  createdAt: row.created_at,
});

/** How long the public export is reused before it is made again (another process may have changed it). */
const PUBLIC_EXPORT_SECONDS = 60;

/** The old site's addresses, each kept answering 301 to the article it became. */
export class RedirectsService {
  /** The public export, made at most once a minute: anyone may ask for it, and it reads every redirect. */
  private publicCsv: { madeAt: number; text: Promise<string> } | null = null;

  constructor(
    private readonly redirects: RedirectsRepository,
    private readonly locate: ArticleLocator,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Stores the old addresses of an article; answers how many were new. */
  async remember(oldUrls: readonly string[], articleId: number): Promise<number> {
    let added = 0;
    for (const address of oldUrls) {
      const key = oldPathKey(address);
      if (key && (await this.redirects.upsert(key, articleId, this.now().toISOString()))) added++;
    }
    if (added > 0) this.publicCsv = null;
    return added;
  }

  /** How many of these addresses have no redirect yet (a dry run's count). */
  async countNew(oldUrls: readonly string[]): Promise<number> {
    let count = 0;
    for (const key of new Set(oldUrls.map(oldPathKey))) if (key && !(await this.redirects.find(key))) count++;
    return count;
  }

  /** The article an old address was imported as, if any. */
  async articleFor(address: string): Promise<number | undefined> {
    const key = oldPathKey(address);
    return key ? (await this.redirects.find(key))?.article_id : undefined;
  }

  /** The new address for a request path with its query (`/2020/01/story/`, `/?p=12`), if it was imported. */
  async resolve(pathWithQuery: string): Promise<string | undefined> {
    const articleId = await this.articleFor(pathWithQuery);
    return articleId === undefined ? undefined : this.locate(articleId);
  }

  async list(options: { search?: string; beforeId?: number; limit: number }): Promise<{
    items: RedirectDto[];
    next: number | null;
  }> {
    const rows = await this.redirects.list({ ...options, limit: options.limit + 1 });
    const items = rows.slice(0, options.limit).map(toDto);
    const last = items.at(-1);
    return { items, next: rows.length > options.limit && last ? last.id : null };
  }

  async remove(id: number): Promise<void> {
    if (!(await this.redirects.delete(id))) throw new AppError("not_found", `There is no redirect ${id}.`);
    this.publicCsv = null;
  }

  /** Every redirect as CSV (`old_path,new_url`), for a CDN; those whose article is not on the site are left out. */
  async csv(): Promise<string> {
    const lines = ["old_path,new_url"];
    for (const row of await this.redirects.all()) {
      const target = await this.locate(row.article_id);
      if (target) lines.push(`${csvField(row.old_path)},${csvField(target)}`);
    }
    return `${lines.join("\n")}\n`;
  }

  /**
   * The same CSV for anyone (a CDN's bulk-redirect import, the static snapshot), published next to
   * the sitemaps: it names only published stories' old and new public addresses. Made at most once
   * a minute per process; a change made here is seen at once.
   */
  publicExport(): Promise<string> {
    const nowMs = this.now().getTime();
    if (!this.publicCsv || nowMs - this.publicCsv.madeAt > PUBLIC_EXPORT_SECONDS * 1000) {
      const text = this.csv();
      this.publicCsv = { madeAt: nowMs, text };
      // A failed export is not kept: the next request tries again.
      text.catch(() => {
        if (this.publicCsv?.text === text) this.publicCsv = null;
      });
    }
    return this.publicCsv.text;
  }
}

function csvField(value: string): string {
  // A leading = + - @ would be read as a formula by a spreadsheet.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
