/**
 * Stochastic(period, dfast, dslow), backtrader's Stochastic (the slow one, alias StochasticSlow):
 *   fast %K = 100 × (close − lowest low) / (highest high − lowest low) over `period` bars;
 *   %K = SMA(fast %K, dfast); %D = SMA(%K, dslow).
 * A flat window (highest high = lowest low): backtrader's default divides by zero and stops with
 * ZeroDivisionError; this takes its safe option instead (safediv = True, safezero = 0): fast %K = 0.
 * Warm-up: fast %K needs `period` bars, each SMA adds its period − 1: minperiod =
 * period + dfast + dslow − 2 (18 for 14, 3, 3: first value on index 17), for both lines.
 */
import { highest, lowest } from "./extremes.ts";
import { emptyLine, startAt, type PriceColumns } from "./line.ts";
import { sma } from "./sma.ts";

export const stochasticMinPeriod = (period: number, dfast: number, dslow: number): number => period + dfast + dslow - 2;

export interface StochasticLines {
  k: Float64Array;
  d: Float64Array;
}

export function stochastic({ high, low, close }: PriceColumns, period: number, dfast: number, dslow: number): StochasticLines {
  const hh = highest(high, period);
  const ll = lowest(low, period);
  const fastK = emptyLine(close.length);
  for (let i = period - 1; i < close.length; i++) {
    const range = hh[i] - ll[i];
    fastK[i] = range === 0 ? 0 : 100 * ((close[i] - ll[i]) / range);
  }
  const k = sma(fastK, dfast);
  const d = sma(k, dslow);
  return { k: startAt(k, stochasticMinPeriod(period, dfast, dslow) - 1), d };
}
