/**
 * SMA(period), backtrader's MovingAverageSimple: the mean of the last `period` values, computed as the
 * correctly rounded sum of the window (math.fsum, see fsum.ts) divided by `period`.
 * Warm-up: minperiod = period, so the first value is on index period − 1. A NaN in the window gives NaN.
 */
import { fsum } from "./fsum.ts";
import { emptyLine } from "./line.ts";

export const smaMinPeriod = (period: number): number => period;

export function sma(x: Float64Array, period: number): Float64Array {
  const out = emptyLine(x.length);
  for (let i = smaMinPeriod(period) - 1; i < x.length; i++) out[i] = fsum(x, i - period + 1, i + 1) / period;
  return out;
}
