import type { ComponentChildren } from "preact";
import { ErrorMessage, Loading } from "./ui.js";

export interface Column<T> {
  header: string;
  cell: (row: T) => ComponentChildren;
}

/**
 * The admin's one list table: the load error, "Loading…" until the first rows arrive, a sentence
 * when there are none, else the table. Rows already shown stay while more load, so "Show more"
 * does not blank the list.
 */
export function DataTable<T>({
  what,
  caption,
  columns,
  rows,
  rowKey,
  empty,
  loading = false,
  error = null,
}: {
  /** What the rows are, for "Loading supporters…". */
  what: string;
  caption?: string;
  columns: readonly Column<T>[];
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string | number;
  empty: ComponentChildren;
  loading?: boolean;
  error?: unknown;
}) {
  const list = rows ?? [];
  return (
    <>
      <ErrorMessage error={error} />
      {loading && list.length === 0 && <Loading what={what} />}
      {!loading && !error && list.length === 0 && <p class="muted">{empty}</p>}
      {list.length > 0 && (
        <table class="table">
          {caption && <caption>{caption}</caption>}
          <thead>
            <tr>
              {columns.map((column) => (
                <th scope="col" key={column.header}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column) => (
                  <td key={column.header}>{column.cell(row)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
