import { describe, expect, it } from "vitest";
import {
  aggregateReturns, alpha, alphaBeta, annualReturn, annualVolatility, beta, cagr, calmarRatio, capture, conditionalValueAtRisk,
  cumReturns, cumReturnsFinal, downAlphaBeta, downCapture, downsideRisk, excessSharpe, maxDrawdown, omegaRatio, rollAlphaBeta,
  rollMaxDrawdown, rollSharpeRatio, sharpeRatio, sortinoRatio, stabilityOfTimeseries, tailRatio, upAlphaBeta, upCapture,
  upDownCapture, valueAtRisk,
} from "../../src/backtest/metrics.ts";

// Expected values are worked out by hand from empyrical's documented formulas (the comments show the arithmetic).
const R = [0.01, -0.02, 0.03, 0.0, -0.01];
const F = [0.02, -0.01, 0.01, -0.005, 0.0];
const growth = 1.01 * 0.98 * 1.03 * 1.0 * 0.99; // 1.00929906
const std = Math.sqrt(370e-6); // deviations from the mean 0.002: .008 −.022 .028 −.002 −.012, Σ² = 1480e-6, ddof 1

describe("single-series metrics", () => {
  it("compounds cumulative returns and values, NaN as a zero return", () => {
    expect(Array.from(cumReturns(R))).toEqual(Array.from(cumReturns(R, { startingValue: 1 }), (v) => v - 1));
    const values = cumReturns([0.01, NaN, -0.02], { startingValue: 100 });
    expect(values[0]).toBeCloseTo(101, 12);
    expect(values[1]).toBeCloseTo(101, 12);
    expect(values[2]).toBeCloseTo(98.98, 12);
    expect(cumReturnsFinal(R)).toBeCloseTo(0.00929906, 12);
    expect(cumReturnsFinal(R, { startingValue: 1000 })).toBeCloseTo(1009.29906, 9);
  });

  it("annualizes as CAGR over n / factor years", () => {
    expect(annualReturn(R)).toBeCloseTo(growth ** (252 / 5) - 1, 12);
    expect(annualReturn(R)).toBeCloseTo(0.5944150547747205, 12);
    expect(annualReturn(R, { period: "monthly" })).toBeCloseTo(growth ** (12 / 5) - 1, 12);
    expect(annualReturn(R, { period: "monthly", annualization: 52 })).toBeCloseTo(growth ** (52 / 5) - 1, 12);
    expect(cagr(R, { period: "weekly" })).toBe(annualReturn(R, { period: "weekly" }));
    // a NaN period counts in the years but compounds as zero
    expect(annualReturn([0.01, NaN, -0.02, 0.03, 0.0, -0.01])).toBeCloseTo(growth ** (252 / 6) - 1, 12);
  });

  it("gives the closed forms of a constant return", () => {
    const r = 2 ** -7; // exactly representable, so the sample deviation is exactly 0
    const constant = new Float64Array(10).fill(r);
    expect(annualReturn(constant)).toBeCloseTo((1 + r) ** 252 - 1, 12);
    expect(annualVolatility(constant)).toBe(0);
    expect(sharpeRatio(constant)).toBe(Infinity);
    expect(sharpeRatio(new Float64Array(10).fill(-r))).toBe(-Infinity);
    expect(sharpeRatio(new Float64Array(10))).toBeNaN();
    expect(maxDrawdown(constant)).toBe(0);
    expect(calmarRatio(constant)).toBeNaN();
    expect(sortinoRatio(constant)).toBe(Infinity);
    expect(omegaRatio(constant)).toBeNaN();
  });

  it("computes volatility, Sharpe, downside risk and Sortino", () => {
    expect(annualVolatility(R)).toBeCloseTo(std * Math.sqrt(252), 12);
    expect(annualVolatility(R, { period: "monthly" })).toBeCloseTo(std * Math.sqrt(12), 12);
    expect(sharpeRatio(R)).toBeCloseTo((0.002 / std) * Math.sqrt(252), 12);
    expect(sharpeRatio(R, { riskFree: 0.001 })).toBeCloseTo((0.001 / std) * Math.sqrt(252), 12);
    expect(sharpeRatio(R, { riskFree: [0.001, 0.001, 0.001, 0.001, 0.001] })).toBeCloseTo((0.001 / std) * Math.sqrt(252), 12);
    // shortfalls −.02, −.01 over five observations: mean square 1e-4
    expect(downsideRisk(R)).toBeCloseTo(0.01 * Math.sqrt(252), 12);
    // against 0.005: r − 0.005 = .005 −.025 .025 −.005 −.015, shortfalls −.025 −.005 −.015, Σ² = 875e-6
    expect(downsideRisk(R, { requiredReturn: 0.005 })).toBeCloseTo(Math.sqrt(875e-6 / 5) * Math.sqrt(252), 12);
    expect(sortinoRatio(R)).toBeCloseTo((0.002 * 252) / (0.01 * Math.sqrt(252)), 12);
    expect(sortinoRatio(R, { requiredReturn: 0.005 })).toBeCloseTo((-0.003 * 252) / (Math.sqrt(875e-6 / 5) * Math.sqrt(252)), 12);
    expect(downsideRisk([0.01, NaN, -0.02])).toBeCloseTo(Math.sqrt(0.0004 / 2) * Math.sqrt(252), 12);
  });

  it("measures the drawdown from the running peak, the Calmar and the Omega ratios", () => {
    expect(maxDrawdown(R)).toBeCloseTo(-0.02, 12); // 101 → 98.98
    expect(maxDrawdown([-0.1, 0.05, -0.2])).toBeCloseTo(0.9 * 1.05 * 0.8 - 1, 12); // the start counts as a peak
    expect(maxDrawdown([0.01, NaN, -0.02])).toBeCloseTo(-0.02, 12);
    expect(calmarRatio(R)).toBeCloseTo((growth ** (252 / 5) - 1) / 0.02, 10);
    expect(omegaRatio(R)).toBeCloseTo(0.04 / 0.03, 12);
    // threshold 0.001 + (1.1^(1/252) − 1)
    const t = 0.001 + 1.1 ** (1 / 252) - 1;
    const gains = (0.01 - t) + (0.03 - t);
    const losses = (0.02 + t) + t + (0.01 + t);
    expect(omegaRatio(R, { riskFree: 0.001, requiredReturn: 0.1 })).toBeCloseTo(gains / losses, 12);
    expect(omegaRatio(R, { requiredReturn: 0.005, period: "yearly" })).toBeCloseTo(0.03 / 0.045, 12);
    expect(omegaRatio(R, { requiredReturn: -1 })).toBeNaN();
  });

  it("computes stability, tail ratio, VaR and CVaR", () => {
    // cumulative log returns against 0..4; R² from the sums of squares
    const y: number[] = [];
    R.reduce((acc, r) => (y.push(acc + Math.log1p(r)), acc + Math.log1p(r)), 0);
    const my = y.reduce((a, b) => a + b) / 5;
    const sxy = y.reduce((s, v, i) => s + (i - 2) * (v - my), 0);
    const syy = y.reduce((s, v) => s + (v - my) ** 2, 0);
    expect(stabilityOfTimeseries(R)).toBeCloseTo((sxy * sxy) / (10 * syy), 12);
    expect(stabilityOfTimeseries(R)).toBeCloseTo(0.13617628469003032, 12);
    expect(stabilityOfTimeseries([0.01, 0.01, 0.01])).toBeCloseTo(1, 12);
    expect(stabilityOfTimeseries([0, 0, 0])).toBe(0);
    // sorted −.02 −.01 0 .01 .03: p95 at rank 3.8 = .026, p5 at rank 0.2 = −.018
    expect(tailRatio(R)).toBeCloseTo(0.026 / 0.018, 12);
    expect(valueAtRisk(R)).toBeCloseTo(-0.018, 12);
    expect(valueAtRisk(R, { cutoff: 0.3 })).toBeCloseTo(-0.008, 12);
    expect(valueAtRisk([NaN, ...R])).toBeCloseTo(-0.018, 12);
    expect(conditionalValueAtRisk(R)).toBeCloseTo(-0.02, 12); // floor(4 × .05) + 1 = 1 worst return
    expect(conditionalValueAtRisk(R, { cutoff: 0.5 })).toBeCloseTo(-0.01, 12); // 3 worst: −.02 −.01 0
    expect(() => valueAtRisk(R, { cutoff: 5 })).toThrow("cutoff must be a fraction between 0 and 1, got 5");
  });

  it("gives NaN for empty, too short and all-NaN input, never 0", () => {
    const empty: number[] = [];
    const allNaN = [NaN, NaN, NaN];
    for (const series of [empty, allNaN]) {
      for (const metric of [cumReturnsFinal, annualReturn, annualVolatility, sharpeRatio, sortinoRatio, downsideRisk, maxDrawdown,
        calmarRatio, omegaRatio, stabilityOfTimeseries, tailRatio, valueAtRisk, conditionalValueAtRisk]) {
        expect(metric(series), metric.name).toBeNaN();
      }
    }
    expect(cumReturns(empty).length).toBe(0);
    expect(annualVolatility([0.01])).toBeNaN();
    expect(sharpeRatio([0.01])).toBeNaN();
    expect(sharpeRatio([0.01, NaN])).toBeNaN();
    expect(() => sharpeRatio(R, { period: "hourly" as "daily" })).toThrow('unknown period "hourly": use daily, weekly, monthly, quarterly or yearly');
    expect(() => sharpeRatio(R, { riskFree: [0.001] })).toThrow("riskFree has 1 values but returns has 5: align them by position (NaN for missing)");
  });
});

