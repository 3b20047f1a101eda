/**
 * Warm-up and look-ahead over every indicator of the catalog, through its spec: the first value is on
 * index minperiod − 1 exactly as backtrader counts it, every later bar has a value, and a value at
 * bar t never changes when bars after t do.
 */
import { describe, expect, it } from "vitest";
import { lineKeys, parseIndicators, type IndicatorSpec } from "../../src/indicators/index.ts";
import { randomBars } from "./series.ts";

// backtrader's minperiod of each indicator at these settings (backtrader-parity.test.ts reads several
// of them from backtrader itself): derived as in each kernel's header.
const MIN_PERIODS: [string, number][] = [
  ["sma", 30], ["sma(1)", 1], ["ema(5)", 5], ["wma(9)", 9],
  ["rsi", 15], ["rsi(2)", 3], ["atr", 15], ["atr(1)", 2],
  ["bbands", 20], ["bbands(5,1.5)", 5],
  ["macd", 34], ["macd(3,7,4)", 10], ["macd(1,2,1)", 2],
  ["stochastic", 18], ["stochastic(5,1,1)", 5], ["stochastic(5,4,2)", 9],
  ["williamsr", 14], ["williamsr(3)", 3], ["roc", 13], ["roc(1)", 2], ["momentum", 13], ["momentum(4)", 5],
];
const SPECS: IndicatorSpec[] = parseIndicators(MIN_PERIODS.map(([spec]) => spec).join(","));
const BARS = 80;

describe("warm-up", () => {
  it.each(MIN_PERIODS)("%s needs %i bars", (text, minPeriod) => {
    const [spec] = parseIndicators(text);
    expect(spec.definition.minPeriod(spec.args)).toBe(minPeriod);
  });

  it.each(SPECS.map((spec) => [spec.key, spec] as const))("%s: NaN before index minperiod − 1, a value on every bar from it", (_, spec) => {
    const first = spec.definition.minPeriod(spec.args) - 1;
    const lines = spec.definition.compute(randomBars(BARS, 3), spec.args);
    lineKeys(spec).forEach((key, k) => {
      const line = Array.from(lines[k]);
      expect(line.length, key).toBe(BARS);
      expect(line.findIndex((v) => !Number.isNaN(v)), key).toBe(first);
      expect(line.slice(first).every(Number.isFinite), key).toBe(true);
    });
  });

  it.each(SPECS.map((spec) => [spec.key, spec] as const))("%s: no value at all on fewer bars than minperiod", (_, spec) => {
    const short = randomBars(spec.definition.minPeriod(spec.args) - 1, 4);
    for (const line of spec.definition.compute(short, spec.args)) expect(Array.from(line).every(Number.isNaN)).toBe(true);
  });
});

describe("no look-ahead", () => {
  it.each(SPECS.map((spec) => [spec.key, spec] as const))("%s: changing the bars after t leaves every value up to t unchanged", (_, spec) => {
    const original = randomBars(BARS, 5);
    const before = spec.definition.compute(original, spec.args);
    for (const t of [20, 45, 70]) {
      const changed = randomBars(BARS, 100 + t);
      for (const field of ["high", "low", "close"] as const) changed[field].set(original[field].subarray(0, t + 1));
      const after = spec.definition.compute(changed, spec.args);
      before.forEach((line, k) => {
        expect(Array.from(after[k].subarray(0, t + 1)), `${lineKeys(spec)[k]} up to ${t}`).toEqual(Array.from(line.subarray(0, t + 1)));
      });
      // The changed bars do move the values after t (where there are any): the test can fail.
      const moved = before.some((line, k) => line.subarray(t + 1).some((v, i) => !Object.is(v, after[k][t + 1 + i])));
      expect(moved, `values after ${t}`).toBe(spec.definition.minPeriod(spec.args) <= BARS);
    }
  });
});
