import { useEffect, useState } from "preact/hooks";
import type { Supporter } from "../../../src/revenue/revenue-reports.shared.js";
import { api, query } from "../api.js";
import { type Column, DataTable } from "../data-table.js";
import { formatDateTime, PageHeader, TextField, useAction, useAsync } from "../ui.js";

/** Everyone who gave, searchable, with a CSV export of the current search. */
const SUPPORTER_COLUMNS: Column<Supporter>[] = [
  { header: "Name", cell: (supporter) => supporter.name ?? "—" },
  { header: "Email", cell: (supporter) => supporter.email },
  { header: "Language", cell: (supporter) => supporter.language },
  { header: "Since", cell: (supporter) => formatDateTime(supporter.createdAt) },
  { header: "Contributions", cell: (supporter) => supporter.contributions },
  { header: "Patron", cell: (supporter) => (supporter.activeSubscriptions > 0 ? "Yes" : "No") },
];

export function SupportersScreen() {
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  const [items, setItems] = useState<Supporter[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const load = useAction();
  const page = useAsync(
    () => api.get<{ items: Supporter[]; nextCursor: string | null }>(`/revenue/supporters${query({ q: search })}`),
    [search],
  );
  useEffect(() => {
    if (page.data) {
      setItems(page.data.items);
      setCursor(page.data.nextCursor);
    }
  }, [page.data]);
  const more = () =>
    load.run(async () => {
      const next = await api.get<{ items: Supporter[]; nextCursor: string | null }>(
        `/revenue/supporters${query({ q: search, cursor })}`,
      );
      setItems((current) => [...current, ...next.items]);
      setCursor(next.nextCursor);
    });
  return (
    <>
      <PageHeader title="Supporters">
        <a href={`/admin/api/revenue/supporters.csv${query({ q: search })}`} download="supporters.csv">
          Export CSV
        </a>
      </PageHeader>
      <form
        class="toolbar"
        aria-label="Search supporters"
        onSubmit={(event) => {
          event.preventDefault();
          setSearch(q.trim());
        }}
      >
        <TextField label="Search by name or email" type="search" value={q} onValue={setQ} />
        <button type="submit">Search</button>
      </form>
      <DataTable
        what="supporters"
        columns={SUPPORTER_COLUMNS}
        rows={items}
        rowKey={(supporter) => supporter.id}
        empty={`No supporters${search ? " match this search" : " yet"}.`}
        loading={page.loading}
        error={page.error ?? load.error}
      />
      {cursor && (
        <button type="button" onClick={more} disabled={load.busy}>
          {load.busy ? "Loading…" : "Show more"}
        </button>
      )}
    </>
  );
}
