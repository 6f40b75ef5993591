/** The old site's addresses that now answer 301 to imported stories: search, page, remove, export. */

import { useEffect, useState } from "preact/hooks";
import type { Static } from "typebox";
import { canImport } from "../../../src/imports/imports.policy.js";
import type { RedirectSchema } from "../../../src/imports/imports.schemas.js";
import { API_BASE, api, query } from "../api.js";
import { type Column, DataTable } from "../data-table.js";
import { useSession } from "../session.js";
import { ConfirmRevoke, ErrorMessage, formatDateTime, PageHeader, TextField, useAction, useAsync } from "../ui.js";

type Redirect = Static<typeof RedirectSchema>;
interface RedirectPage {
  items: Redirect[];
  next: number | null;
}

const PAGE_SIZE = 50;

function RedirectRow({ redirect, onRemoved }: { redirect: Redirect; onRemoved: () => void }) {
  const { busy, error, run } = useAction();
  const remove = async () => {
    const done = await run(async () => {
      await api.delete(`/redirects/${redirect.id}`);
      return true;
    });
    if (done) onRemoved();
  };
  return (
    <tr>
      <td class="mono">{redirect.oldPath}</td>
      <td>
        <a href={`/admin/articles/${redirect.articleId}`}>Story #{redirect.articleId}</a>
      </td>
      <td class="nowrap">{formatDateTime(redirect.createdAt)}</td>
      <td>
        <ConfirmRevoke name={redirect.oldPath} busy={busy} onRevoke={() => void remove()} verb="Remove" />
        <ErrorMessage error={error} />
      </td>
    </tr>
  );
}

const COLUMNS: readonly Column<Redirect>[] = [
  { header: "Old address" },
  { header: "Now goes to" },
  { header: "Added" },
  { header: "Actions", hiddenHeader: true },
];

export function RedirectsScreen() {
  const { staff } = useSession();
  const allowed = canImport(staff, "manageRedirects");
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [before, setBefore] = useState<number | undefined>(undefined);
  const [rows, setRows] = useState<Redirect[]>([]);
  const page = useAsync(
    () =>
      allowed
        ? api.get<RedirectPage>(`/redirects${query({ q, before, limit: PAGE_SIZE })}`)
        : Promise.resolve<RedirectPage>({ items: [], next: null }),
    [allowed, q, before],
  );
  // useAsync keeps only the newest answer, so a page is appended once and never from an older search.
  useEffect(() => {
    const answer = page.data;
    if (answer) setRows((shown) => (before === undefined ? answer.items : [...shown, ...answer.items]));
  }, [page.data]);
  if (!allowed) {
    return (
      <>
        <PageHeader title="Redirects" />
        <p>Only editors, admins and owners may manage the old site's redirects.</p>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Redirects">
        <a class="button" href="/admin/imports">
          Imports
        </a>
        <a class="button" href={`${API_BASE}/redirects.csv`} download="redirects.csv">
          Download CSV
        </a>
      </PageHeader>
      <p>
        Each imported story's old address answers with a permanent redirect to its new page. Remove one to let the old
        address fall through to “not found”. The CSV lists old path and new address for a CDN.
      </p>
      <form
        class="form form--row"
        onSubmit={(event) => {
          event.preventDefault();
          setRows([]);
          setBefore(undefined);
          setQ(search.trim());
        }}
      >
        <TextField label="Old address contains" value={search} onValue={setSearch} maxLength={200} />
        <div class="form__actions">
          <button type="submit" class="button">
            Search
          </button>
        </div>
      </form>
      <DataTable
        what="redirects"
        caption="Redirects"
        hiddenCaption
        columns={COLUMNS}
        rows={page.data ? rows : undefined}
        rowKey={(redirect) => redirect.id}
        renderRow={(redirect) => (
          <RedirectRow
            redirect={redirect}
            onRemoved={() => setRows((shown) => shown.filter((r) => r.id !== redirect.id))}
          />
        )}
        empty={q ? "No redirect matches." : "No redirects yet: they are made by imports."}
        loading={page.loading}
        error={page.error}
      />
      {page.data?.next != null && (
        <button
          type="button"
          class="button"
          disabled={page.loading}
          onClick={() => setBefore(page.data?.next ?? undefined)}
        >
          Show more
        </button>
      )}
    </>
  );
}
