/**
 * The alphalens-parity figures of src/factors/analysis on hand-worked cross-sections: qcut buckets
 * (against pandas' documented qcut results), demeaned and group-adjusted returns, IC and quantile
 * returns by group, per-quantile turnover, factor-weighted returns with alpha and beta, and the
 * cleaning report with its max-loss check.
 */
import { describe, expect, it } from "vitest";
import { alphaBeta } from "../../src/factors/analysis/alpha-beta.ts";
import { bucketsFor } from "../../src/factors/analysis/buckets.ts";
import { demeanedReturns } from "../../src/factors/analysis/demean.ts";
import { factorReturnSeries } from "../../src/factors/analysis/factor-returns.ts";
import { groupIndex } from "../../src/factors/analysis/group-index.ts";
import { icByGroup } from "../../src/factors/analysis/ic-by-group.ts";
import { QcutBuckets } from "../../src/factors/analysis/qcut-buckets.ts";
import { quantileReturns } from "../../src/factors/analysis/quantile-returns.ts";
import { quantileReturnsByGroup } from "../../src/factors/analysis/quantile-returns-by-group.ts";
import { quantileTurnover, quantileTurnoverSeries } from "../../src/factors/analysis/quantile-turnover.ts";
import { analyzeFactor } from "../../src/factors/analysis/report.ts";
import { factorStability } from "../../src/factors/analysis/stability.ts";
import { InputError } from "../../src/errors.ts";
import { panelFromColumns, panelFromRows, row } from "./panels.ts";

/** Buckets of `values` by `method`, or null when the date cannot be bucketed. */
function cut(method: "rank" | "qcut", values: number[], quantiles: number): number[] | null {
  const buckets = bucketsFor(method, values.length, quantiles);
  return buckets.assign(Float64Array.from(values), values.length) ? Array.from(buckets.bucket) : null;
}

describe("qcut buckets", () => {
  it("match pandas' documented qcut results", () => {
    // pandas docs: pd.qcut(range(5), 4, labels=False) → [0, 0, 1, 2, 3]
    expect(cut("qcut", [0, 1, 2, 3, 4], 4)).toEqual([0, 0, 1, 2, 3]);
    // pandas docs: pd.qcut([1, 7, 5, 4, 6, 3], 3, labels=["bad", "medium", "good"]) → bad good medium medium good bad
    expect(cut("qcut", [1, 7, 5, 4, 6, 3], 3)).toEqual([0, 2, 1, 1, 2, 0]);
  });

  it("differ from rank buckets where interpolated edges fall between names", () => {
    // 1..10 in quarters: edges 1, 3.25, 5.5, 7.75, 10 → sizes 3, 2, 2, 3; rank buckets give 3, 2, 3, 2.
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(cut("qcut", values, 4)).toEqual([0, 0, 0, 1, 1, 2, 2, 3, 3, 3]);
    expect(cut("rank", values, 4)).toEqual([0, 0, 0, 1, 1, 2, 2, 2, 3, 3]);
    expect(cut("qcut", [5, 1, 4, 2, 3], 5)).toEqual([4, 0, 3, 1, 2]);
  });

  it("keep ties together; duplicate edges (pandas raises) or an empty bucket leave the date unbucketed", () => {
    // Median edge 2 (interval (1, 2] holds every 2): sizes 4 and 2.
    expect(cut("qcut", [1, 2, 2, 2, 3, 4], 2)).toEqual([0, 0, 0, 0, 1, 1]);
    // Thirds: edges 1, 2, 2.333…, 4 are unique but nothing lies in (2, 2.333…]: pandas leaves bucket 1 empty.
    const thirds = new QcutBuckets(6, 3);
    expect(thirds.assign(Float64Array.of(1, 2, 2, 2, 3, 4), 6)).toBe(false);
    expect(Array.from(thirds.bucket)).toEqual([0, 0, 0, 0, 2, 2]);
    expect(Array.from(thirds.size)).toEqual([4, 0, 2]);
    // Halves of 1, 1, 1, 1, 2, 3: edges 1, 1, 3 → "Bin edges must be unique" in pandas.
    expect(cut("qcut", [1, 1, 1, 1, 2, 3], 2)).toBeNull();
    expect(cut("qcut", [7], 2)).toBeNull();
    expect(cut("rank", [1, 2, 2, 2, 3, 4], 3)).toEqual([0, 1, 1, 1, 2, 2]);
  });
});

