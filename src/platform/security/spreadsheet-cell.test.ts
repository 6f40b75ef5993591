import { describe, expect, it } from "vitest";
import { neutralizeCell } from "./spreadsheet-cell.js";

describe("neutralizeCell", () => {
  it("prefixes a quote to a cell a spreadsheet would run as a formula", () => {
    for (const hostile of ['=HYPERLINK("x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]) {
      expect(neutralizeCell(hostile)).toBe(`'${hostile}`);
    }
  });

  it("leaves ordinary text as it is", () => {
    expect(neutralizeCell("Олена Коваль")).toBe("Олена Коваль");
    expect(neutralizeCell("a = b")).toBe("a = b");
    expect(neutralizeCell("")).toBe("");
  });
});