describe("metrics against factor returns", () => {
  it("computes beta, alpha and the excess Sharpe", () => {
    // f mean 0.003, deviations .017 −.013 .007 −.008 −.003: Σ² = 580e-6; Σ (f − f̄)(r − r̄) = 670e-6
    const b = 670 / 580;
    expect(beta(R, F)).toBeCloseTo(b, 12);
    const meanResidual = 0.002 - b * 0.003;
    expect(alpha(R, F)).toBeCloseTo((1 + meanResidual) ** 252 - 1, 12);
    expect(alphaBeta(R, F).beta).toBeCloseTo(b, 12);
    expect(alphaBeta(R, F).alpha).toBeCloseTo(-0.308976346414507, 12);
    expect(alphaBeta(R, F, { period: "monthly" }).alpha).toBeCloseTo((1 + meanResidual) ** 12 - 1, 12);
    expect(alpha(R, F, { riskFree: 0.001 })).toBeCloseTo((1 + (0.001 - b * 0.002)) ** 252 - 1, 12);
    expect(beta(R, F, { riskFree: 0.001 })).toBeCloseTo(b, 12);
    // active returns −.01 −.01 .02 .005 −.01: mean −.001, Σ dev² = 720e-6
    expect(excessSharpe(R, F)).toBeCloseTo(-0.001 / Math.sqrt(720e-6 / 4), 12);
  });

  it("skips a period missing from either series", () => {
    const withGap = [0.01, NaN, -0.02, 0.03, 0.0, -0.01];
    const factorWithGap = [0.02, 0.5, -0.01, 0.01, -0.005, 0.0];
    expect(beta(withGap, factorWithGap)).toBeCloseTo(670 / 580, 12);
    expect(alpha(withGap, factorWithGap)).toBeCloseTo(alpha(R, F), 12);
    expect(beta([0.01, 0.02, 0.03], [0.01, 0.01, 0.01])).toBeNaN(); // zero factor variance
    expect(alphaBeta([], [])).toEqual({ alpha: NaN, beta: NaN });
    expect(() => beta(R, [0.01])).toThrow("factorReturns has 1 values but returns has 5: align them by position (NaN for missing)");
  });

  it("splits up and down markets by the sign of the factor return", () => {
    // up: f .02 .01, r .01 .03 → β = −2, residuals .05 .05
    const up = upAlphaBeta(R, F);
    expect(up.beta).toBeCloseTo(-2, 12);
    expect(up.alpha / (1.05 ** 252 - 1)).toBeCloseTo(1, 12);
    // down: f −.01 −.005, r −.02 0 → β = 4, residuals .02 .02 (the zero factor return is in neither)
    const down = downAlphaBeta(R, F);
    expect(down.beta).toBeCloseTo(4, 12);
    expect(down.alpha / (1.02 ** 252 - 1)).toBeCloseTo(1, 12);
    const annual = (g: number, n: number) => g ** (252 / n) - 1;
    expect(capture(R, F)).toBeCloseTo(annual(growth, 5) / annual(1.02 * 0.99 * 1.01 * 0.995, 5), 12);
    const upCap = annual(1.01 * 1.03, 2) / annual(1.02 * 1.01, 2);
    const downCap = annual(0.98, 2) / annual(0.99 * 0.995, 2);
    expect(upCapture(R, F)).toBeCloseTo(upCap, 12);
    expect(downCapture(R, F)).toBeCloseTo(downCap, 12);
    expect(upDownCapture(R, F)).toBeCloseTo(upCap / downCap, 12);
    expect(upCapture(R, [-0.01, -0.01, -0.01, -0.01, -0.01])).toBeNaN();
  });
});