describe("demeanedReturns", () => {
  const factor = panelFromRows(["A", "B", "C", "D"], [[1, 2, 3, NaN]]);
  const forward = panelFromRows(["A", "B", "C", "D"], [[0.01, 0.02, 0.06, 0.5]]);

  it("subtracts the date's mean over names with a factor value and a forward return", () => {
    const demeaned = row(demeanedReturns(factor, forward), 0);
    [-0.02, -0.01, 0.03].forEach((r, t) => expect(demeaned[t]).toBeCloseTo(r, 15));
    expect(demeaned[3]).toBeNaN();
  });

  it("group-adjusted: subtracts the date's group mean; a lone name gets 0, a name without a group NaN", () => {
    const adjusted = row(demeanedReturns(factor, forward, groupIndex(["X", "X", "Y", null])), 0);
    expect(adjusted[0]).toBeCloseTo(-0.005, 15);
    expect(adjusted[1]).toBeCloseTo(0.005, 15);
    expect(adjusted[2]).toBe(0);
    expect(adjusted[3]).toBeNaN();
  });
});

describe("group figures", () => {
  it("IC within each group: 1 in X, −1 in Y, undefined in a one-name group", () => {
    const tickers = ["A", "B", "C", "D", "E", "F", "G", "H"];
    const factor = panelFromRows(tickers, [
      [1, 2, 3, 1, 2, 3, 1, 1],
      [1, 2, 3, 1, 2, 3, 1, 1],
    ]);
    const forward = panelFromRows(tickers, [
      [0.01, 0.02, 0.03, 0.03, 0.02, 0.01, 0, 0],
      [0.01, 0.02, 0.04, 0.05, 0.02, 0.01, 0, 0],
    ]);
    const byGroup = icByGroup(factor, forward, groupIndex(["X", "X", "X", "Y", "Y", "Y", "Z", null]));
    expect(byGroup.map((g) => [g.group, g.names, g.rankIc.count, g.rankIc.mean])).toEqual([
      ["X", 3, 2, 1],
      ["Y", 3, 2, -1],
      ["Z", 1, 0, null],
    ]);
    expect(byGroup[0].ic.mean).toBeCloseTo((1 + 0.9819805060619657) / 2, 12); // Pearson of 1,2,3 with 1,2,4
  });

  it("quantile returns within groups cut on the universe; a group without names in a bucket skips that date", () => {
    const tickers = ["A", "B", "C", "D"];
    const factor = panelFromRows(tickers, [
      [1, 2, 3, 4], // Q1 {A, B}, Q2 {C, D}
      [4, 3, 2, 1], // Q1 {C, D}, Q2 {A, B}
      [1, 3, 2, 4], // Q1 {A, C}, Q2 {B, D}: X has no Q2 name, Y no Q1 name
    ]);
    const forward = panelFromRows(tickers, Array.from({ length: 3 }, () => [0.01, 0.02, 0.03, 0.05]));
    const [x, y] = quantileReturnsByGroup(factor, forward, groupIndex(["X", "Y", "X", "Y"]), 2);
    expect(x.group).toBe("X");
    expect(x.meanReturn[0]).toBeCloseTo((0.01 + 0.03 + 0.02) / 3, 15);
    expect(x.meanReturn[1]).toBeCloseTo((0.03 + 0.01) / 2, 15);
    expect(y.meanReturn[0]).toBeCloseTo((0.02 + 0.05) / 2, 15);
    expect(y.meanReturn[1]).toBeCloseTo((0.05 + 0.02 + 0.035) / 3, 15);
    expect(x.spread.count).toBe(2);
    expect(x.spread.mean).toBeCloseTo(0, 15);
    expect(x.spread.std).toBeCloseTo(0.02 * Math.SQRT2, 15);
    expect(y.spread.std).toBeCloseTo(0.03 * Math.SQRT2, 15);
  });
});

describe("quantileTurnover", () => {
  it("is names new to each quantile ÷ its size; pairs with an unbucketed date are NaN", () => {
    const factor = panelFromRows(["A", "B", "C", "D", "E", "F"], [
      [1, 2, 3, 4, 5, 6], // Q1 {A, B, C}, Q2 {D, E, F}
      [1, 2, 4, 3, 5, NaN], // Q1 {A, B, D}: D new → 1/3; Q2 {C, E}: C new → 1/2
      [NaN, NaN, NaN, NaN, NaN, NaN],
      [6, 5, 4, 3, 2, 1],
    ]);
    const series = quantileTurnoverSeries(factor, 2).map((s) => Array.from(s));
    expect(series[0][0]).toBeCloseTo(1 / 3, 15);
    expect(series[1][0]).toBe(0.5);
    expect(series.map((s) => s.slice(1))).toEqual([
      [NaN, NaN],
      [NaN, NaN],
    ]);
    expect(quantileTurnover(factor, 2)[1]).toEqual({ count: 1, mean: 0.5, std: null, ir: null });
    // stability.ts counts the other way: of the previous top {D, E, F}, D and F left → 2/3.
    expect(factorStability(factor, 2).turnover.mean).toBeCloseTo(2 / 3, 15);
  });
});

