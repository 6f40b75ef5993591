/**
 * The Audience screens (issue #21): "Right now" for an edition, one article's numbers, and the
 * section, author and newsletter tables. Editors and up (src/analytics/analytics.policy.ts).
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { canReadAnalytics } from "../../../src/analytics/analytics.policy.js";
import type { AuthorRows, NewsletterRows, SectionRows } from "../../../src/analytics/stats.schemas.js";
import { api, query } from "../api.js";
import {
  type ArticleStats,
  articleStatsHref,
  csvHref,
  depthRows,
  deviceRows,
  fillHours,
  isRangeDays,
  NOW_POLL_MS,
  type NowStats,
  RANGE_DAYS,
  rangeFrom,
  type ShareRow,
  sourceRows,
  timeRows,
  viewsText,
} from "../audience.js";
import { type Column, DataTable } from "../data-table.js";
import { startLivePoll } from "../live-poll.js";
import { navigate } from "../router.js";
import { useSession } from "../session.js";
import { ErrorMessage, formatDateTime, Loading, PageHeader, SelectField, timeZoneOf, useAsync } from "../ui.js";
import { ViewsChart } from "../ViewsChart.js";

function useCanRead(): boolean {
  const { staff } = useSession();
  return canReadAnalytics(staff, "view");
}

function NotAllowed({ title }: { title: string }) {
  return (
    <>
      <PageHeader title={title} />
      <p>Only editors, admins and owners see the audience numbers.</p>
    </>
  );
}

function useEditionCode(requested: string | undefined): string {
  const { editions } = useSession();
  return editions.find((e) => e.code === requested)?.code ?? editions[0]?.code ?? "";
}

/**
 * The last answer of a live poll (live-poll.ts), kept on screen while the next one loads or fails.
 * An empty `key` polls nothing (someone who may not see the numbers).
 */
function useLivePoll<T>(load: () => Promise<T>, key: string, intervalMs: number) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    setData(undefined);
    setError(null);
    if (!key) return;
    return startLivePoll({
      load: () => loadRef.current(),
      onData: (value) => {
        setData(value);
        setError(null);
      },
      onError: setError,
      intervalMs,
    });
  }, [key, intervalMs]);
  return { data, error };
}

function EditionPicker({ value, onValue }: { value: string; onValue: (code: string) => void }) {
  const { editions } = useSession();
  if (editions.length < 2) return null;
  return (
    <SelectField
      label="Edition"
      value={value}
      options={editions.map((e) => ({ value: e.code, label: e.name }))}
      onValue={onValue}
    />
  );
}

function ShareTable({
  caption,
  rows,
  unit,
  empty,
}: {
  caption: string;
  rows: ShareRow[];
  unit: string;
  empty: string;
}) {
  const columns: Column<ShareRow>[] = [
    { header: caption, cell: (row) => row.label },
    { header: unit, cell: (row) => row.views.toLocaleString("en"), class: "num" },
    { header: "Share", cell: (row) => `${row.percent} %`, class: "num" },
  ];
  return (
    <DataTable
      what={caption.toLowerCase()}
      caption={caption}
      hiddenCaption
      columns={columns}
      rows={rows}
      rowKey={(row) => row.key}
      empty={empty}
    />
  );
}

type TopStory = NowStats["top"][number];

