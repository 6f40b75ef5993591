import { useEffect, useState } from "preact/hooks";
import { api, query } from "../api.js";
import { ErrorMessage, formatDateTime, Loading, PageHeader, TextField, useAction, useAsync } from "../ui.js";

interface Supporter {
  id: number;
  email: string;
  name: string | null;
  language: string;
  createdAt: string;
  contributions: number;
  activeSubscriptions: number;
}

/** Everyone who gave, searchable, with a CSV export of the current search. */
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
      <ErrorMessage error={page.error ?? load.error} />
      {page.loading && <Loading what="supporters" />}
      {!page.loading && items.length === 0 && <p>No supporters{search ? " match this search" : " yet"}.</p>}
      {items.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Language</th>
              <th scope="col">Since</th>
              <th scope="col">Contributions</th>
              <th scope="col">Patron</th>
            </tr>
          </thead>
          <tbody>
            {items.map((supporter) => (
              <tr key={supporter.id}>
                <td>{supporter.name ?? "—"}</td>
                <td>{supporter.email}</td>
                <td>{supporter.language}</td>
                <td>{formatDateTime(supporter.createdAt)}</td>
                <td>{supporter.contributions}</td>
                <td>{supporter.activeSubscriptions > 0 ? "Yes" : "No"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <button type="button" onClick={more} disabled={load.busy}>
          {load.busy ? "Loading…" : "Show more"}
        </button>
      )}
    </>
  );
}
