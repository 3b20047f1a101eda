/**
 * ROC(period), backtrader's RateOfChange: (x_i − x_{i−period}) / x_{i−period}, a fraction (0.05 is
 * +5%), not backtrader's ROC100 percentage.
 * A zero earlier value: backtrader divides by zero (ZeroDivisionError); this gives NaN, no value (a
 * price of 0 is bad data, not a rate to report).
 * Warm-up: minperiod = period + 1; the first value is on index period.
 */
import { emptyLine } from "./line.ts";

export const rocMinPeriod = (period: number): number => period + 1;

export function roc(x: Float64Array, period: number): Float64Array {
  const out = emptyLine(x.length);
  for (let i = rocMinPeriod(period) - 1; i < x.length; i++) {
    const earlier = x[i - period];
    if (earlier !== 0) out[i] = (x[i] - earlier) / earlier;
  }
  return out;
}