/** The last 30 minutes of one edition, refreshed every 5 seconds while the tab is visible. */
export function AudienceNowScreen({ edition: requested }: { edition?: string }) {
  const allowed = useCanRead();
  const edition = useEditionCode(requested);
  const live = useLivePoll(
    () => api.get<NowStats>(`/stats/now${query({ edition })}`),
    allowed ? edition : "",
    NOW_POLL_MS,
  );
  if (!allowed) return <NotAllowed title="Right now" />;
  const stats = live.data;
  const topColumns: Column<TopStory>[] = [
    {
      header: "Story",
      cell: (row) => <a href={articleStatsHref(row.articleId)}>{row.title || `Article ${row.articleId}`}</a>,
    },
    { header: "Views", cell: (row) => row.views.toLocaleString("en"), class: "num" },
    {
      header: "On the site",
      hiddenHeader: true,
      cell: (row) =>
        row.url ? (
          <a href={row.url} target="_blank" rel="noopener">
            Open<span class="visually-hidden"> “{row.title}” on the site</span>
          </a>
        ) : null,
    },
  ];
  return (
    <>
      <PageHeader title="Right now">
        <a href={`/admin/audience/reports${query({ edition })}`}>Sections, authors and newsletters</a>
      </PageHeader>
      <EditionPicker
        value={edition}
        onValue={(code) => navigate(`/admin/audience${query({ edition: code })}`, { replace: true })}
      />
      <ErrorMessage error={live.error} />
      {!stats && !live.error && <Loading what="the last 30 minutes" />}
      {stats && (
        <>
          <section class="panel" aria-labelledby="now-total-heading">
            <h2 id="now-total-heading">Last 30 minutes</h2>
            <p class="audience-total" aria-live="polite" data-now-views={stats.views}>
              <strong>{viewsText(stats.views)}</strong>
            </p>
            {stats.views === 0 && (
              <p class="muted">
                No views yet in the last 30 minutes. Readers' visits show up here within seconds; the page updates
                itself every few seconds while it is open.
              </p>
            )}
          </section>
          <section class="panel" aria-labelledby="now-top-heading">
            <h2 id="now-top-heading">Top stories</h2>
            <DataTable
              what="top stories"
              caption="Most read stories in the last 30 minutes"
              hiddenCaption
              columns={topColumns}
              rows={stats.top}
              rowKey={(row) => row.articleId}
              empty="No story has been read in the last 30 minutes."
            />
          </section>
          <section class="panel" aria-labelledby="now-sources-heading">
            <h2 id="now-sources-heading">Where readers came from</h2>
            <ShareTable
              caption="Source"
              unit="Views"
              rows={sourceRows(stats.sources)}
              empty="No views to tell sources from yet."
            />
          </section>
        </>
      )}
    </>
  );
}

const ARTICLE_RANGES = [
  { value: "", label: "Since it was first read" },
  { value: "1", label: "Last 24 hours" },
  { value: "7", label: "Last 7 days" },
  { value: "30", label: "Last 30 days" },
];

