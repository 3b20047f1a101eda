/**
 * factor-top: eligibility (a bar and a finite score), ranking with ties by column order, top n or
 * top quantile, equal or score-rank weights, long-short, and the factor weights it asks the shell
 * to load.
 */
import { describe, expect, it } from "vitest";
import { factorTop } from "../../../src/backtest/strategies/factor-top.ts";
import { resolveParameters } from "../../../src/backtest/strategies/index.ts";
import type { Panel } from "../../../src/panel/index.ts";
import { planRows, testMarket } from "./market.ts";

const N = NaN;
// Six names on three rows; row 1 is the one tested, row 2 has a single eligible name.
const market = testMarket(
  [
    [1, 1, 1, 1, 1, 1],
    [1, 1, 1, 1, 1, null], // F has no bar
    [null, null, 1, 1, 1, 1],
  ],
  1,
);
const scoreRows = [
  [0, 0, 0, 0, 0, 0],
  [0.5, 2, -1, 2, 0.1, 9], // ranked B, D (tie, column order), A, E, C; F has no bar
  [5, 5, N, N, N, 1], // A and B have no bar, C–E no score: F alone is eligible
];
const scores: Panel = { dates: market.dates, tickers: market.labels, values: Float64Array.from(scoreRows.flat()) };

function row1(given: Record<string, string | number | boolean>): number[] {
  const params = resolveParameters(factorTop, { factor: "momentum_12_1", ...given });
  return planRows(factorTop.targets({ market, decisionRows: Int32Array.of(1), scores }, params).values, 6)[1];
}

describe("factor-top", () => {
  it("holds the top n eligible names equally, ties ranked by column order", () => {
    expect(row1({ n: 2 })).toEqual([0, 0.5, 0, 0.5, 0, 0]);
    expect(row1({ n: 9 })).toEqual([0.2, 0.2, 0.2, 0.2, 0.2, 0]);
  });

  it("holds the top ⌈quantile · k⌉ names", () => {
    expect(row1({ quantile: 0.5 })).toEqual([1 / 3, 1 / 3, 0, 1 / 3, 0, 0]); // ⌈2.5⌉ = 3
    expect(row1({ quantile: 0.2 })).toEqual([0, 1, 0, 0, 0, 0]); // ⌈1⌉ = 1
    expect(row1({ quantile: 1 })).toEqual([0.2, 0.2, 0.2, 0.2, 0.2, 0]);
  });

  it("weights by score rank, equal scores sharing their parts", () => {
    // B and D tie for parts 4 and 3 (3.5 each), then A 2, E 1, of 10.
    expect(row1({ n: 4, weighting: "score" })).toEqual([0.2, 0.35, 0, 0.35, 0.1, 0]);
    // B and D tie for parts 2 and 1: 1.5 each of 3.
    expect(row1({ n: 2, weighting: "score" })).toEqual([0, 0.5, 0, 0.5, 0, 0]);
    expect(row1({ n: 3, weighting: "score" })).toEqual([1 / 6, 2.5 / 6, 0, 2.5 / 6, 0, 0]);
  });

  it("long-short: the top set long 0.5 and the bottom set short 0.5, at most ⌊k/2⌋ a side", () => {
    expect(row1({ n: 2, "long-short": true })).toEqual([0, 0.25, -0.25, 0.25, -0.25, 0]);
    expect(row1({ n: 3, "long-short": true })).toEqual([0, 0.25, -0.25, 0.25, -0.25, 0]); // k = 5: 2 a side
    // Short side by rank: C (worst) 2 parts, E 1 part, of 3; long side B and D tie.
    expect(row1({ n: 2, "long-short": true, weighting: "score" })).toEqual([0, 0.25, -1 / 3, 0.25, -1 / 6, 0]);
    expect(factorTop.allowShort(resolveParameters(factorTop, { factor: "m", n: 1, "long-short": "true" }))).toBe(true);
  });

  it("holds cash where no name is eligible, and too few names for long-short", () => {
    const params = resolveParameters(factorTop, { factor: "m", n: 1, "long-short": true });
    const plan = factorTop.targets({ market, decisionRows: Int32Array.of(1, 2), scores }, params);
    expect(planRows(plan.values, 6)).toEqual([
      [N, N, N, N, N, N],
      [0, 0.5, -0.5, 0, 0, 0],
      [0, 0, 0, 0, 0, 0], // only F is eligible: no pair
    ]);
    const longOnly = factorTop.targets({ market, decisionRows: Int32Array.of(2), scores }, resolveParameters(factorTop, { factor: "m", n: 1 }));
    expect(planRows(longOnly.values, 6)[2]).toEqual([0, 0, 0, 0, 0, 1]);
  });

  it("asks for the factor weights of its factor parameter, and for scores", () => {
    const weights = (factor: string) => factorTop.factorWeights!(resolveParameters(factorTop, { factor, n: 1 }));
    expect(weights("momentum_12_1")).toEqual({ momentum_12_1: 1 });
    expect(weights("momentum_12_1:0.5, volatility_252:0.5")).toEqual({ momentum_12_1: 0.5, volatility_252: 0.5 });
    expect(weights("a,b:-2")).toEqual({ a: 1, b: -2 });
    expect(factorTop.lookback(resolveParameters(factorTop, { factor: "m", n: 1 }))).toBe(0);
    expect(() => factorTop.targets({ market, decisionRows: Int32Array.of(1) }, resolveParameters(factorTop, { factor: "m", n: 1 }))).toThrow(
      "factor-top needs inputs.scores on the market's grid",
    );
  });
});
