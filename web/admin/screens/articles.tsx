/** The article list with filters and title search (a new article starts in new-article.tsx). */
import { useEffect, useState } from "preact/hooks";
import { api, query } from "../api.js";
import { DataTable } from "../data-table.js";
import { navigate, type Route } from "../router.js";
import { editionLanguage, editionName, useSession } from "../session.js";
import { type ArticleSummary, type Page, STATUS_LABELS } from "../types.js";
import { EditionField, formatDateTime, PageHeader, SelectField, StatusBadge, TextField, useAction } from "../ui.js";

type ListRoute = Extract<Route, { name: "articles" }>;

export function ArticlesScreen({ route }: { route: ListRoute }) {
  const { editions } = useSession();
  const [edition, setEdition] = useState(route.edition ?? "");
  const [status, setStatus] = useState(route.status ?? "");
  const [search, setSearch] = useState(route.q ?? "");
  const [items, setItems] = useState<ArticleSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const { busy, error, run } = useAction();

  const filters = { edition: route.edition, status: route.status, q: route.q };
  const key = JSON.stringify(filters);

  useEffect(() => {
    setEdition(route.edition ?? "");
    setStatus(route.status ?? "");
    setSearch(route.q ?? "");
    setLoaded(false);
    void run(async () => {
      const page = await api.get<Page<ArticleSummary>>(`/articles${query({ ...filters, limit: 30 })}`);
      setItems(page.items);
      setCursor(page.nextCursor);
      setLoaded(true);
    });
  }, [key]);

  const more = () =>
    run(async () => {
      const page = await api.get<Page<ArticleSummary>>(`/articles${query({ ...filters, limit: 30, cursor })}`);
      setItems((list) => [...list, ...page.items]);
      setCursor(page.nextCursor);
    });

  const apply = (event: Event) => {
    event.preventDefault();
    navigate(`/admin/articles${query({ edition, status, q: search.trim() })}`);
  };

  return (
    <>
      <PageHeader title="Articles">
        <a class="button button--primary" href={`/admin/articles/new${query({ edition: route.edition })}`}>
          New article
        </a>
      </PageHeader>
      <form class="filters" aria-label="Filter articles" onSubmit={apply}>
        <EditionField value={edition} onValue={setEdition} all="All editions" />
        <SelectField
          label="Status"
          value={status}
          onValue={setStatus}
          options={[
            { value: "", label: "Any status" },
            ...Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label })),
          ]}
        />
        <TextField label="Title contains" type="search" value={search} onValue={setSearch} />
        <div class="filters__actions">
          <button class="button" type="submit">
            Filter
          </button>
        </div>
      </form>
      <DataTable
        what="articles"
        caption="Articles, most recently changed first"
        hiddenCaption
        columns={[
          {
            header: "Title",
            cell: (article) => (
              <a href={`/admin/articles/${article.id}`} lang={editionLanguage(editions, article.edition)}>
                {article.title}
              </a>
            ),
          },
          { header: "Edition", cell: (article) => editionName(editions, article.edition) },
          { header: "Status", cell: (article) => <StatusBadge status={article.status} /> },
          { header: "Changed", class: "nowrap", cell: (article) => formatDateTime(article.updatedAt) },
        ]}
        rows={loaded ? items : undefined}
        rowKey={(article) => article.id}
        empty="No articles match these filters."
        loading={busy}
        error={error}
      />
      {cursor && (
        <p>
          <button class="button" type="button" disabled={busy} onClick={() => void more()}>
            {busy ? "Loading…" : "Show more articles"}
          </button>
        </p>
      )}
    </>
  );
}
