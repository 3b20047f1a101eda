import { describe, expect, it } from "vitest";
import { composite } from "../../src/factors/cross-section/composite.ts";
import { neutralize } from "../../src/factors/cross-section/neutralize.ts";
import { percentileRank } from "../../src/factors/cross-section/percentile.ts";
import { averageRanks } from "../../src/factors/cross-section/ranks.ts";
import { scoreFactor, scoreRows } from "../../src/factors/cross-section/score-factor.ts";
import { winsorize } from "../../src/factors/cross-section/winsorize.ts";
import { zscore } from "../../src/factors/cross-section/zscore.ts";
import { panelFromRows, row } from "./panels.ts";

const five = ["A", "B", "C", "D", "E"];

describe("averageRanks", () => {
  it("gives tied values the mean of the ranks they occupy", () => {
    const out = new Float64Array(5);
    averageRanks(Float64Array.of(3, 1, 3, 3, 2), 5, out);
    expect(Array.from(out)).toEqual([4, 1, 4, 4, 2]);
  });
});

describe("winsorize", () => {
  it("clips each date to its own type-7 quantiles", () => {
    const tickers = Array.from({ length: 11 }, (_, i) => `T${i}`);
    const panel = panelFromRows(tickers, [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1000]]);
    // n = 11: h = 10·0.1 = 1 → 2; h = 10·0.9 = 9 → 10.
    expect(row(winsorize(panel, { lower: 0.1, upper: 0.9 }), 0)).toEqual([2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10]);
  });

  it("interpolates between order statistics at the default 1%/99% and keeps missing cells missing", () => {
    const panel = panelFromRows([...five, "F"], [[0, 10, 20, 30, 1000, NaN]]);
    const clipped = row(winsorize(panel), 0);
    // n = 5: h = 0.04 → 0 + 0.04·10 = 0.4; h = 3.96 → 30 + 0.96·970 = 961.2.
    expect(clipped[0]).toBeCloseTo(0.4, 12);
    expect(clipped.slice(1, 4)).toEqual([10, 20, 30]);
    expect(clipped[4]).toBeCloseTo(961.2, 10);
    expect(clipped[5]).toBeNaN();
  });

  it("rejects limits out of order", () => {
    expect(() => winsorize(panelFromRows(five, [[1, 2, 3, 4, 5]]), { lower: 0.9, upper: 0.1 })).toThrow(
      "winsorize limits must satisfy 0 ≤ lower < upper ≤ 1, got 0.9 and 0.1",
    );
  });
});

describe("zscore (population std)", () => {
  it("standardizes each date separately: 1..5 → (−2..2)/√2", () => {
    const panel = panelFromRows([...five, "F"], [
      [1, 2, 3, 4, 5, NaN],
      [10, 20, 30, 40, 50, NaN],
    ]);
    const s = Math.SQRT2;
    const z = zscore(panel);
    [0, 1].forEach((d) => {
      const values = row(z, d);
      [-2 / s, -1 / s, 0, 1 / s, 2 / s].forEach((expected, t) => expect(values[t]).toBeCloseTo(expected, 14));
      expect(values[5]).toBeNaN();
    });
  });

  it("has no value for a lone name or a constant cross-section (never 0)", () => {
    const z = zscore(panelFromRows(five, [
      [4, NaN, NaN, NaN, NaN],
      [7, 7, 7, 7, 7],
    ]));
    expect(row(z, 0).every(Number.isNaN)).toBe(true);
    expect(row(z, 1).every(Number.isNaN)).toBe(true);
  });
});

describe("percentileRank", () => {
  it("maps average ranks to 0..1 with ties sharing a percentile", () => {
    const p = percentileRank(panelFromRows(five, [
      [9, 7, 5, 7, NaN],
      [1, NaN, NaN, NaN, NaN],
    ]));
    expect(row(p, 0)).toEqual([1, 0.5, 0, 0.5, NaN]);
    expect(row(p, 1).every(Number.isNaN)).toBe(true);
  });
});

