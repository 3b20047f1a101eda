/**
 * MACD with signal and histogram on closed-form cases, and its warm-up: every line starts where the
 * histogram can (backtrader's MACDHisto minperiod: max(fast, slow) + signal − 1), although the macd
 * line itself is computable earlier.
 */
import { describe, expect, it } from "vitest";
import { macd, macdMinPeriod } from "../../src/indicators/index.ts";
import { constant, ramp, series, values } from "./series.ts";

describe("MACD", () => {
  it("matches a hand-worked MACD(1, 3, 3)", () => {
    // EMA(1) is the close; EMA(3) (alpha 1/2) of 1 3 2 6 4 8: seed 2 on index 2, then 4, 4, 6.
    // macd from index 2: 0, 2, 0, 2. signal (EMA 3 of macd): seed (0 + 2 + 0)/3 on index 4, then
    // (2/3)/2 + 2/2 = 4/3. Lines start on index 4 (minperiod 3 + 3 − 1 = 5).
    const lines = macd(series(1, 3, 2, 6, 4, 8), 1, 3, 3);
    expect(values(lines.macd)).toEqual([NaN, NaN, NaN, NaN, 0, 2]);
    expect(values(lines.signal).slice(0, 4)).toEqual([NaN, NaN, NaN, NaN]);
    expect(lines.signal[4]).toBeCloseTo(2 / 3, 14);
    expect(lines.signal[5]).toBeCloseTo(4 / 3, 14);
    expect(lines.histo[4]).toBeCloseTo(-2 / 3, 14);
    expect(lines.histo[5]).toBeCloseTo(2 / 3, 14);
  });

  it("of a constant is 0 on every line", () => {
    const lines = macd(constant(12, 50), 2, 4, 3);
    for (const line of [lines.macd, lines.signal, lines.histo]) expect(values(line).slice(5)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it("of the ramp x_i = i is (slow − fast)/2 with a zero histogram", () => {
    // EMA(p) of the ramp is x_i − (p − 1)/2: EMA(3) − EMA(7) = 2; alphas 1/2 and 1/4 keep it exact.
    const lines = macd(ramp(12), 3, 7, 3);
    const first = macdMinPeriod(3, 7, 3) - 1;
    expect(first).toBe(8);
    expect(values(lines.macd)).toEqual([...new Array(8).fill(NaN), 2, 2, 2, 2]);
    expect(values(lines.signal)).toEqual([...new Array(8).fill(NaN), 2, 2, 2, 2]);
    expect(values(lines.histo)).toEqual([...new Array(8).fill(NaN), 0, 0, 0, 0]);
  });

  it("MACD(12, 26, 9) has its first values on the 34th bar", () => {
    expect(macdMinPeriod(12, 26, 9)).toBe(34);
    const lines = macd(ramp(40).map((x) => 100 + Math.sin(x)), 12, 26, 9);
    for (const line of [lines.macd, lines.signal, lines.histo]) expect(line.findIndex((v) => !Number.isNaN(v))).toBe(33);
  });
});