describe("calendar aggregation and rolling windows", () => {
  it("compounds returns within each calendar group", () => {
    const dates = ["2020-12-30", "2020-12-31", "2021-01-04", "2021-03-31", "2021-04-01"];
    expect(aggregateReturns(R, dates, "yearly").map((g) => g.period)).toEqual(["2020", "2021"]);
    const yearly = aggregateReturns(R, dates, "yearly");
    expect(yearly[0].return).toBeCloseTo(1.01 * 0.98 - 1, 12);
    expect(yearly[1].return).toBeCloseTo(1.03 * 1.0 * 0.99 - 1, 12);
    const quarterly = aggregateReturns(R, dates, "quarterly");
    expect(quarterly.map((g) => g.period)).toEqual(["2020-Q4", "2021-Q1", "2021-Q2"]);
    expect(quarterly[1].return).toBeCloseTo(0.03, 12);
    expect(aggregateReturns(R, dates, "monthly").map((g) => g.period)).toEqual(["2020-12", "2021-01", "2021-03", "2021-04"]);
    // 2020-12-30/31 are in ISO week 53 of 2020; 2021-01-04 opens week 1 of 2021
    const weekly = aggregateReturns(R, dates, "weekly");
    expect(weekly.map((g) => g.period)).toEqual(["2020-W53", "2021-W01", "2021-W13"]);
    expect(weekly[2].return).toBeCloseTo(0.99 - 1, 12);
    expect(() => aggregateReturns(R, dates.slice(1), "yearly")).toThrow("dates has 4 values but returns has 5: give one YYYY-MM-DD date per return");
    expect(() => aggregateReturns(R, ["2020-12-30", "2020-12-31", "2021/01/04", "2021-03-31", "2021-04-01"], "yearly"))
      .toThrow('date "2021/01/04" at position 2 is not YYYY-MM-DD');
    expect(() => aggregateReturns(R, dates, "daily" as "yearly")).toThrow('unknown aggregation "daily": use weekly, monthly, quarterly or yearly');
  });

  it("rolls a metric over each full window", () => {
    const sharpe = rollSharpeRatio(R, { window: 3 });
    expect(sharpe.length).toBe(3);
    sharpe.forEach((v, k) => expect(v).toBeCloseTo(sharpeRatio(R.slice(k, k + 3)), 12));
    expect(sharpe[0]).toBeCloseTo(4.205259864302774, 12);
    expect(Array.from(rollMaxDrawdown(R, { window: 3 }))).toEqual([maxDrawdown([0.01, -0.02, 0.03]), maxDrawdown([-0.02, 0.03, 0]), maxDrawdown([0.03, 0, -0.01])]);
    expect(rollMaxDrawdown(R, { window: 3 })[2]).toBeCloseTo(-0.01, 12);
    const rolled = rollAlphaBeta(R, F, { window: 3 });
    expect(rolled.beta.length).toBe(3);
    expect(rolled.beta[0]).toBeCloseTo(1.2142857142857146, 12);
    rolled.alpha.forEach((v, k) => expect(v).toBeCloseTo(alpha(R.slice(k, k + 3), F.slice(k, k + 3)), 12));
    expect(rollSharpeRatio(R, { window: 6 }).length).toBe(0);
    expect(() => rollSharpeRatio(R, {})).toThrow("window must be a positive whole number of periods, got undefined");
  });
});
