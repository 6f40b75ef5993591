import { formatDateline } from "../../platform/i18n/dates.js";
import { translate, translatePlural } from "../../platform/i18n/messages.js";
import type { Assets } from "../assets.js";
import type { HeadTag } from "../page-head.js";
import type { PageContext } from "../site.service.js";
import { urls } from "../urls.js";
import { Layout } from "./Layout.js";

/** A run of a result's text; `mark` runs matched the query. */
export interface SearchTextRun {
  text: string;
  mark: boolean;
}

/** What the search page shows (the search capability fills it). */
export interface SearchPageResults {
  query: string;
  page: number;
  perPage: number;
  total: number;
  capped: boolean;
  hasNext: boolean;
  hits: { id: number; slug: string; publishedAt: string | null; title: SearchTextRun[]; snippet: SearchTextRun[] }[];
}

function Runs({ runs }: { runs: SearchTextRun[] }) {
  return <>{runs.map((run) => (run.mark ? <mark>{run.text}</mark> : run.text))}</>;
}

/** `{base}search?q=`: the search box, then ranked stories with the matching words marked. */
export function SearchPage({
  context,
  results,
  assets,
  publicUrl,
  head,
  notice,
}: {
  context: PageContext;
  results: SearchPageResults;
  assets: Assets;
  publicUrl: string;
  head?: readonly HeadTag[];
  /** Shown instead of results (e.g. when a reader searches too often). */
  notice?: string;
}) {
  const { edition, settings } = context;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) =>
    translate(edition.language, key, params);
  const base = edition.basePath;
  const { query, page, total, hits } = results;
  const hasQuery = query.trim() !== "";
  const title = hasQuery
    ? `${query} — ${t("search.title")} — ${settings.siteName}`
    : `${t("search.title")} — ${settings.siteName}`;
  return (
    <Layout
      context={context}
      assets={assets}
      title={title}
      canonical={`${publicUrl}${urls.search(base)}`}
      pageType="list"
      head={head}
    >
      <header class="list-header">
        <h1>{t("search.title")}</h1>
      </header>
      <form class="search-form" method="get" action={urls.search(base)}>
        <label for="search-q" class="visually-hidden">
          {t("search.label")}
        </label>
        <input id="search-q" type="search" name="q" value={query} maxLength={500} autocomplete="off" />
        <button type="submit">{t("search.submit")}</button>
      </form>
      {notice ? (
        <p class="search-status" role="status">
          {notice}
        </p>
      ) : !hasQuery ? (
        <p class="search-status">{t("search.prompt")}</p>
      ) : total === 0 ? (
        <p class="search-status" role="status">
          {t("search.none", { query })}
        </p>
      ) : (
        <>
          <p class="search-status" role="status">
            {translatePlural(edition.language, "search.count", total)}
            {results.capped ? ` ${t("search.capped", { count: String(total) })}` : ""}
            {page > 1 ? ` · ${t("search.page", { page: String(page) })}` : ""}
          </p>
          <ol class="search-results" start={(page - 1) * results.perPage + 1}>
            {hits.map((hit) => (
              <li class="search-result">
                <h2 class="search-result__title">
                  <a href={urls.article(base, hit.slug)}>
                    <Runs runs={hit.title} />
                  </a>
                </h2>
                {hit.snippet.length > 0 ? (
                  <p class="search-result__snippet">
                    <Runs runs={hit.snippet} />
                  </p>
                ) : null}
                {hit.publishedAt ? (
                  <time class="search-result__time" datetime={hit.publishedAt}>
                    {formatDateline(hit.publishedAt, edition.locale, edition.timeZone, context.now)}
                  </time>
                ) : null}
              </li>
            ))}
          </ol>
          <nav class="search-pages" aria-label={t("search.title")}>
            {page > 1 ? (
              <a rel="prev" href={urls.searchPage(base, query, page - 1)}>
                {t("search.previous")}
              </a>
            ) : null}
            {results.hasNext ? (
              <a rel="next" href={urls.searchPage(base, query, page + 1)}>
                {t("search.next")}
              </a>
            ) : null}
          </nav>
        </>
      )}
    </Layout>
  );
}
