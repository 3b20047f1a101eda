/**
 * SMA, EMA, WMA and the exact window sum under them, on closed-form cases: a constant series, a
 * linear ramp (whose lag behind the ramp is known for each average) and small hand-worked series.
 * Warm-up: NaN up to index period − 2, a value from period − 1 on (backtrader's minperiod = period).
 */
import { describe, expect, it } from "vitest";
import { ema, fsum, sma, smma, wma } from "../../src/indicators/index.ts";
import { constant, ramp, series, values } from "./series.ts";

describe("fsum", () => {
  it("is the correctly rounded sum, as Python's math.fsum", () => {
    expect(fsum(series(1e16, 1, -1e16), 0, 3)).toBe(1); // a plain sum gives 0
    expect(fsum(new Float64Array(10).fill(0.1), 0, 10)).toBe(1); // a plain sum gives 0.9999999999999999
    expect(fsum(series(1e-16, 1, 1e16), 0, 3)).toBe(10000000000000002); // the half-even fix-up (CPython's test)
    expect(fsum(series(5, 1, 2, 3), 1, 3)).toBe(3); // only [from, to)
    expect(fsum(series(1, NaN, 2), 0, 3)).toBeNaN();
    expect(fsum(series(), 0, 0)).toBe(0);
  });
});

describe("SMA", () => {
  it("of a constant is the constant from index period − 1", () => {
    expect(values(sma(constant(7, 2.5), 3))).toEqual([NaN, NaN, 2.5, 2.5, 2.5, 2.5, 2.5]);
  });

  it("of the ramp x_i = i lags it by (period − 1) / 2", () => {
    expect(values(sma(ramp(8), 4))).toEqual([NaN, NaN, NaN, 1.5, 2.5, 3.5, 4.5, 5.5]);
  });

  it("matches a hand-worked series", () => {
    const out = sma(series(1, 2, 4, 8, 16), 3);
    expect(values(out)).toEqual([NaN, NaN, 7 / 3, 14 / 3, 28 / 3]);
  });

  it("period 1 is the series itself; a series shorter than the period has no value", () => {
    expect(values(sma(series(3, 1, 4), 1))).toEqual([3, 1, 4]);
    expect(values(sma(series(3, 1, 4), 4))).toEqual([NaN, NaN, NaN]);
  });
});

describe("EMA", () => {
  it("of a constant is the constant", () => {
    expect(values(ema(constant(6, 4), 4))).toEqual([NaN, NaN, NaN, 4, 4, 4]);
  });

  it("is seeded with the SMA of the first period values, then alpha = 2/(period+1)", () => {
    // EMA(3), alpha 1/2: seed (2+4+6)/3 = 4; then 4/2 + 8/2 = 6; 6/2 + 3/2 = 4.5.
    expect(values(ema(series(2, 4, 6, 8, 3), 3))).toEqual([NaN, NaN, 4, 6, 4.5]);
  });

  it("of the ramp x_i = i is x_i − (period − 1)/2 from its seed on (the seed is already on that line)", () => {
    // alpha 1/4 for period 7: every step is exact in binary.
    expect(values(ema(ramp(12), 7))).toEqual([NaN, NaN, NaN, NaN, NaN, NaN, 3, 4, 5, 6, 7, 8]);
  });

  it("with `start` reads the series from there: the seed averages x[start … start + period − 1]", () => {
    expect(values(ema(series(NaN, NaN, 2, 4, 6, 8), 3, 2))).toEqual([NaN, NaN, NaN, NaN, 4, 6]);
  });

  it("never forgets a NaN, as backtrader", () => {
    expect(values(ema(series(1, 2, 3, NaN, 5), 2))).toEqual([NaN, 1.5, 2.5, NaN, NaN]);
  });
});

describe("SMMA (Wilder)", () => {
  it("smooths with alpha = 1/period after the SMA seed", () => {
    // period 2: seed (4+8)/2 = 6; then 6/2 + 2/2 = 4; 4/2 + 10/2 = 7.
    expect(values(smma(series(4, 8, 2, 10), 2))).toEqual([NaN, 6, 4, 7]);
  });
});

describe("WMA", () => {
  it("of a constant is the constant (to rounding: coef = 2/(p(p+1)) is not exact)", () => {
    const out = wma(constant(5, 3.3), 3);
    expect(values(out).slice(0, 2)).toEqual([NaN, NaN]);
    for (const v of out.slice(2)) expect(v).toBeCloseTo(3.3, 14);
  });

  it("of the ramp x_i = i lags it by (period − 1)/3", () => {
    // Σ k·(i − p + k) / Σ k = i − p + (2p + 1)/3 = i − (p − 1)/3; period 4 → i − 1.
    const out = wma(ramp(7), 4);
    expect(values(out).slice(0, 3)).toEqual([NaN, NaN, NaN]);
    [2, 3, 4, 5].forEach((expected, k) => expect(out[3 + k]).toBeCloseTo(expected, 14));
  });

  it("weighs the newest value most: weights 1, 2, 3 over [1, 2, 4, 8, 16]", () => {
    const out = wma(series(1, 2, 4, 8, 16), 3);
    expect(values(out).slice(0, 2)).toEqual([NaN, NaN]);
    expect(out[2]).toBeCloseTo(17 / 6, 14); // (1·1 + 2·2 + 3·4) / 6
    expect(out[3]).toBeCloseTo(34 / 6, 14);
    expect(out[4]).toBeCloseTo(68 / 6, 14);
  });
});
