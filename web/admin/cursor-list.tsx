import { useEffect, useState } from "preact/hooks";
import { api, query } from "./api.js";
import { useAction, useAsync } from "./ui.js";

type Params = Record<string, string | number | undefined | null>;

/**
 * A list read page by page with the server's `nextCursor` (supporters, the audit log): the first
 * page loads whenever the filters change, "Show more" appends the next one.
 */
export function useCursorList<T, P extends { items: T[]; nextCursor: string | null }>(path: string, params: Params) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const load = useAction();
  const page = useAsync(() => api.get<P>(`${path}${query(params)}`), [path, query(params)]);
  useEffect(() => {
    if (page.data) {
      setItems(page.data.items);
      setCursor(page.data.nextCursor);
    }
  }, [page.data]);
  const more = () =>
    load.run(async () => {
      const next = await api.get<P>(`${path}${query({ ...params, cursor })}`);
      setItems((current) => [...current, ...next.items]);
      setCursor(next.nextCursor);
    });
  return {
    page,
    items,
    error: page.error ?? load.error,
    showMore: <ShowMore cursor={cursor} busy={load.busy} onMore={more} />,
  };
}

function ShowMore({ cursor, busy, onMore }: { cursor: string | null; busy: boolean; onMore: () => void }) {
  if (!cursor) return null;
  return (
    <button type="button" onClick={onMore} disabled={busy}>
      {busy ? "Loading…" : "Show more"}
    </button>
  );
}
