/**
 * Momentum(period), backtrader's Momentum: x_i − x_{i−period}, in price units.
 * Warm-up: minperiod = period + 1; the first value is on index period.
 */
import { emptyLine } from "./line.ts";

export const momentumMinPeriod = (period: number): number => period + 1;

export function momentum(x: Float64Array, period: number): Float64Array {
  const out = emptyLine(x.length);
  for (let i = momentumMinPeriod(period) - 1; i < x.length; i++) out[i] = x[i] - x[i - period];
  return out;
}