/** One story's numbers: views over time, sources, devices, read depth, time on page, conversions. */
export function ArticleStatsScreen({ id }: { id: number }) {
  const allowed = useCanRead();
  const { editions } = useSession();
  const [days, setDays] = useState("");
  const stats = useAsync(
    () =>
      allowed
        ? api.get<ArticleStats>(
            `/stats/articles/${id}${query({ from: days ? rangeFrom(Number(days), new Date()) : undefined })}`,
          )
        : Promise.resolve(undefined),
    [id, days, allowed],
  );
  const points = useMemo(() => fillHours(stats.data?.hourly ?? []), [stats.data]);
  if (!allowed) return <NotAllowed title="Article audience" />;
  const data = stats.data;
  return (
    <>
      <PageHeader title={data ? `Audience: ${data.title}` : "Article audience"}>
        <a href={`/admin/articles/${id}`}>Edit the story</a>
        <a href="/admin/audience">Right now</a>
      </PageHeader>
      <SelectField label="Period" value={days} options={ARTICLE_RANGES} onValue={setDays} />
      <ErrorMessage error={stats.error} />
      {stats.loading && !data && <Loading what="the story's numbers" />}
      {data && (
        <>
          <section class="panel" aria-labelledby="article-views-heading">
            <h2 id="article-views-heading">Views</h2>
            <p class="audience-total">
              <strong>{viewsText(data.views)}</strong>
            </p>
            <ViewsChart points={points} timeZone={timeZoneOf(editions)} />
          </section>
          <section class="panel" aria-labelledby="article-sources-heading">
            <h2 id="article-sources-heading">Where readers came from</h2>
            <ShareTable
              caption="Source"
              unit="Views"
              rows={sourceRows(data.sources)}
              empty="No views counted in this period."
            />
            {data.referrers.length > 0 && (
              <DataTable
                what="referring sites"
                caption="Sites that sent readers"
                columns={[
                  { header: "Site", cell: (row: ArticleStats["referrers"][number]) => row.host },
                  { header: "Views", cell: (row) => row.views.toLocaleString("en"), class: "num" },
                ]}
                rows={data.referrers}
                rowKey={(row) => row.host}
                empty=""
              />
            )}
          </section>
          <section class="panel" aria-labelledby="article-devices-heading">
            <h2 id="article-devices-heading">Devices</h2>
            <ShareTable
              caption="Device"
              unit="Views"
              rows={deviceRows(data.devices)}
              empty="No views counted in this period."
            />
          </section>
          <section class="panel" aria-labelledby="article-depth-heading">
            <h2 id="article-depth-heading">How far readers got</h2>
            <DataTable
              what="read depth"
              caption="Readers who reached each point of the story"
              hiddenCaption
              columns={[
                { header: "Point in the story", cell: (row: ReturnType<typeof depthRows>[number]) => row.label },
                { header: "Readers", cell: (row) => row.reads.toLocaleString("en"), class: "num" },
                { header: "Of all views", cell: (row) => `${row.percent} %`, class: "num" },
              ]}
              rows={depthRows(data)}
              rowKey={(row) => row.step}
              empty=""
            />
            <h3>Time on the page</h3>
            <ShareTable
              caption="Time on the page"
              unit="Readers"
              rows={timeRows(data.timeOnPage)}
              empty="No reading time counted yet."
            />
          </section>
          <section class="panel" aria-labelledby="article-conversions-heading">
            <h2 id="article-conversions-heading">Conversions</h2>
            <dl class="audience-facts">
              <dt>Newsletter sign-ups confirmed from this story</dt>
              <dd>{data.conversions.newsletterSignups.toLocaleString("en")}</dd>
              <dt>Donations started from this story</dt>
              <dd>{data.conversions.donationsStarted.toLocaleString("en")}</dd>
            </dl>
          </section>
        </>
      )}
    </>
  );
}

type SectionRow = SectionRows["rows"][number];
type AuthorRow = AuthorRows["rows"][number];
type IssueRow = NewsletterRows["rows"][number];

const SECTION_COLUMNS: Column<SectionRow>[] = [
  { header: "Section", cell: (row) => row.name || "No section" },
  { header: "Stories read", cell: (row) => row.articles.toLocaleString("en"), class: "num" },
  { header: "Views", cell: (row) => row.views.toLocaleString("en"), class: "num" },
];

const AUTHOR_COLUMNS: Column<AuthorRow>[] = [
  { header: "Author", cell: (row) => row.name },
  { header: "Stories read", cell: (row) => row.articles.toLocaleString("en"), class: "num" },
  { header: "Views", cell: (row) => row.views.toLocaleString("en"), class: "num" },
];

const ISSUE_COLUMNS: Column<IssueRow>[] = [
  { header: "Issue", cell: (row) => `${row.newsletter}: ${row.subject}` },
  { header: "Sent", cell: (row) => formatDateTime(row.sentAt) },
  { header: "Clicks", cell: (row) => row.clicks.toLocaleString("en"), class: "num" },
  {
    header: "Links",
    cell: (row) =>
      row.links.length === 0 ? (
        "—"
      ) : (
        <details>
          <summary>
            {row.links.length} {row.links.length === 1 ? "link" : "links"}
          </summary>
          <ul class="audience-links">
            {row.links.map((link, index) => (
              <li key={`${index}-${link.url}`}>
                <span class="audience-links__url">{link.url}</span>: {link.clicks.toLocaleString("en")}
              </li>
            ))}
          </ul>
        </details>
      ),
  },
];

