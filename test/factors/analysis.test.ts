import { describe, expect, it } from "vitest";
import { forwardReturns } from "../../src/factors/analysis/forward-returns.ts";
import { icSeries } from "../../src/factors/analysis/ic.ts";
import { quantileReturns } from "../../src/factors/analysis/quantile-returns.ts";
import { analyzeFactor } from "../../src/factors/analysis/report.ts";
import { factorStability } from "../../src/factors/analysis/stability.ts";
import { summarize } from "../../src/factors/analysis/summary.ts";
import { column, panelFromColumns, panelFromRows } from "./panels.ts";

describe("forwardReturns", () => {
  it("looks h own bars ahead, bridging holes; no bar or too few bars ahead → NaN", () => {
    const closes = panelFromColumns({ A: [1, 2, NaN, 4, 8] });
    expect(column(forwardReturns(closes, 1), 0)).toEqual([1, 1, NaN, 1, NaN]);
    expect(column(forwardReturns(closes, 2), 0)).toEqual([3, 3, NaN, NaN, NaN]);
    expect(column(forwardReturns(closes, 1, [3, 0]), 0)).toEqual([1, 1]);
  });
});

describe("summarize", () => {
  it("gives mean, sample std and mean/std over finite values, null where undefined", () => {
    expect(summarize([1, 2, 3, NaN])).toEqual({ count: 3, mean: 2, std: 1, ir: 2 });
    expect(summarize([0.5])).toEqual({ count: 1, mean: 0.5, std: null, ir: null });
    expect(summarize([NaN])).toEqual({ count: 0, mean: null, std: null, ir: null });
  });
});

describe("IC", () => {
  const tickers = ["A", "B", "C", "D", "E"];
  const factor = panelFromRows(tickers, [
    [1, 2, 3, 4, 5],
    [1, 2, 3, 4, NaN],
    [1, 2, NaN, NaN, NaN],
  ]);

  it("is 1 for a factor linear in forward returns; rank IC is 1 for any monotone one", () => {
    const linear = panelFromRows(tickers, [
      [0.01, 0.02, 0.03, 0.04, 0.05],
      [-0.3, -0.1, 0.1, 0.3, 0.9],
      [0.01, 0.02, 0.03, 0.04, 0.05],
    ]);
    const series = icSeries(factor, linear);
    expect(series.ic[0]).toBeCloseTo(1, 14);
    expect(series.ic[1]).toBeCloseTo(1, 14);
    expect(series.ic[2]).toBeNaN(); // two pairs only
    const cubic = panelFromRows(tickers, [
      [1, 8, 27, 64, 125],
      [1, 8, 27, 64, 125],
      [1, 8, 27, 64, 125],
    ]);
    const monotone = icSeries(factor, cubic);
    expect(monotone.rankIc[0]).toBe(1);
    expect(monotone.ic[0]).toBeLessThan(0.99);
  });
});

describe("quantileReturns", () => {
  const tickers = Array.from({ length: 10 }, (_, i) => `T${i + 1}`);
  const factor = panelFromRows(tickers, [
    tickers.map((_, i) => i + 1),
    tickers.map((_, i) => i + 1),
  ]);
  // Date 0: ticker i+1 returns (i+1)%; date 1: the reverse.
  const forward = panelFromRows(tickers, [
    tickers.map((_, i) => (i + 1) / 100),
    tickers.map((_, i) => (10 - i) / 100),
  ]);

  it("averages forward returns per quintile and the top-minus-bottom spread over dates", () => {
    const oneDate = quantileReturns(
      { dates: factor.dates.slice(0, 1), tickers, values: factor.values.slice(0, 10) },
      { dates: forward.dates.slice(0, 1), tickers, values: forward.values.slice(0, 10) },
    );
    expect(oneDate.dates).toBe(1);
    [0.015, 0.035, 0.055, 0.075, 0.095].forEach((expected, b) => expect(oneDate.meanReturn[b]).toBeCloseTo(expected, 15));
    expect(oneDate.spread.mean).toBeCloseTo(0.08, 15);

    const both = quantileReturns(factor, forward);
    both.meanReturn.forEach((mean) => expect(mean).toBeCloseTo(0.055, 15));
    expect(both.spread.count).toBe(2);
    expect(both.spread.mean).toBeCloseTo(0, 15);
    expect(both.spread.std).toBeCloseTo(0.08 * Math.SQRT2, 15);
  });

  it("skips dates that cannot fill every bucket", () => {
    const few = quantileReturns(
      { dates: ["2024-01-01"], tickers: tickers.slice(0, 4), values: Float64Array.of(1, 2, 3, 4) },
      { dates: ["2024-01-01"], tickers: tickers.slice(0, 4), values: Float64Array.of(1, 2, 3, 4) },
    );
    expect(few).toEqual({
      quantiles: 5,
      dates: 0,
      meanReturn: [null, null, null, null, null],
      spread: { count: 0, mean: null, std: null, ir: null },
    });
  });
});