describe("factorReturnSeries and alphaBeta", () => {
  const tickers = ["A", "B", "C", "D"];
  const factor = panelFromRows(tickers, [[1, 2, 3, 6]]);
  const forward = panelFromRows(tickers, [[0.01, 0.02, 0.03, 0.04]]);

  it("weights by demeaned factor ÷ Σ|demeaned| (or factor ÷ Σ|factor|), and group-neutral with groups", () => {
    // demeaned −2, −1, 0, 3 over 6: −0.01/3 − 0.02/6 + 0.04/2
    const longShort = factorReturnSeries(factor, forward);
    expect(longShort.returns[0]).toBeCloseTo(0.04 / 3, 15);
    expect(longShort.universe[0]).toBeCloseTo(0.025, 15);
    expect(factorReturnSeries(factor, forward, { demeaned: false }).returns[0]).toBeCloseTo(0.38 / 12, 15);
    // X: −0.5, 0.5; Y: −1.5, 1.5 → −0.5, 0.5; two groups → ∓0.25 each.
    expect(factorReturnSeries(factor, forward, { groups: groupIndex(["X", "X", "Y", "Y"]) }).returns[0]).toBeCloseTo(0.005, 15);
    const flat = factorReturnSeries(panelFromRows(tickers, [[2, 2, 2, 2]]), forward);
    expect(flat.returns[0]).toBeNaN();
    expect(flat.universe[0]).toBeCloseTo(0.025, 15);
  });

  it("regresses returns on the universe with an intercept; alpha annualised (1 + α)^(252/h) − 1", () => {
    const universe = [0.01, 0.02, -0.01, NaN];
    const returns = [0.021, 0.041, -0.019, 0.5];
    const fit = alphaBeta(returns, universe, 5);
    expect(fit.dates).toBe(3);
    expect(fit.alpha).toBeCloseTo(0.001, 15);
    expect(fit.beta).toBeCloseTo(2, 13);
    expect(fit.annualizedAlpha).toBeCloseTo(1.001 ** (252 / 5) - 1, 12);
    expect(alphaBeta([0.1], [0.2], 1)).toEqual({ dates: 1, alpha: null, annualizedAlpha: null, beta: null });
    expect(alphaBeta([0.1, 0.3], [0.2, 0.2], 1)).toEqual({ dates: 2, alpha: null, annualizedAlpha: null, beta: null });
  });
});

