import { describe, expect, it } from "vitest";
import { selectRows } from "../../src/panel/index.ts";
import { panelFromRows } from "../factors/panels.ts";

const panel = panelFromRows(["A", "B"], [[1, NaN], [2, 20], [3, 30]], ["2024-01-02", "2024-01-03", "2024-01-04"]);

describe("selectRows", () => {
  it("copies the rows asked, in the order asked, with their dates", () => {
    const selected = selectRows(panel, [2, 0]);
    expect(selected.dates).toEqual(["2024-01-04", "2024-01-02"]);
    expect(selected.tickers).toBe(panel.tickers);
    expect(Array.from(selected.values)).toEqual([3, 30, 1, NaN]);
    expect(selected.values.buffer).not.toBe(panel.values.buffer);
  });

  it("selects no rows into an empty panel", () => {
    const none = selectRows(panel, []);
    expect(none.dates).toEqual([]);
    expect(none.values.length).toBe(0);
  });

  it("rejects an index that is not a row as a programming error", () => {
    expect(() => selectRows(panel, [0, 3])).toThrow(new RangeError("row index 3 is outside the panel's 3 dates"));
  });
});
