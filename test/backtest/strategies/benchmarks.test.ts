/**
 * The benchmark kinds: buy-and-hold (equal weights once) and equal-weight (equal weights at every
 * decision row), each among the instruments with a bar on the row.
 */
import { describe, expect, it } from "vitest";
import { buyAndHold } from "../../../src/backtest/strategies/buy-and-hold.ts";
import { equalWeight } from "../../../src/backtest/strategies/equal-weight.ts";
import { planRows, testMarket } from "./market.ts";

const N = NaN;
const market = testMarket(
  [
    [10, 20, 30],
    [11, 21, null], // row 1: C has no bar
    [12, 22, 32],
    [13, null, 33], // row 3: B has no bar
    [14, 24, 34],
  ],
  1,
);

describe("buy-and-hold", () => {
  it("splits equity equally among the instruments with a bar on the first decision row, then never trades", () => {
    const plan = buyAndHold.targets({ market, decisionRows: Int32Array.of(1, 3, 4) }, {});
    expect(plan.kind).toBe("weight");
    expect(planRows(plan.values, 3)).toEqual([
      [N, N, N],
      [0.5, 0.5, 0],
      [N, N, N],
      [N, N, N],
      [N, N, N],
    ]);
    expect(buyAndHold.lookback({})).toBe(0);
    expect(buyAndHold.allowShort({})).toBe(false);
  });

  it("plans nothing without a decision row", () => {
    const plan = buyAndHold.targets({ market, decisionRows: new Int32Array(0) }, {});
    expect(plan.values.every((v) => Number.isNaN(v))).toBe(true);
  });
});

describe("equal-weight", () => {
  it("gives 1/k to each of the k instruments with a bar at every decision row, 0 to the others", () => {
    const plan = equalWeight.targets({ market, decisionRows: Int32Array.of(1, 2, 3) }, {});
    expect(plan.kind).toBe("weight");
    expect(planRows(plan.values, 3)).toEqual([
      [N, N, N],
      [0.5, 0.5, 0],
      [1 / 3, 1 / 3, 1 / 3],
      [0.5, 0, 0.5],
      [N, N, N],
    ]);
    expect(equalWeight.lookback({})).toBe(0);
  });
});
