import { describe, expect, it } from "vitest";
import { nanPanel, selectColumns } from "../../src/panel/index.ts";
import { panelFromRows } from "../factors/panels.ts";

const panel = panelFromRows(["A", "B", "C"], [[1, 10, NaN], [2, NaN, NaN]]);

describe("selectColumns", () => {
  it("copies the columns asked, in the order asked, with their tickers and every date", () => {
    const selected = selectColumns(panel, [2, 0]);
    expect(selected.dates).toBe(panel.dates);
    expect(selected.tickers).toEqual(["C", "A"]);
    expect(Array.from(selected.values)).toEqual([NaN, 1, NaN, 2]);
  });

  it("selects no columns into a panel without tickers, and keeps an empty panel empty", () => {
    expect(selectColumns(panel, []).values.length).toBe(0);
    expect(selectColumns(nanPanel([], ["A"]), [0]).values.length).toBe(0);
  });

  it("rejects an index that is not a column as a programming error", () => {
    expect(() => selectColumns(panel, [1, 3])).toThrow(new RangeError("column index 3 is outside the panel's 3 tickers"));
  });
});
