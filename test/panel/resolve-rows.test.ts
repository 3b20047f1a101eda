import { describe, expect, it } from "vitest";
import { nanPanel, resolveRows } from "../../src/panel/index.ts";

const panel = nanPanel(["2024-01-02", "2024-01-03", "2024-01-04"], ["A"]);

describe("resolveRows", () => {
  it("is every row without `at`, and `at` itself when given", () => {
    expect(resolveRows(panel, undefined)).toEqual([0, 1, 2]);
    const at = [2, 0];
    expect(resolveRows(panel, at)).toBe(at);
    expect(resolveRows(panel, [])).toEqual([]);
    expect(resolveRows(nanPanel([], ["A"]), undefined)).toEqual([]);
  });

  it("rejects an index that is not a row as a programming error", () => {
    for (const bad of [3, -1, 1.5, NaN]) {
      expect(() => resolveRows(panel, [0, bad])).toThrow(new RangeError(`row index ${bad} is outside the panel's 3 dates`));
    }
  });
});
