import { describe, expect, it } from "vitest";
import { splitByRegion } from "../../src/panel/index.ts";
import { panelFromRows } from "../factors/panels.ts";

describe("splitByRegion", () => {
  it("gives each region its instruments, plain tickers and own trading days, regions in order", () => {
    // Columns: 7203.JP, AAPL.US, 6758.JP, MSFT.US; 2024-01-01 is a JP holiday, 2024-01-04 a US one.
    const panel = {
      ...panelFromRows(
        ["7203.JP", "AAPL.US", "6758.JP", "MSFT.US"],
        [
          [NaN, 185, NaN, 370],
          [2500, 184, 13000, NaN],
          [2510, NaN, NaN, NaN],
        ],
        ["2024-01-01", "2024-01-03", "2024-01-04"],
      ),
      instruments: [
        { ticker: "7203", region: "JP" },
        { ticker: "AAPL", region: "US" },
        { ticker: "6758", region: "JP" },
        { ticker: "MSFT", region: "US" },
      ],
    };
    const [jp, us, ...rest] = splitByRegion(panel);
    expect(rest).toEqual([]);
    expect(jp.region).toBe("JP");
    expect(jp.dates).toEqual(["2024-01-03", "2024-01-04"]);
    expect(jp.tickers).toEqual(["7203", "6758"]);
    expect(jp.instruments).toEqual([panel.instruments[0], panel.instruments[2]]);
    expect(Array.from(jp.values)).toEqual([2500, 13000, 2510, NaN]);
    expect(us.region).toBe("US");
    expect(us.dates).toEqual(["2024-01-01", "2024-01-03"]);
    expect(us.tickers).toEqual(["AAPL", "MSFT"]);
    expect(Array.from(us.values)).toEqual([185, 370, 184, NaN]);
  });

  it("leaves out a region whose columns are all NaN, and gives nothing for an empty panel", () => {
    const panel = {
      ...panelFromRows(["A.US", "B.KR"], [[1, NaN]], ["2024-01-02"]),
      instruments: [
        { ticker: "A", region: "US" },
        { ticker: "B", region: "KR" },
      ],
    };
    expect(splitByRegion(panel).map((p) => [p.region, p.dates, Array.from(p.values)])).toEqual([["US", ["2024-01-02"], [1]]]);
    expect(splitByRegion({ dates: [], tickers: [], values: new Float64Array(0), instruments: [] })).toEqual([]);
  });
});
