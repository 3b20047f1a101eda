/**
 * Williams %R(period), backtrader's WilliamsR: −100 × (highest high − close) / (highest high − lowest
 * low) over `period` bars; 0 when the close is the period's high, −100 at its low.
 * A flat window (highest high = lowest low): backtrader divides by zero (ZeroDivisionError; it has no
 * safe option here). This gives −100, the Stochastic's safe value read on this scale
 * (%R = fast %K − 100, and stochastic.ts takes fast %K = 0 there).
 * Warm-up: minperiod = period; the first value is on index period − 1.
 */
import { highest, lowest } from "./extremes.ts";
import { emptyLine, type PriceColumns } from "./line.ts";

export const williamsRMinPeriod = (period: number): number => period;

export function williamsR({ high, low, close }: PriceColumns, period: number): Float64Array {
  const hh = highest(high, period);
  const ll = lowest(low, period);
  const out = emptyLine(close.length);
  for (let i = williamsRMinPeriod(period) - 1; i < close.length; i++) {
    const range = hh[i] - ll[i];
    out[i] = range === 0 ? -100 : (-100 * (hh[i] - close[i])) / range;
  }
  return out;
}
