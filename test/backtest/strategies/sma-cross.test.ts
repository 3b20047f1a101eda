/**
 * sma-cross against a hand-worked series (period 3) whose close − SMA difference touches 0 and
 * returns to the same side (no cross), then passes through 0 (a cross on the bar it leaves 0), as
 * backtrader's CrossOver judges against the last non-zero difference; the same series with holes
 * (own bars only); a cross on the first simulated bar; sizes.
 */
import { describe, expect, it } from "vitest";
import { resolveParameters } from "../../../src/backtest/strategies/index.ts";
import { smaCross } from "../../../src/backtest/strategies/sma-cross.ts";
import { planRows, rowRange, testMarket } from "./market.ts";

const N = NaN;
// bar  close   SMA(3)                    diff     last non-zero before   cross
//  0   10
//  1   10
//  2   10      10                        0        (seed 0)
//  3    9      29/3 = 9.667              −0.667   0                      none: 0 is neither side
//  4   12      31/3 = 10.333             +1.667   −0.667                 up
//  5   10.5    31.5/3 = 10.5             0        +1.667                 none
//  6   12      34.5/3 = 11.5             +0.5     +1.667                 none: touched 0, same side
//  7   11.25   33.75/3 = 11.25           0        +0.5                   none
//  8   10      33.25/3 = 11.083          −1.083   +0.5                   down: through 0
//  9   11      32.25/3 = 10.75           +0.25    −1.083                 up
const SERIES = [10, 10, 10, 9, 12, 10.5, 12, 11.25, 10, 11];

describe("sma-cross", () => {
  it("enters on up-crosses and exits on down-crosses judged against the last non-zero difference", () => {
    const market = testMarket(SERIES.map((c) => [c]), 3);
    const params = resolveParameters(smaCross, { period: 3 });
    const plan = smaCross.targets({ market, decisionRows: rowRange(3, 10) }, params);
    expect(plan.kind).toBe("weight");
    expect(Array.from(plan.values)).toEqual([N, N, N, N, 1, N, N, N, 0, 1]);
  });

  it("reads adjusted closes: a 2-for-1 split in the raw closes is no crossing", () => {
    const adjusted = testMarket(SERIES.map((c) => [c]), 3);
    const raw = Float64Array.from(SERIES, (c, d) => (d >= 6 ? c / 2 : c));
    const plan = smaCross.targets({ market: { ...adjusted, close: raw, open: raw }, decisionRows: rowRange(3, 10) }, resolveParameters(smaCross, { period: 3 }));
    expect(Array.from(plan.values)).toEqual([N, N, N, N, 1, N, N, N, 0, 1]);
  });

  it("reads each instrument over its own bars, and sizes each position 100/width percent by default", () => {
    // B is A's series with a row of no bar inserted after bar 4 and after bar 7.
    const b = [...SERIES.slice(0, 5), null, ...SERIES.slice(5, 8), null, ...SERIES.slice(8)];
    const a = [...SERIES, 11, 11];
    const market = testMarket(a.map((close, d) => [close, b[d]]), 3);
    const plan = smaCross.targets({ market, decisionRows: rowRange(3, 12) }, resolveParameters(smaCross, { period: 3 }));
    expect(planRows(plan.values, 2).slice(3)).toEqual([
      [N, N],
      [0.5, 0.5], // bar 4 of both
      [N, N], // B has no bar
      [N, N],
      [N, N],
      [0, N], // A's bar 8
      [0.5, N], // A's bar 9
      [N, 0], // B's bar 8
      [N, 0.5], // B's bar 9
    ]);
  });

  it("sees a cross on the first simulated bar, and none in the warm-up", () => {
    const market = testMarket([[10], [10], [9], [12], [13]], 3);
    const params = resolveParameters(smaCross, { period: 3, size: 100 });
    expect(smaCross.lookback(params)).toBe(3);
    const plan = smaCross.targets({ market, decisionRows: rowRange(3, 5) }, params);
    expect(plan.kind).toBe("shares");
    expect(Array.from(plan.values)).toEqual([N, N, N, 100, N]);
    // Started a row later, the cross on row 3 is history: flat until the next up-cross.
    const later = smaCross.targets({ market, decisionRows: rowRange(4, 5) }, params);
    expect(Array.from(later.values)).toEqual([N, N, N, N, N]);
  });

  it("sizes by percent of equity, and defaults to backtrader's period of 30", () => {
    const market = testMarket(SERIES.map((c) => [c]), 3);
    const plan = smaCross.targets({ market, decisionRows: rowRange(3, 10) }, resolveParameters(smaCross, { period: 3, percent: "20" }));
    expect(Array.from(plan.values)).toEqual([N, N, N, N, 0.2, N, N, N, 0, 0.2]);
    expect(resolveParameters(smaCross, {})).toEqual({ period: 30 });
    expect(smaCross.allowShort({ period: 30 })).toBe(false);
  });
});