const RANGE_LABELS: Record<number, string> = {
  1: "Last 24 hours",
  7: "Last 7 days",
  30: "Last 30 days",
  90: "Last 90 days",
  365: "Last year",
};

/** Views by section and by author for an edition, and newsletter issue clicks, over a period; CSV too. */
export function AudienceReportsScreen({ edition: requested, days: asked }: { edition?: string; days?: number }) {
  const allowed = useCanRead();
  const edition = useEditionCode(requested);
  const days = asked && isRangeDays(asked) ? asked : 7;
  // One `from` per choice, so the three tables and the CSV links cover the same period.
  const from = useMemo(() => rangeFrom(days, new Date()), [days, edition]);
  const load = <T,>(path: string) => (allowed ? api.get<T>(path) : Promise.resolve(undefined));
  const sections = useAsync(() => load<SectionRows>(`/stats/sections${query({ edition, from })}`), [edition, from]);
  const authors = useAsync(() => load<AuthorRows>(`/stats/authors${query({ edition, from })}`), [edition, from]);
  const issues = useAsync(() => load<NewsletterRows>(`/stats/newsletters${query({ from })}`), [from]);
  if (!allowed) return <NotAllowed title="Audience reports" />;
  const go = (next: { edition?: string; days?: number }) =>
    navigate(`/admin/audience/reports${query({ edition, days, ...next })}`, { replace: true });
  return (
    <>
      <PageHeader title="Audience reports">
        <a href={`/admin/audience${query({ edition })}`}>Right now</a>
      </PageHeader>
      <div class="audience-filters">
        <EditionPicker value={edition} onValue={(code) => go({ edition: code })} />
        <SelectField
          label="Period"
          value={String(days)}
          options={RANGE_DAYS.map((value) => ({ value: String(value), label: RANGE_LABELS[value] ?? `${value} days` }))}
          onValue={(value) => go({ days: Number(value) })}
        />
      </div>
      <p class="audience-downloads">
        Download as CSV: <a href={csvHref("articles", edition, from)}>stories</a>,{" "}
        <a href={csvHref("sections", edition, from)}>sections</a>,{" "}
        <a href={csvHref("authors", edition, from)}>authors</a>
      </p>
      <section class="panel" aria-labelledby="sections-heading">
        <h2 id="sections-heading">Sections</h2>
        <DataTable
          what="sections"
          caption="Views by section"
          hiddenCaption
          columns={SECTION_COLUMNS}
          rows={sections.data?.rows}
          rowKey={(row) => row.sectionId ?? "none"}
          loading={sections.loading}
          error={sections.error}
          empty="No views in this period."
        />
      </section>
      <section class="panel" aria-labelledby="authors-heading">
        <h2 id="authors-heading">Authors</h2>
        <p class="muted">A story with two bylines counts for each author.</p>
        <DataTable
          what="authors"
          caption="Views by author"
          hiddenCaption
          columns={AUTHOR_COLUMNS}
          rows={authors.data?.rows}
          rowKey={(row) => row.personId}
          loading={authors.loading}
          error={authors.error}
          empty="No views of signed stories in this period."
        />
      </section>
      <section class="panel" aria-labelledby="issues-heading">
        <h2 id="issues-heading">Newsletter clicks</h2>
        <p class="muted">
          Clicks on the links of each issue sent in this period (all editions). Opens are not tracked.
        </p>
        <DataTable
          what="newsletter issues"
          caption="Clicks per newsletter issue"
          hiddenCaption
          columns={ISSUE_COLUMNS}
          rows={issues.data?.rows}
          rowKey={(row) => row.issueId}
          loading={issues.loading}
          error={issues.error}
          empty="No issue was sent in this period."
        />
      </section>
    </>
  );
}
