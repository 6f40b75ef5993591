import { useState } from "preact/hooks";
import type { Supporter } from "../../../src/revenue/revenue-reports.shared.js";
import { query } from "../api.js";
import { useCursorList } from "../cursor-list.js";
import { type Column, DataTable } from "../data-table.js";
import { formatDateTime, PageHeader, TextField } from "../ui.js";

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
  const { page, items, error, showMore } = useCursorList<Supporter, { items: Supporter[]; nextCursor: string | null }>(
    "/revenue/supporters",
    { q: search },
  );
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
        error={error}
      />
      {showMore}
    </>
  );
}
