/**
 * RSI, ROC and Momentum on closed-form cases: constant series, ramps, and small hand-worked series
 * with exact expected values derived from backtrader's definitions; RSI's zero down-average (RSI_Safe:
 * 100, or 50 when nothing moved). Warm-up: all three have backtrader's minperiod period + 1, so the
 * first value is on index period.
 */
import { describe, expect, it } from "vitest";
import { momentum, roc, rsi } from "../../src/indicators/index.ts";
import { constant, ramp, series, values } from "./series.ts";

describe("RSI", () => {
  it("matches a hand-worked Wilder RSI(3)", () => {
    // closes 10 11 12 11 13 12: up moves 1 1 0 2 0, down moves 0 0 1 0 1.
    // index 3: maup = 2/3, madown = 1/3 → RS 2 → 100 − 100/3.
    // index 4: maup = (2/3)(2/3) + 2/3 = 10/9, madown = (1/3)(2/3) = 2/9 → RS 5 → 100 − 100/6.
    // index 5: maup = (10/9)(2/3) = 20/27, madown = (2/9)(2/3) + 1/3 = 13/27 → RS 20/13 → 2000/33.
    const out = rsi(series(10, 11, 12, 11, 13, 12), 3);
    expect(values(out).slice(0, 3)).toEqual([NaN, NaN, NaN]);
    expect(out[3]).toBeCloseTo(200 / 3, 12);
    expect(out[4]).toBeCloseTo(250 / 3, 12);
    expect(out[5]).toBeCloseTo(2000 / 33, 12);
  });

  it("is 100 when every move is up (down-average 0), 0 when every move is down", () => {
    expect(values(rsi(ramp(8), 5))).toEqual([NaN, NaN, NaN, NaN, NaN, 100, 100, 100]);
    expect(values(rsi(ramp(8).map((x) => -x), 5))).toEqual([NaN, NaN, NaN, NaN, NaN, 0, 0, 0]);
  });

  it("is 50 when nothing moves (0/0, RSI_Safe's safelow)", () => {
    expect(values(rsi(constant(6, 42), 3))).toEqual([NaN, NaN, NaN, 50, 50, 50]);
  });

  it("is 50 when up and down moves balance", () => {
    expect(values(rsi(series(5, 6, 5, 6, 5), 4))).toEqual([NaN, NaN, NaN, NaN, 50]);
  });
});

describe("ROC", () => {
  it("is the change over period bars as a fraction of the earlier value", () => {
    expect(values(roc(series(10, 12, 15, 9), 2))).toEqual([NaN, NaN, 0.5, -0.25]);
  });

  it("of a constant is 0; of x_i = 2^i over p bars is 2^p − 1", () => {
    expect(values(roc(constant(4, 3), 1))).toEqual([NaN, 0, 0, 0]);
    expect(values(roc(series(1, 2, 4, 8, 16, 32), 3))).toEqual([NaN, NaN, NaN, 7, 7, 7]);
  });

  it("has no value over a zero earlier price (backtrader would divide by zero)", () => {
    expect(values(roc(series(0, 1, 2), 1))).toEqual([NaN, NaN, 1]);
  });
});

describe("Momentum", () => {
  it("is the difference with the value period bars earlier", () => {
    expect(values(momentum(series(10, 12, 15, 9), 2))).toEqual([NaN, NaN, 5, -3]);
  });

  it("of a constant is 0; of a ramp with slope b it is b × period", () => {
    expect(values(momentum(constant(3, 8), 1))).toEqual([NaN, 0, 0]);
    expect(values(momentum(ramp(7).map((x) => 2 + 0.5 * x), 4))).toEqual([NaN, NaN, NaN, NaN, 2, 2, 2]);
  });
});
