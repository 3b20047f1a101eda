import { describe, expect, it } from "vitest";
import { sliceRows } from "../../src/panel/index.ts";
import { panelFromRows } from "../factors/panels.ts";

const panel = panelFromRows(["A", "B"], [[1, NaN], [2, 20], [3, 30]], ["2024-01-02", "2024-01-03", "2024-01-04"]);

describe("sliceRows", () => {
  it("is rows [first, end) as a view into the input's values", () => {
    const slice = sliceRows(panel, 1, 3);
    expect(slice.dates).toEqual(["2024-01-03", "2024-01-04"]);
    expect(slice.tickers).toBe(panel.tickers);
    expect(Array.from(slice.values)).toEqual([2, 20, 3, 30]);
    expect(slice.values.buffer).toBe(panel.values.buffer);
  });

  it("is empty when first equals end, and the whole panel from 0 to the last row", () => {
    expect(sliceRows(panel, 2, 2).values.length).toBe(0);
    expect(Array.from(sliceRows(panel, 0, 3).values)).toEqual([1, NaN, 2, 20, 3, 30]);
  });

  it("rejects a range outside the panel as a programming error", () => {
    expect(() => sliceRows(panel, 2, 4)).toThrow(new RangeError("rows 2..4 are not a range of the panel's 3 dates"));
    expect(() => sliceRows(panel, 2, 1)).toThrow(new RangeError("rows 2..1 are not a range of the panel's 3 dates"));
  });
});
