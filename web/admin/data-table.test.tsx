import { render } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { type Column, DataTable } from "./data-table.js";

interface Row {
  id: number;
  name: string;
}

const COLUMNS: readonly Column<Row>[] = [
  { header: "Name", cell: (row) => row.name },
  { header: "Id", class: "nowrap", cell: (row) => String(row.id) },
  { header: "Actions", hiddenHeader: true, cell: (row) => <button type="button">Delete {row.name}</button> },
];
const ROWS: Row[] = [
  { id: 1, name: "Ada" },
  { id: 2, name: "Brian" },
];

function html(props: Partial<Parameters<typeof DataTable<Row>>[0]>) {
  return render(
    <DataTable
      what="people"
      columns={COLUMNS}
      rows={undefined}
      rowKey={(row) => row.id}
      empty="Nobody yet."
      {...props}
    />,
  );
}

describe("DataTable", () => {
  it("says it is loading until the first rows arrive", () => {
    const out = html({ loading: true });
    expect(out).toContain("Loading people…");
    expect(out).not.toContain("<table");
    expect(out).not.toContain("Nobody yet.");
  });

  it("keeps the rows it has while more load, without the loading line", () => {
    const out = html({ loading: true, rows: ROWS });
    expect(out).not.toContain("Loading people");
    expect(out).toContain("Ada");
  });

  it("says nothing about the rows before the first answer", () => {
    expect(html({})).toBe("");
  });

  it("says there are none when the list came back empty", () => {
    expect(html({ rows: [] })).toContain('<p class="muted">Nobody yet.</p>');
  });

  it("shows the load error instead of the empty sentence", () => {
    const out = html({ rows: [], error: new Error("The server is down") });
    expect(out).toContain('role="alert"');
    expect(out).toContain("The server is down");
    expect(out).not.toContain("Nobody yet.");
  });

  it("draws one row per item with each column's cell and class", () => {
    const out = html({ rows: ROWS });
    expect(out.match(/<tr>/g)).toHaveLength(3);
    expect(out).toContain('<td class="nowrap">2</td>');
    expect(out).toContain("<td>Brian</td>");
  });

  it("can hide the caption and a header from sight but not from screen readers", () => {
    const out = html({ rows: ROWS, caption: "People", hiddenCaption: true });
    expect(out).toContain('<caption class="visually-hidden">People</caption>');
    expect(out).toContain('<th scope="col"><span class="visually-hidden">Actions</span></th>');
    expect(html({ rows: ROWS, caption: "People" })).toContain("<caption>People</caption>");
  });

  it("lets a screen draw whole rows itself", () => {
    const out = html({ rows: ROWS, renderRow: (row) => <tr class="custom">{row.name}</tr> });
    expect(out).toContain('<tr class="custom">Ada</tr><tr class="custom">Brian</tr>');
  });
});
