import { describe, expect, it } from "vitest";
import { row } from "../../src/panel/index.ts";
import { panelFromRows } from "../factors/panels.ts";

const panel = panelFromRows(["A", "B"], [[1, NaN], [3, 4]]);

describe("row", () => {
  it("is one date's cross-section, a view into the panel's values", () => {
    expect(Array.from(row(panel, 0))).toEqual([1, NaN]);
    const second = row(panel, 1);
    expect(Array.from(second)).toEqual([3, 4]);
    expect(second.buffer).toBe(panel.values.buffer);
    expect(second.byteOffset).toBe(2 * Float64Array.BYTES_PER_ELEMENT);
  });

  it("is empty for a panel without tickers", () => {
    expect(row(panelFromRows([], [[]]), 0).length).toBe(0);
  });

  it("rejects an index that is not a row as a programming error", () => {
    expect(() => row(panel, 2)).toThrow(new RangeError("row index 2 is outside the panel's 2 dates"));
    expect(() => row(panel, -1)).toThrow(new RangeError("row index -1 is outside the panel's 2 dates"));
  });
});
