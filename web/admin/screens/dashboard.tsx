/** The first screen: what is in progress and what went out recently. */
import { api, query } from "../api.js";
import { atLeast } from "../permissions.js";
import { editionLanguage, editionName, useSession } from "../session.js";
import type { ArticleStatus, ArticleSummary, Page } from "../types.js";
import { ErrorMessage, formatDateTime, Loading, PageHeader, useAsync } from "../ui.js";

interface Column {
  status: ArticleStatus;
  title: string;
  empty: string;
  time: (a: ArticleSummary) => string;
}

function ArticleColumn({ column }: { column: Column }) {
  const { editions } = useSession();
  const list = useAsync(
    () => api.get<Page<ArticleSummary>>(`/articles${query({ status: column.status, limit: 8 })}`),
    [column.status],
  );
  const headingId = `dash-${column.status}`;
  return (
    <section class="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{column.title}</h2>
      {list.loading && !list.data ? <Loading what="articles" /> : null}
      <ErrorMessage error={list.error} />
      {list.data && list.data.items.length === 0 && <p class="muted">{column.empty}</p>}
      {list.data && list.data.items.length > 0 && (
        <ul class="story-list">
          {list.data.items.map((article) => (
            <li key={article.id}>
              <a href={`/admin/articles/${article.id}`} lang={editionLanguage(editions, article.edition)}>
                {article.title}
              </a>
              <span class="muted">
                {editionName(editions, article.edition)} · {column.time(article)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/admin/articles?status=${column.status}`}>All {column.title.toLowerCase()}</a>
      </p>
    </section>
  );
}

export function DashboardScreen() {
  const { staff } = useSession();
  const own = !atLeast(staff.role, "editor");
  const columns: Column[] = [
    {
      status: "draft",
      title: own ? "My drafts" : "Drafts",
      empty: "No drafts.",
      time: (a) => `edited ${formatDateTime(a.updatedAt)}`,
    },
    {
      status: "in_review",
      title: "In review",
      empty: "Nothing waits for review.",
      time: (a) => `submitted ${formatDateTime(a.updatedAt)}`,
    },
    {
      status: "scheduled",
      title: "Scheduled",
      empty: "Nothing is scheduled.",
      time: (a) => `goes out ${formatDateTime(a.publishedAt)}`,
    },
    {
      status: "published",
      title: "Recently published",
      empty: "Nothing published yet.",
      time: (a) => `published ${formatDateTime(a.publishedAt)}`,
    },
  ];
  return (
    <>
      <PageHeader title={`Hello, ${staff.name}`}>
        <a class="button button--primary" href="/admin/articles/new">
          New article
        </a>
      </PageHeader>
      <div class="dashboard">
        {columns.map((column) => (
          <ArticleColumn key={column.status} column={column} />
        ))}
      </div>
    </>
  );
}
