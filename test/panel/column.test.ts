import { describe, expect, it } from "vitest";
import { column, nanPanel } from "../../src/panel/index.ts";
import { panelFromRows } from "../factors/panels.ts";

const panel = panelFromRows(["A", "B", "C"], [[1, NaN, 10], [2, NaN, NaN], [3, NaN, 30]]);

describe("column", () => {
  it("copies one ticker's series, one value per date, NaN kept", () => {
    expect(Array.from(column(panel, 0))).toEqual([1, 2, 3]);
    expect(Array.from(column(panel, 2))).toEqual([10, NaN, 30]);
    expect(Array.from(column(panel, 1))).toEqual([NaN, NaN, NaN]);
    const copy = column(panel, 0);
    copy[0] = 99;
    expect(panel.values[0]).toBe(1);
  });

  it("is empty for a panel without dates", () => {
    expect(column(nanPanel([], ["A"]), 0).length).toBe(0);
  });

  it("rejects an index that is not a column as a programming error", () => {
    expect(() => column(panel, 3)).toThrow(new RangeError("column index 3 is outside the panel's 3 tickers"));
  });
});
