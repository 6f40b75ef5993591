/** One newsletter list: its settings, subscribers (search, add, remove, CSV in and out) and issues. */
import { useState } from "preact/hooks";
import { canNewsletter } from "../../../src/newsletters/newsletters.policy.js";
import type { IssueView } from "../../../src/newsletters/newsletters.shared.js";
import { describeCron } from "../../../src/newsletters/schedule.shared.js";
import { api, query } from "../api.js";
import { DataTable } from "../data-table.js";
import { ArticlePicker } from "../pickers.js";
import { navigate } from "../router.js";
import { useSession } from "../session.js";
import {
  ErrorMessage,
  formatDateTime,
  Loading,
  PageHeader,
  StatusMessage,
  TextArea,
  TextField,
  timeZoneOf,
  useAction,
  useAsync,
} from "../ui.js";
import { ListFields, type NewsletterList } from "./newsletters.js";

interface Subscriber {
  subscriberId: number;
  email: string;
  language: string;
  status: string;
  source: string;
  createdAt: string;
  confirmedAt: string | null;
}

export type Issue = IssueView;

interface ImportReport {
  imported: number;
  alreadySubscribed: number;
  errors: { row: number; value: string; message: string }[];
}

/** `onChange` runs after every change, so the list's subscriber count is fetched again at once. */
function Subscribers({ list, onChange }: { list: NewsletterList; onChange: () => void }) {
  const { staff } = useSession();
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [after, setAfter] = useState<string | undefined>(undefined);
  const page = useAsync(
    () =>
      api.get<{ items: Subscriber[]; next: string | null }>(
        `/newsletters/lists/${list.id}/subscribers${query({ q, after, limit: 50 })}`,
      ),
    [list.id, q, after],
  );
  const [email, setEmail] = useState("");
  const [csv, setCsv] = useState("");
  const [report, setReport] = useState<ImportReport | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const action = useAction();
  const canManage = canNewsletter(staff.role, "manageSubscribers");

  const add = async (event: Event) => {
    event.preventDefault();
    const result = await action.run(() =>
      api.post<{ outcome: string }>(`/newsletters/lists/${list.id}/subscribers`, { email }),
    );
    if (result) {
      setAdded(result.outcome === "added" ? `Added ${email}.` : `${email} was already subscribed.`);
      setEmail("");
      page.reload();
      onChange();
    }
  };
  const remove = async (subscriber: Subscriber) => {
    if (!confirm(`Remove ${subscriber.email} from ${list.name}?`)) return;
    await action.run(() => api.delete(`/newsletters/lists/${list.id}/subscribers/${subscriber.subscriberId}`));
    page.reload();
    onChange();
  };
  const importCsv = async (event: Event) => {
    event.preventDefault();
    const result = await action.run(() => api.post<ImportReport>(`/newsletters/lists/${list.id}/import`, { csv }));
    if (result) {
      setReport(result);
      page.reload();
      onChange();
    }
  };
  const readFile = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (file) setCsv(await file.text());
  };

  return (
    <section class="panel" aria-labelledby="subscribers-title">
      <h2 id="subscribers-title">Subscribers</h2>
      <form
        aria-label="Search subscribers"
        onSubmit={(event) => {
          event.preventDefault();
          setAfter(undefined);
          setQ(search.trim());
        }}
      >
        <TextField label="Search by address" type="search" value={search} onValue={setSearch} maxLength={254} />
        <button type="submit" class="button button--ghost">
          Search
        </button>
      </form>
      <ErrorMessage error={action.error} />
      <DataTable
        what="subscribers"
        columns={[
          { header: "Address", cell: (s) => s.email },
          { header: "Status", cell: (s) => s.status },
          { header: "Source", cell: (s) => s.source },
          { header: "Since", cell: (s) => formatDateTime(s.confirmedAt ?? s.createdAt) },
          ...(canManage
            ? [
                {
                  header: "Actions",
                  cell: (s: Subscriber) => (
                    <button type="button" class="button button--ghost" onClick={() => void remove(s)}>
                      Remove
                    </button>
                  ),
                },
              ]
            : []),
        ]}
        rows={page.data?.items}
        rowKey={(s) => s.subscriberId}
        empty={`No subscribers${q ? " match" : " yet"}.`}
        loading={page.loading}
        error={page.error}
      />
      {page.data?.next && (
        <button type="button" class="button button--ghost" onClick={() => setAfter(page.data?.next ?? undefined)}>
          Next page
        </button>
      )}
      <p>
        <a href={`/admin/api/newsletters/lists/${list.id}/export.csv`} download>
          Export all subscribers as CSV
        </a>
      </p>
      {canManage && (
        <>
          <form onSubmit={add}>
            <h3>Add a subscriber</h3>
            <TextField label="Email address" type="email" value={email} onValue={setEmail} required maxLength={254} />
            {added && <StatusMessage>{added}</StatusMessage>}
            <button type="submit" class="button" disabled={action.busy}>
              Add
            </button>
          </form>
          <form onSubmit={importCsv}>
            <h3>Import from CSV</h3>
            <p class="field__hint">
              One address per row, in the first column or a column headed “email”. Addresses that unsubscribed or
              bounced are left out.
            </p>
            <input type="file" accept=".csv,text/csv" aria-label="CSV file" onChange={(e) => void readFile(e)} />
            <TextArea label="Or paste CSV" value={csv} onValue={setCsv} />
            <button type="submit" class="button" disabled={action.busy || csv.trim() === ""}>
              Import
            </button>
          </form>
          {report && (
            <div role="status">
              <p>
                Imported {report.imported}; {report.alreadySubscribed} were already subscribed; {report.errors.length}{" "}
                rows were not imported.
              </p>
              {report.errors.length > 0 && (
                <ul>
                  {report.errors.map((e) => (
                    <li key={e.row}>
                      Row {e.row} ({e.value}): {e.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** A list's times are on its schedule's clock; a manual list's on its edition's. */
export function listZone(list: NewsletterList, editions: { code: string; timeZone: string }[]): string {
  return list.timeZone ?? timeZoneOf(editions, list.edition);
}

function Issues({ list }: { list: NewsletterList }) {
  const { editions } = useSession();
  const { staff } = useSession();
  const issues = useAsync(() => api.get<{ items: Issue[] }>(`/newsletters/lists/${list.id}/issues`), [list.id]);
  const action = useAction();
  const [subject, setSubject] = useState("");
  const [intro, setIntro] = useState("");
  const [ids, setIds] = useState<number[]>([]);
  const canCompose = canNewsletter(staff.role, "composeIssue");

  const composeDigest = async () => {
    const issue = await action.run(() => api.post<Issue>(`/newsletters/lists/${list.id}/issues`, { kind: "digest" }));
    if (issue) navigate(`/admin/newsletter-issues/${issue.id}`);
  };
  const composeManual = async (event: Event) => {
    event.preventDefault();
    const issue = await action.run(() =>
      api.post<Issue>(`/newsletters/lists/${list.id}/issues`, { kind: "manual", subject, intro, articleIds: ids }),
    );
    if (issue) navigate(`/admin/newsletter-issues/${issue.id}`);
  };

  return (
    <section class="panel" aria-labelledby="issues-title">
      <h2 id="issues-title">Issues</h2>
      <ErrorMessage error={action.error} />
      <DataTable
        what="issues"
        columns={[
          { header: "Subject", cell: (issue) => <a href={`/admin/newsletter-issues/${issue.id}`}>{issue.subject}</a> },
          { header: "Status", cell: (issue) => issue.status },
          { header: "For", cell: (issue) => formatDateTime(issue.sendAt ?? issue.createdAt, listZone(list, editions)) },
          { header: "Recipients", cell: (issue) => issue.total },
        ]}
        rows={issues.data?.items}
        rowKey={(issue) => issue.id}
        empty="No issues yet."
        loading={issues.loading}
        error={issues.error}
      />
      {canCompose && (
        <>
          <p>
            <button type="button" class="button" disabled={action.busy} onClick={() => void composeDigest()}>
              Compose the next digest now
            </button>
          </p>
          <form onSubmit={composeManual}>
            <h3>Compose a manual issue</h3>
            <TextField label="Subject" value={subject} onValue={setSubject} required maxLength={200} />
            <TextArea label="Introduction" value={intro} onValue={setIntro} maxLength={5000} />
            <ArticlePicker
              label="Articles"
              hint="Published articles of this list's edition, in the order to show them."
              value={ids}
              onChange={setIds}
              edition={list.edition}
              status="published"
            />
            <button type="submit" class="button" disabled={action.busy}>
              Create draft
            </button>
          </form>
        </>
      )}
    </section>
  );
}

export function NewsletterListScreen({ id }: { id: number }) {
  const { staff } = useSession();
  const lists = useAsync(() => api.get<{ items: NewsletterList[] }>("/newsletters/lists"), [id]);
  const list = lists.data?.items.find((l) => l.id === id);
  const [edit, setEdit] = useState<Omit<NewsletterList, "id"> | null>(null);
  const [saved, setSaved] = useState(false);
  const action = useAction();

  const save = async (event: Event) => {
    event.preventDefault();
    if (!edit) return;
    const { subscribers: _count, ...body } = edit;
    const result = await action.run(() => api.patch<NewsletterList>(`/newsletters/lists/${id}`, body));
    if (result) {
      setSaved(true);
      setEdit(null);
      lists.reload();
    }
  };

  // Only the first load shows "Loading": a reload (a new count) keeps the screen and its forms.
  if (lists.loading && !lists.data) return <Loading what="the list" />;
  if (!list) {
    return (
      <>
        <PageHeader title="Newsletter not found" />
        <ErrorMessage error={lists.error} />
        <p>
          <a href="/admin/newsletters">All newsletters</a>
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeader title={list.name} />
      <p>
        <a href="/admin/newsletters">All newsletters</a> · {list.subscribers ?? 0} active subscribers ·{" "}
        {list.kind === "digest" ? (
          <span data-schedule>Sent {describeCron(list.cron ?? "", list.timeZone ?? "UTC")}</span>
        ) : (
          "manual issues"
        )}
      </p>
      {canNewsletter(staff.role, "manageLists") &&
        (edit ? (
          <form class="panel" onSubmit={save}>
            <h2>Settings</h2>
            <ListFields value={edit} onChange={setEdit} />
            <ErrorMessage error={action.error} />
            <button type="submit" class="button" disabled={action.busy}>
              Save
            </button>{" "}
            <button type="button" class="button button--ghost" onClick={() => setEdit(null)}>
              Cancel
            </button>
          </form>
        ) : (
          <p>
            <button
              type="button"
              class="button button--ghost"
              onClick={() => {
                const { id: _id, ...rest } = list;
                setSaved(false);
                setEdit(rest);
              }}
            >
              Edit settings
            </button>
            {saved && <StatusMessage>Saved.</StatusMessage>}
          </p>
        ))}
      {canNewsletter(staff.role, "viewSubscribers") && <Subscribers list={list} onChange={lists.reload} />}
      <Issues list={list} />
    </>
  );
}
