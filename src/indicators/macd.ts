/**
 * MACD(fast, slow, signal), backtrader's MACDHisto:
 *   macd = EMA(close, fast) − EMA(close, slow); signal = EMA(macd, signal), seeded with the mean of
 *   the first `signal` macd values; histo = macd − signal.
 * Warm-up: the macd line has values from index max(fast, slow) − 1, the signal needs `signal` of them,
 * so minperiod = max(fast, slow) + signal − 1 (34 for 12, 26, 9: first value on index 33). As
 * backtrader's indicator minperiod is its largest line's, all three lines start there: the macd values
 * before it are computed (the signal is seeded from them) but not shown.
 */
import { ema, emaMinPeriod } from "./ema.ts";
import { emptyLine, startAt } from "./line.ts";

export const macdMinPeriod = (fast: number, slow: number, signal: number): number =>
  Math.max(emaMinPeriod(fast), emaMinPeriod(slow)) + emaMinPeriod(signal) - 1;

export interface MacdLines {
  macd: Float64Array;
  signal: Float64Array;
  histo: Float64Array;
}

export function macd(x: Float64Array, fast: number, slow: number, signal: number): MacdLines {
  const fastLine = ema(x, fast);
  const slowLine = ema(x, slow);
  const macdLine = emptyLine(x.length);
  for (let i = 0; i < x.length; i++) macdLine[i] = fastLine[i] - slowLine[i];
  const signalLine = ema(macdLine, signal, Math.max(fast, slow) - 1);
  const histo = emptyLine(x.length);
  for (let i = 0; i < x.length; i++) histo[i] = macdLine[i] - signalLine[i];
  const first = macdMinPeriod(fast, slow, signal) - 1;
  return { macd: startAt(macdLine, first), signal: signalLine, histo };
}