describe("factorStability", () => {
  it("measures top-quantile turnover and rank autocorrelation between consecutive dates", () => {
    const factor = panelFromRows(["A", "B", "C", "D"], [
      [1, 2, 3, 4], // top half {C, D}
      [1, 3, 2, 4], // top half {B, D}: C left → turnover 1/2; Spearman 0.8
      [4, 3, 2, 1], // top half {A, B}: D left → 1/2; Spearman −0.8
    ]);
    const stability = factorStability(factor, 2);
    expect(stability.turnover).toEqual({ count: 2, mean: 0.5, std: 0, ir: null });
    expect(stability.rankAutocorrelation.count).toBe(2);
    expect(stability.rankAutocorrelation.mean).toBeCloseTo(0, 14);
    expect(stability.rankAutocorrelation.std).toBeCloseTo(0.8 * Math.SQRT2, 14);
  });
});

describe("analyzeFactor", () => {
  // Ticker i compounds at rate g_i per day, so every forward return is monotone in g.
  const rates = [0.001, 0.002, 0.003, 0.004, 0.005, 0.006];
  const closes = panelFromColumns(
    Object.fromEntries(rates.map((g, i) => [`T${i}`, Array.from({ length: 40 }, (_, d) => 100 * (1 + g) ** d)])),
  );
  const evaluation = [0, 5, 10, 20]; // from day 20 there are only 19 bars ahead
  const lowIsGood = { dates: evaluation.map((d) => closes.dates[d]), tickers: closes.tickers, values: new Float64Array(24) };
  evaluation.forEach((_, r) => rates.forEach((g, t) => (lowIsGood.values[r * 6 + t] = -g)));

  it("orients by direction so a working factor has rank IC 1 at every horizon", () => {
    const report = analyzeFactor(lowIsGood, closes, { direction: -1, quantiles: 3 });
    expect(report.from).toBe("2020-01-01");
    expect(report.to).toBe("2020-01-21");
    expect(report.horizons.map((h) => h.horizon)).toEqual([1, 5, 21]);
    for (const h of report.horizons) {
      expect(h.rankIc).toEqual({ count: h.horizon === 21 ? 3 : 4, mean: 1, std: 0, ir: null });
      expect(h.quantileReturns.spread.mean).toBeGreaterThan(0);
    }
    // 1-day forward returns are exactly the rates: Pearson IC 1 and top − bottom = 0.0055 − 0.0015.
    expect(report.horizons[0].ic.mean).toBeCloseTo(1, 14);
    expect(report.horizons[0].quantileReturns.spread.mean).toBeCloseTo(0.004, 14);
    expect(report.turnover).toEqual({ count: 3, mean: 0, std: 0, ir: null });
    expect(report.rankAutocorrelation.mean).toBe(1);
    expect(analyzeFactor(lowIsGood, closes).horizons[0].rankIc.mean).toBe(-1);
  });

  it("rejects factor dates the close panel does not hold", () => {
    expect(() => analyzeFactor({ ...lowIsGood, dates: ["1999-01-01", ...lowIsGood.dates.slice(1)] }, closes)).toThrow(
      "date 1999-01-01 is not in the panel",
    );
  });
});
