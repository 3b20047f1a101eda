/**
 * The indicators that read high and low besides the close (ATR, Stochastic, Williams %R) and the
 * Bollinger bands, on closed-form cases: flat bars, steady ranges and ramps, and small hand-worked
 * bars with exact expected values from backtrader's definitions; the flat-window conventions
 * (Stochastic's safezero 0, Williams %R −100). Warm-up as backtrader's minperiod: ATR period + 1,
 * Stochastic period + dfast + dslow − 2 (both lines), Williams %R and Bollinger period.
 */
import { describe, expect, it } from "vitest";
import { atr, bollinger, stochastic, trueRange, williamsR } from "../../src/indicators/index.ts";
import { bars, constant, flatBars, ramp, series, values } from "./series.ts";

/** (high, low, close): the close inside the range, gaps on bars 3 and 4. */
const HAND = bars([10, 8, 9], [12, 9, 11], [11, 7, 8], [14, 10, 13], [13, 11, 12]);

describe("ATR", () => {
  it("widens each bar's range to the previous close: true range of hand-worked bars", () => {
    // bar 1: max(12, 9) − min(9, 9) = 3; bar 2: max(11, 11) − min(7, 11) = 4;
    // bar 3: max(14, 8) − min(10, 8) = 6 (gap up); bar 4: max(13, 13) − min(11, 13) = 2.
    expect(values(trueRange(HAND))).toEqual([NaN, 3, 4, 6, 2]);
  });

  it("is Wilder's smoothing of the true range, seeded with its mean", () => {
    // ATR(2): seed (3 + 4)/2 = 3.5 on index 2; then 3.5/2 + 6/2 = 4.75; 4.75/2 + 2/2 = 3.375.
    expect(values(atr(HAND, 2))).toEqual([NaN, NaN, 3.5, 4.75, 3.375]);
  });

  it("is 0 on flat bars and the steady range on a ramp that never gaps", () => {
    expect(values(atr(flatBars(constant(5, 20)), 3))).toEqual([NaN, NaN, NaN, 0, 0]);
    const close = ramp(7).map((x) => 10 + x);
    // high = close + 1, low = close − 1 = previous close: every true range is 2.
    expect(values(atr({ high: close.map((c) => c + 1), low: close.map((c) => c - 1), close }, 3))).toEqual([NaN, NaN, NaN, 2, 2, 2, 2]);
  });
});

describe("Bollinger bands", () => {
  it("use the population standard deviation: [2, 4, 4, 4, 5, 5, 7, 9] has mean 5 and std 2", () => {
    const { top, mid, bot } = bollinger(series(2, 4, 4, 4, 5, 5, 7, 9), 8, 2);
    expect([top[7], mid[7], bot[7]]).toEqual([9, 5, 1]);
    expect(values(mid).slice(0, 7).every(Number.isNaN)).toBe(true);
  });

  it("of a constant collapse onto it (std exactly 0)", () => {
    const { top, mid, bot } = bollinger(constant(5, 101.37), 3, 2);
    for (const line of [top, mid, bot]) expect(values(line)).toEqual([NaN, NaN, 101.37, 101.37, 101.37]);
  });

  it("on the ramp x_i = i: 7 consecutive integers have std 2, so devfactor 1.5 puts the top on x_i", () => {
    const { top, mid, bot } = bollinger(ramp(9), 7, 1.5);
    expect([values(top), values(mid), values(bot)].map((line) => line.slice(6))).toEqual([
      [6, 7, 8],
      [3, 4, 5],
      [0, 1, 2],
    ]);
  });
});

describe("Stochastic (slow)", () => {
  it("matches hand-worked bars: fast %K, %K = SMA(fast %K, 2), %D = SMA(%K, 2)", () => {
    // fast %K(2): bar 1: 100·(11 − 8)/(12 − 8) = 75; bar 2: 100·(8 − 7)/(12 − 7) = 20;
    // bar 3: 100·(13 − 7)/(14 − 7) = 600/7; bar 4: 100·(12 − 10)/(14 − 10) = 50.
    // %K: bar 2: 47.5 (shown only from the minperiod 4: index 3), bar 3: 370/7, bar 4: 475/7.
    // %D: bar 3: (47.5 + 370/7)/2 = 702.5/14; bar 4: (370/7 + 475/7)/2 = 845/14.
    const { k, d } = stochastic(HAND, 2, 2, 2);
    expect(values(k).slice(0, 3)).toEqual([NaN, NaN, NaN]);
    expect(values(d).slice(0, 3)).toEqual([NaN, NaN, NaN]);
    expect(k[3]).toBeCloseTo(370 / 7, 12);
    expect(k[4]).toBeCloseTo(475 / 7, 12);
    expect(d[3]).toBeCloseTo(702.5 / 14, 12);
    expect(d[4]).toBeCloseTo(845 / 14, 12);
  });

  it("is 100 when every close is the window's high, and 0 on flat bars (backtrader's safezero)", () => {
    const close = ramp(8);
    const atHigh = stochastic({ high: close, low: close.map((c) => c - 1), close }, 3, 2, 2);
    expect(values(atHigh.k)).toEqual([NaN, NaN, NaN, NaN, 100, 100, 100, 100]);
    expect(values(atHigh.d)).toEqual([NaN, NaN, NaN, NaN, 100, 100, 100, 100]);
    const flat = stochastic(flatBars(constant(6, 9)), 3, 2, 2);
    expect(values(flat.k)).toEqual([NaN, NaN, NaN, NaN, 0, 0]);
  });
});

describe("Williams %R", () => {
  it("matches hand-worked bars: −100 (high − close)/(high − low) over the window", () => {
    // bar 1: −100·1/4; bar 2: −100·4/5; bar 3: −100·1/7; bar 4: −100·2/4.
    const out = williamsR(HAND, 2);
    expect(values(out)).toEqual([NaN, -25, -80, -100 / 7, -50]);
  });

  it("is 0 at the window's high, −100 at its low, and −100 on a flat window", () => {
    const close = ramp(5);
    expect(values(williamsR({ high: close, low: close.map((c) => c - 1), close }, 2))).toEqual([NaN, -0, -0, -0, -0]);
    expect(values(williamsR({ high: close.map((c) => c + 2), low: close, close }, 1))).toEqual([-100, -100, -100, -100, -100]);
    expect(values(williamsR(flatBars(constant(3, 5)), 2))).toEqual([NaN, -100, -100]);
  });
});
