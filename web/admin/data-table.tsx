import { type ComponentChildren, Fragment } from "preact";
import { ErrorMessage, Loading } from "./ui.js";

export interface Column<T> {
  header: string;
  /** The header is for screen readers only, e.g. over a column of buttons. */
  hiddenHeader?: boolean;
  /** Not needed when the table draws its rows with `renderRow`. */
  cell?: (row: T) => ComponentChildren;
  class?: string;
}

/**
 * The admin's one list table: the load error, "Loading…" until the first rows arrive, a sentence
 * when there are none, else the table. Rows already shown stay while more load, so "Show more"
 * does not blank the list. A screen whose rows keep their own state (a confirm step, an inline
 * form) passes `renderRow`, which returns the whole `<tr>`.
 */
export function DataTable<T>({
  what,
  caption,
  hiddenCaption = false,
  columns,
  rows,
  rowKey,
  renderRow,
  empty,
  loading = false,
  error = null,
}: {
  /** What the rows are, for "Loading supporters…". */
  what: string;
  caption?: string;
  /** The caption is for screen readers only (the page heading already says what the table is). */
  hiddenCaption?: boolean;
  columns: readonly Column<T>[];
  /** Undefined until the first answer: then neither the table nor the "none" sentence shows. */
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string | number;
  renderRow?: (row: T) => ComponentChildren;
  empty: ComponentChildren;
  loading?: boolean;
  error?: unknown;
}) {
  const list = rows ?? [];
  return (
    <>
      <ErrorMessage error={error} />
      {loading && list.length === 0 && <Loading what={what} />}
      {!loading && !error && rows && rows.length === 0 && <p class="muted">{empty}</p>}
      {list.length > 0 && (
        <table class="table">
          {caption && <caption class={hiddenCaption ? "visually-hidden" : undefined}>{caption}</caption>}
          <thead>
            <tr>
              {columns.map((column) => (
                <th scope="col" key={column.header}>
                  {column.hiddenHeader ? <span class="visually-hidden">{column.header}</span> : column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.map((row) =>
              renderRow ? (
                <Fragment key={rowKey(row)}>{renderRow(row)}</Fragment>
              ) : (
                <tr key={rowKey(row)}>
                  {columns.map((column) => (
                    <td key={column.header} class={column.class}>
                      {column.cell?.(row)}
                    </td>
                  ))}
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </>
  );
}
