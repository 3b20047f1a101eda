/**
 * ATR(period), backtrader's AverageTrueRange: Wilder's SMMA (smma.ts) of the true range
 *   TR_i = max(high_i, close_{i−1}) − min(low_i, close_{i−1})   (from the second bar on),
 * the bar's range widened to the previous close when the bar gapped away from it. The seed is the
 * mean of the first `period` true ranges.
 * Warm-up: TR needs two bars (minperiod 2), the SMMA adds period − 1: minperiod = period + 1, the first
 * value is on index period. A NULL high or low (NaN) makes that TR and every later ATR NaN.
 */
import { emptyLine, type PriceColumns } from "./line.ts";
import { smma } from "./smma.ts";

export const atrMinPeriod = (period: number): number => period + 1;

export function trueRange({ high, low, close }: PriceColumns): Float64Array {
  const out = emptyLine(close.length);
  for (let i = 1; i < close.length; i++) out[i] = Math.max(high[i], close[i - 1]) - Math.min(low[i], close[i - 1]);
  return out;
}

export function atr(bars: PriceColumns, period: number): Float64Array {
  return smma(trueRange(bars), period, 1);
}
