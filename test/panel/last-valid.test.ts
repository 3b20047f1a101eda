import { describe, expect, it } from "vitest";
import { lastValid, nanPanel } from "../../src/panel/index.ts";
import { panelFromRows } from "../factors/panels.ts";

describe("lastValid", () => {
  it("takes each column's value on its last date with one, NaN for a column with none", () => {
    const panel = panelFromRows(
      ["A", "B", "C", "D"],
      [
        [1, 10, NaN, NaN],
        [2, 20, NaN, 300],
        [3, NaN, NaN, NaN],
      ],
    );
    expect(Array.from(lastValid(panel))).toEqual([3, 20, NaN, 300]);
  });

  it("reads a one-row panel as it is", () => {
    expect(Array.from(lastValid(panelFromRows(["A", "B"], [[5, NaN]])))).toEqual([5, NaN]);
  });

  it("is all NaN without dates and empty without tickers", () => {
    expect(Array.from(lastValid(nanPanel([], ["A", "B"])))).toEqual([NaN, NaN]);
    expect(lastValid(nanPanel(["2024-01-02"], [])).length).toBe(0);
  });
});
