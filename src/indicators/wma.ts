/**
 * WMA(period), backtrader's WeightedMovingAverage: weights 1, 2, …, period from the oldest value of
 * the window to the newest, value = coef × fsum(weight × x) with coef = 2 / (period × (period + 1)).
 * Warm-up: minperiod = period, so the first value is on index period − 1.
 */
import { fsum } from "./fsum.ts";
import { emptyLine } from "./line.ts";

export const wmaMinPeriod = (period: number): number => period;

export function wma(x: Float64Array, period: number): Float64Array {
  const out = emptyLine(x.length);
  const coef = 2 / (period * (period + 1));
  const weighted = new Float64Array(period);
  for (let i = wmaMinPeriod(period) - 1; i < x.length; i++) {
    for (let k = 0; k < period; k++) weighted[k] = x[i - period + 1 + k] * (k + 1);
    out[i] = coef * fsum(weighted, 0, period);
  }
  return out;
}
