import { describe, expect, it } from "vitest";
import { monthEndRows } from "../../src/panel/index.ts";

describe("monthEndRows", () => {
  it("picks the last trading date of each month, the final partial month included", () => {
    expect(monthEndRows(["2024-01-30", "2024-01-31", "2024-02-01", "2024-02-29", "2024-03-01", "2024-03-04"])).toEqual([1, 3, 5]);
  });

  it("tells the same month of different years apart", () => {
    expect(monthEndRows(["2023-12-29", "2024-12-02", "2024-12-31"])).toEqual([0, 2]);
  });

  it("has no rows without dates and the one row of a one-date panel", () => {
    expect(monthEndRows([])).toEqual([]);
    expect(monthEndRows(["2024-01-15"])).toEqual([0]);
  });
});