describe("analyzeFactor, alphalens figures", () => {
  // As in analysis.test.ts: ticker i compounds at g_i per day, so 1-day forward returns are the rates.
  const rates = [0.001, 0.002, 0.003, 0.004, 0.005, 0.006];
  const closes = panelFromColumns(
    Object.fromEntries(rates.map((g, i) => [`T${i}`, Array.from({ length: 40 }, (_, d) => 100 * (1 + g) ** d)])),
  );
  const evaluation = [0, 5, 10, 20];
  const factor = { dates: evaluation.map((d) => closes.dates[d]), tickers: closes.tickers, values: new Float64Array(24) };
  evaluation.forEach((_, r) => rates.forEach((g, t) => (factor.values[r * 6 + t] = g)));
  const sectors = ["X", "X", "X", "Y", "Y", "Y"];

  it("adds demeaned and group-adjusted quantile returns, group figures, factor returns and per-quantile turnover", () => {
    const report = analyzeFactor(factor, closes, { quantiles: 3, groups: sectors });
    const day = report.horizons[0];
    [-0.002, 0, 0.002].forEach((r, b) => expect(day.demeanedQuantileReturns.meanReturn[b]).toBeCloseTo(r, 15));
    // Sector means 0.002 and 0.005: adjusted −0.001, 0, 0.001 in each; buckets {T0, T1}, {T2, T3}, {T4, T5}.
    [-0.0005, 0, 0.0005].forEach((r, b) => expect(day.groupAdjustedQuantileReturns!.meanReturn[b]).toBeCloseTo(r, 15));
    expect(day.groups!.map((g) => [g.group, g.names, g.rankIc.mean, g.rankIc.count])).toEqual([
      ["X", 3, 1, 4],
      ["Y", 3, 1, 4],
    ]);
    expect(day.groups![1].quantileReturns.meanReturn[2]).toBeCloseTo(0.0055, 15);
    expect(day.groups![0].quantileReturns.meanReturn[2]).toBeNull();
    // Σ (g − 0.0035)² / Σ |g − 0.0035| = 17.5e-6 / 0.009 on each of the 4 dates; the universe return is
    // 0.0035 on every date (up to rounding): no slope to fit.
    expect(day.factorReturns.returns.count).toBe(4);
    expect(day.factorReturns.returns.mean).toBeCloseTo(17.5e-6 / 0.009, 15);
    expect([day.factorReturns.dates, day.factorReturns.alpha, day.factorReturns.beta]).toEqual([4, null, null]);
    // Group-neutral: weights −0.25, 0, 0.25 in each sector: 0.25 × 0.002 + 0.25 × 0.002.
    expect(day.groupNeutralFactorReturns!.returns.mean).toBeCloseTo(0.001, 15);
    expect(report.turnoverByQuantile).toEqual(Array.from({ length: 3 }, () => ({ count: 3, mean: 0, std: 0, ir: null })));
    expect(report.quantileMethod).toBe("rank");
    expect(report.cleaning).toEqual({
      cells: 24,
      noFactorValue: 0,
      entries: 24,
      noGroup: 0,
      horizons: [
        { horizon: 1, noPrice: 0, noForwardReturn: 0, unbucketed: 0, kept: 24, droppedShare: 0 },
        { horizon: 5, noPrice: 0, noForwardReturn: 0, unbucketed: 0, kept: 24, droppedShare: 0 },
        { horizon: 21, noPrice: 0, noForwardReturn: 6, unbucketed: 0, kept: 18, droppedShare: 0.25 },
      ],
      droppedShare: 0.25,
      maxLoss: 0.35,
    });
  });

  it("without groups the group fields are null; qcut is recorded; a wrong number of labels is refused", () => {
    const report = analyzeFactor(factor, closes, { quantiles: 3, quantileMethod: "qcut" });
    expect(report.quantileMethod).toBe("qcut");
    expect([report.horizons[0].groups, report.horizons[0].groupAdjustedQuantileReturns, report.horizons[0].groupNeutralFactorReturns, report.cleaning.noGroup]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(() => analyzeFactor(factor, closes, { groups: ["X"] })).toThrow(
      "analyzeFactor: groups has 1 labels for 6 tickers; give one per ticker (null for none)",
    );
  });
});

describe("cleaning report", () => {
  // B has no bar on days 0–1, D none on day 5; the factor lacks D on day 2.
  const closes = panelFromColumns({
    A: [1, 1.1, 1.2, 1.3, 1.4, 1.5],
    B: [NaN, NaN, 2, 2, 2, 2],
    C: [1, 1, 1, 1, 1, 1],
    D: [2, 2, 2, 2, 2, NaN],
  });
  const factor = panelFromRows(["A", "B", "C", "D"], [
    [1, 2, 3, 4],
    [1, 2, 3, NaN],
    [1, 2, 3, 4],
  ], [closes.dates[0], closes.dates[2], closes.dates[5]]);

  it("counts each entry once, at the first step it fails, per horizon", () => {
    const { cleaning } = analyzeFactor(factor, closes, { horizons: [1, 4], quantiles: 2, maxLoss: 1 });
    expect(cleaning).toEqual({
      cells: 12,
      noFactorValue: 1,
      entries: 11,
      noGroup: null,
      horizons: [
        // no price: B on day 0, D on day 5; no bar after day 5 for A, B, C.
        { horizon: 1, noPrice: 2, noForwardReturn: 3, unbucketed: 0, kept: 6, droppedShare: 5 / 11 },
        // and no 4th bar after day 2 for A, B, C.
        { horizon: 4, noPrice: 2, noForwardReturn: 6, unbucketed: 0, kept: 3, droppedShare: 8 / 11 },
      ],
      droppedShare: 8 / 11,
      maxLoss: 1,
    });
    // Quartiles of 3 names leave a bucket empty on days 0 and 2: their 6 names are not bucketed.
    expect(analyzeFactor(factor, closes, { horizons: [1], quantiles: 4, maxLoss: 1 }).cleaning.horizons[0]).toEqual({
      horizon: 1,
      noPrice: 2,
      noForwardReturn: 3,
      unbucketed: 6,
      kept: 0,
      droppedShare: 1,
    });
  });

  it("refuses more loss than maxLoss (default 0.35, as alphalens) with one line naming the worst horizon", () => {
    const error = (() => {
      try {
        analyzeFactor(factor, closes, { horizons: [1, 4], quantiles: 2, maxLoss: 0.5 });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      "factor data lost 72.7% of its 11 entries at the 4-day horizon (no price on the date 2, no 4-day forward return 6, not bucketed 0), " +
        "more than the maximum loss 50.0%; allow more with maxLoss (--max-loss), or use fewer quantiles or shorter horizons",
    );
    expect(() => analyzeFactor(factor, closes, { horizons: [1], quantiles: 2 })).toThrow("factor data lost 45.5% of its 11 entries at the 1-day horizon");
    expect(() => analyzeFactor(factor, closes, { horizons: [1], quantiles: 2, maxLoss: 1.5 })).toThrow("maxLoss must be a share between 0 and 1, got 1.5");
  });
});
