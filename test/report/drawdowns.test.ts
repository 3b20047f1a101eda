/**
 * Drawdown periods and the underwater curve against hand-worked values, and the rolling statistics
 * against closed forms (empyrical conventions: 252 days, ddof = 1).
 */
import { describe, expect, it } from "vitest";
import { drawdownPeriods, underwater } from "../../src/report/drawdowns.ts";
import { rollingStats } from "../../src/report/rolling.ts";

const DATES = ["d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8"];

describe("underwater and drawdown periods", () => {
  // start 100: 110 (peak), 99 (−10%), 88 (−20%), 110 (recovered), 120 (peak), 90 (−25%), 96, 108 (not recovered)
  const values = [110, 99, 88, 110, 120, 90, 96, 108];

  it("underwater is V / running max − 1, the start counting as the first peak", () => {
    expect(Array.from(underwater(values, 100))).toEqual([0, 99 / 110 - 1, 88 / 110 - 1, 0, 0, 90 / 120 - 1, 96 / 120 - 1, 108 / 120 - 1]);
    expect(Array.from(underwater([95, 100], 100))).toEqual([95 / 100 - 1, 0]);
  });

  it("periods: peak, valley, recovery (null while under water), depth and days, deepest first", () => {
    expect(drawdownPeriods(DATES, values, 100)).toEqual([
      { peak: "d5", valley: "d6", recovery: null, depth: 90 / 120 - 1, days: 3 },
      { peak: "d1", valley: "d3", recovery: "d4", depth: 88 / 110 - 1, days: 3 },
    ]);
    expect(drawdownPeriods(DATES, values, 100, 1)).toHaveLength(1);
  });

  it("a loss on the first day is a drawdown from the starting value (peak null); NaN neither peaks nor recovers", () => {
    expect(drawdownPeriods(["a", "b", "c", "d"], [90, NaN, 100, 101], 100)).toEqual([{ peak: null, valley: "a", recovery: "c", depth: 90 / 100 - 1, days: 3 }]);
    expect(drawdownPeriods([], [], 100)).toEqual([]);
  });
});

describe("rolling statistics", () => {
  it("one row per full window, dated by its last day: Sharpe, volatility and beta in closed form", () => {
    const returns = Float64Array.from([0.01, -0.02, 0.03, 0.0, 0.01]);
    const benchmark = Float64Array.from([0.02, -0.04, 0.06, 0.0, 0.02]).map((b, k) => (k === 4 ? 0.01 : b));
    const rows = rollingStats(["a", "b", "c", "d", "e"], returns, benchmark, 3);
    expect(rows.map((r) => r.date)).toEqual(["c", "d", "e"]);
    // window a..c: mean 0.02/3, sample std of (0.01, −0.02, 0.03)
    const w = [0.01, -0.02, 0.03];
    const mean = w.reduce((a, b) => a + b) / 3;
    const std = Math.sqrt(w.reduce((a, r) => a + (r - mean) ** 2, 0) / 2);
    expect(rows[0].sharpe).toBeCloseTo((mean / std) * Math.sqrt(252), 12);
    expect(rows[0].volatility).toBeCloseTo(std * Math.sqrt(252), 12);
    // the first two windows' benchmark is exactly 2 × returns: beta 0.5
    expect(rows[0].beta).toBeCloseTo(0.5, 12);
    expect(rows[1].beta).toBeCloseTo(0.5, 12);
    expect(rollingStats(["a", "b"], returns.subarray(0, 2), undefined, 3)).toEqual([]);
    expect(Number.isNaN(rollingStats(["a", "b", "c"], returns.subarray(0, 3), undefined, 3)[0].beta)).toBe(true);
  });
});
