import { describe, expect, it } from "vitest";
import { type PointInTimeRecord, asOfPanel } from "../../src/factors/as-of-panel.ts";
import { scoreFactor, scoreRows } from "../../src/factors/cross-section/score-factor.ts";
import { earningsYield } from "../../src/factors/earnings-yield.ts";
import { column } from "./panels.ts";

const dates = ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08", "2024-01-09"];

describe("asOfPanel", () => {
  it("holds the latest figure known on each date and changes only on known dates", () => {
    const records: PointInTimeRecord[] = [
      { ticker: "A", periodEnd: "2023-09-30", knownDate: "2024-01-03", value: 10 },
      { ticker: "A", periodEnd: "2023-12-31", knownDate: "2024-01-06", value: 20 }, // a Saturday: used from Monday
    ];
    expect(column(asOfPanel(records, dates, ["A"]), 0)).toEqual([NaN, 10, 10, 10, 20, 20]);
  });

  it("lets a restatement replace its own period from its known date, never a newer period", () => {
    const records: PointInTimeRecord[] = [
      { ticker: "A", periodEnd: "2023-09-30", knownDate: "2024-01-02", value: 10 },
      { ticker: "A", periodEnd: "2023-09-30", knownDate: "2024-01-04", value: 11 }, // restates Q3
      { ticker: "A", periodEnd: "2023-12-31", knownDate: "2024-01-05", value: 20 },
      { ticker: "A", periodEnd: "2023-09-30", knownDate: "2024-01-09", value: 12 }, // late restatement of Q3
    ];
    expect(column(asOfPanel(records, dates, ["A"]), 0)).toEqual([10, 10, 11, 20, 20, 20]);
  });

  it("skips non-finite figures and tickers outside the panel", () => {
    const records: PointInTimeRecord[] = [
      { ticker: "A", periodEnd: "2023-09-30", knownDate: "2024-01-02", value: 10 },
      { ticker: "A", periodEnd: "2023-12-31", knownDate: "2024-01-04", value: NaN },
      { ticker: "Z", periodEnd: "2023-12-31", knownDate: "2024-01-02", value: 99 },
    ];
    const panel = asOfPanel(records, dates, ["A", "B"]);
    expect(column(panel, 0)).toEqual([10, 10, 10, 10, 10, 10]);
    expect(column(panel, 1).every(Number.isNaN)).toBe(true);
  });
});

describe("point-in-time scores", () => {
  const tickers = ["A", "B", "C", "D"];
  const marketCap: PointInTimeRecord[] = tickers.map((ticker, i) => ({
    ticker,
    periodEnd: "2023-12-29",
    knownDate: "2024-01-02",
    value: 1000 * (i + 1),
  }));
  const netIncome: PointInTimeRecord[] = tickers.map((ticker, i) => ({
    ticker,
    periodEnd: "2023-09-30",
    knownDate: "2024-01-02",
    value: [30, 100, 40, 90][i],
  }));
  // Figures that became known after 2024-01-04 (new periods and a restatement of the old one).
  const later: PointInTimeRecord[] = [
    { ticker: "A", periodEnd: "2023-12-31", knownDate: "2024-01-05", value: 500 },
    { ticker: "B", periodEnd: "2023-09-30", knownDate: "2024-01-08", value: -100 },
    { ticker: "C", periodEnd: "2023-12-31", knownDate: "2024-01-09", value: 0 },
  ];

  function scoredRows(income: readonly PointInTimeRecord[]) {
    const fundamentals = {
      marketCap: asOfPanel(marketCap, dates, tickers),
      netIncome: asOfPanel(income, dates, tickers),
    };
    const raw = earningsYield.compute({ fundamentals });
    const instruments = tickers.map((ticker) => ({ ticker, region: "US" }));
    return scoreRows("earnings_yield", scoreFactor(raw, earningsYield.direction), instruments);
  }

  it("adding fundamentals known after t leaves every score at or before t unchanged", () => {
    const before = scoredRows(netIncome);
    const after = scoredRows([...netIncome, ...later]);
    const upTo = (rows: ReturnType<typeof scoredRows>) => rows.filter((r) => r.date <= "2024-01-04");
    expect(upTo(before)).toHaveLength(12);
    expect(upTo(after)).toEqual(upTo(before));
    // …while the later dates do see the new figures.
    expect(after.find((r) => r.date === "2024-01-05" && r.ticker === "A")?.rawValue).toBe(0.5);
    expect(before.find((r) => r.date === "2024-01-05" && r.ticker === "A")?.rawValue).toBe(0.03);
  });
});
