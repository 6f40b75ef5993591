import { describe, expect, it } from "vitest";
import { type AsyncState, removeItem, replaceItem } from "./ui.js";

interface Row {
  id: number;
  name: string;
}

/** A loaded list whose `setData` records what the screen would show next. */
function loaded(items: Row[]) {
  const shown: { items: Row[] }[] = [];
  const list: AsyncState<{ items: Row[] }> = {
    data: { items },
    error: null,
    loading: false,
    reload: () => {},
    setData: (data) => shown.push(data),
  };
  return { list, shown };
}

describe("loaded list rows", () => {
  const rows = [
    { id: 1, name: "Ada" },
    { id: 2, name: "Brian" },
  ];

  it("puts a saved row in place of the one with its id, keeping the order", () => {
    const { list, shown } = loaded(rows);
    replaceItem(list, { id: 1, name: "Ada L." });
    expect(shown).toEqual([{ items: [{ id: 1, name: "Ada L." }, rows[1]] }]);
  });

  it("drops a deleted row and keeps the others", () => {
    const { list, shown } = loaded(rows);
    removeItem(list, 2);
    expect(shown).toEqual([{ items: [rows[0]] }]);
  });
});
