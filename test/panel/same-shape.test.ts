import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.ts";
import { assertSameShape, sameLabels } from "../../src/panel/index.ts";
import { panelFromRows } from "../factors/panels.ts";

const first = panelFromRows(["A", "B"], [[1, 2]], ["2024-01-02"]);

describe("assertSameShape", () => {
  it("rejects other tickers, another ticker order and other dates as bad input naming the input", () => {
    for (const other of [
      panelFromRows(["A", "C"], [[1, 2]], ["2024-01-02"]),
      panelFromRows(["B", "A"], [[1, 2]], ["2024-01-02"]),
      panelFromRows(["A", "B"], [[1, 2]], ["2024-01-03"]),
      panelFromRows(["A", "B"], [[1, 2], [3, 4]], ["2024-01-02", "2024-01-03"]),
    ]) {
      expect(() => assertSameShape(first, other, "factor x, field y")).toThrow(
        expect.objectContaining({ name: "InputError", code: "bad-input", message: "factor x, field y: panel dates/tickers differ from the first input's" }),
      );
    }
    expect(() => assertSameShape(first, panelFromRows(["A"], [[1]], ["2024-01-02"]), "b")).toThrow(InputError);
  });
});

describe("sameLabels", () => {
  it("compares strings in order, whichever arrays hold them", () => {
    expect(sameLabels(["A", "B"], ["A", "B"])).toBe(true);
    expect(sameLabels(["A", "B"], ["B", "A"])).toBe(false);
    expect(sameLabels(["A"], ["A", "B"])).toBe(false);
    expect(sameLabels([], [])).toBe(true);
  });
});
