import type { Kysely } from "kysely";
import type { ArticleQueries } from "../newsroom/article-queries.service.js";
import type { ArticlesService } from "../newsroom/articles.service.js";
import type { EditionsService } from "../newsroom/editions.service.js";
import type { MediaService } from "../newsroom/media.service.js";
import type { TaxonomyService } from "../newsroom/taxonomy.service.js";
import type { DB } from "../platform/db/schema.js";
import type { JobQueue } from "../platform/jobs/job-queue.js";
import { directoryImageFetcher, httpImageFetcher, type ImageFetcher, uploadsPathOf } from "./image-fetcher.js";
import { ImportRunsService, type OpenImportReader } from "./import-runs.service.js";
import { ImportsRepository } from "./imports.repository.js";
import { ImportsService } from "./imports.service.js";
import { RedirectsRepository } from "./redirects.repository.js";
import { RedirectsService } from "./redirects.service.js";

/** The imports capability: the engine, the admin API's runs, and the old site's redirects. */
export interface ImportServices {
  engine: ImportsService;
  runs: ImportRunsService;
  redirects: RedirectsService;
}

export function createImportServices(
  db: Kysely<DB>,
  deps: {
    articles: ArticlesService;
    articleQueries: ArticleQueries;
    taxonomy: TaxonomyService;
    media: MediaService;
    editions: EditionsService;
    jobs: JobQueue;
    openReader: OpenImportReader;
    /** The article's absolute address on this site. */
    articleUrl: (edition: string, slug: string) => string;
    /** Replaces the HTTP download (tests). */
    fetchImage?: ImageFetcher;
  },
  options: { mediaTimeoutSeconds: number; mediaMaxBytes: number; allowPrivate?: boolean; now?: () => Date },
): ImportServices {
  const repository = new ImportsRepository(db);
  const now = options.now ?? (() => new Date());
  const redirects = new RedirectsService(
    new RedirectsRepository(db),
    async (articleId) => {
      const article = await deps.articleQueries.getById(articleId).catch(() => undefined);
      return article?.status === "published" ? deps.articleUrl(article.edition_code, article.slug) : undefined;
    },
    now,
  );
  const engine = new ImportsService({
    repository,
    redirects,
    articles: deps.articles,
    articleQueries: deps.articleQueries,
    taxonomy: deps.taxonomy,
    media: deps.media,
    edition: (code) => deps.editions.byCode(code),
    articleUrl: deps.articleUrl,
    fetchImage:
      deps.fetchImage ??
      httpImageFetcher({
        timeoutMs: options.mediaTimeoutSeconds * 1000,
        maxBytes: options.mediaMaxBytes,
        allowPrivate: options.allowPrivate ?? false,
      }),
    readImage: (dir) => directoryImageFetcher(dir, uploadsPathOf),
    now,
  });
  const runs = new ImportRunsService(repository, engine, deps.jobs, deps.openReader, now);
  return { engine, runs, redirects };
}