describe("neutralize", () => {
  it("demeans within each group per date; ungrouped names and lone members get no value", () => {
    const tickers = ["A", "B", "C", "D", "E", "F", "G"];
    const panel = panelFromRows(tickers, [[1, 3, 10, 20, 30, 5, 7]]);
    const groups = ["X", "X", "Y", "Y", "Y", "Z", null];
    expect(row(neutralize(panel, groups), 0)).toEqual([-1, 1, -10, 0, 10, NaN, NaN]);
  });

  it("requires one group per ticker", () => {
    expect(() => neutralize(panelFromRows(five, [[1, 2, 3, 4, 5]]), ["X"])).toThrow("neutralize: 1 groups given for 5 tickers");
  });
});

describe("composite", () => {
  const tickers = ["A", "B", "C", "D"];
  const scores = {
    momentum_12_1: panelFromRows(tickers, [[1, 2, NaN, NaN]]),
    volatility_252: panelFromRows(tickers, [[0.5, NaN, 1, NaN]]),
  };
  const weights = { momentum_12_1: 0.6, volatility_252: 0.4 };

  it("is the weighted sum when all present, rescaled over present weights otherwise, NaN under coverage", () => {
    const values = row(composite(scores, weights), 0);
    expect(values[0]).toBeCloseTo(0.6 * 1 + 0.4 * 0.5, 14);
    expect(values[1]).toBeCloseTo(2, 14); // 0.6·2 × 1/0.6
    expect(values[2]).toBeNaN(); // only 40% of the weight present
    expect(values[3]).toBeNaN();
    expect(row(composite(scores, weights, { minCoverage: 0.4 }), 0)[2]).toBeCloseTo(1, 14);
  });

  it("names a weighted factor without scores", () => {
    expect(() => composite(scores, { ...weights, book_to_price: 0.2 })).toThrow(
      "composite: no scores given for weighted factor book_to_price",
    );
  });
});

describe("scoreFactor and scoreRows", () => {
  it("stores raw, z-score, percentile of the raw value and direction-adjusted score", () => {
    const raw = panelFromRows([...five, "F"], [
      [1, 2, 3, 4, 5, NaN],
      [8, NaN, NaN, NaN, NaN, NaN],
    ], ["2024-01-31", "2024-02-29"]);
    const instruments = raw.tickers.map((ticker) => ({ ticker, region: "KR" }));
    const rows = scoreRows("volatility_252", scoreFactor(raw, -1, { winsorize: false }), instruments);
    expect(rows).toHaveLength(6);
    expect(rows[1]).toEqual({
      ticker: "B",
      region: "KR",
      date: "2024-01-31",
      factorName: "volatility_252",
      rawValue: 2,
      zScore: -1 / Math.SQRT2,
      percentile: 0.25,
      score: 1 / Math.SQRT2,
    });
    // A lone name on a date keeps its raw value; the cross-sectional figures are missing (null), not 0.
    expect(rows[5]).toEqual({
      ticker: "A",
      region: "KR",
      date: "2024-02-29",
      factorName: "volatility_252",
      rawValue: 8,
      zScore: null,
      percentile: null,
      score: null,
    });
    expect(() => scoreRows("volatility_252", scoreFactor(raw, -1), instruments.slice(1))).toThrow(
      "scoreRows: 5 instruments given for 6 panel columns",
    );
  });

  it("z-scores the winsorized values but ranks the raw ones", () => {
    const tickers = Array.from({ length: 11 }, (_, i) => `T${i}`);
    const raw = panelFromRows(tickers, [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1000]]);
    const scored = scoreFactor(raw, 1, { winsorize: { lower: 0.1, upper: 0.9 } });
    const z = row(scored.zscore, 0);
    expect(z[0]).toBe(z[1]); // 1 was clipped to 2
    expect(z[10]).toBe(z[9]); // 1000 was clipped to 10
    expect(row(scored.percentile, 0)[0]).toBe(0);
    expect(row(scored.percentile, 0)[1]).toBe(0.1);
  });

  it("neutralises z-scores within groups when groups are given", () => {
    const raw = panelFromRows(["A", "B", "C", "D"], [[1, 3, 10, 30]]);
    const scored = scoreFactor(raw, 1, { winsorize: false, groups: ["X", "X", "Y", "Y"] });
    // Population std of 1, 3, 10, 30 is √131.5; within X the z-scores differ by 2/σ, within Y by 20/σ.
    const sigma = Math.sqrt(131.5);
    const neutral = row(scored.zscore, 0);
    [-1 / sigma, 1 / sigma, -10 / sigma, 10 / sigma].forEach((expected, t) => expect(neutral[t]).toBeCloseTo(expected, 14));
  });
});
