/**
 * Exponential smoothing as backtrader's ExponentialSmoothing, and EMA(period) on it.
 *
 * Seed: the mean of the series' first `period` values (fsum ÷ period, as SMA); then each bar
 * value = previous × (1 − alpha) + x × alpha. EMA (backtrader ExponentialMovingAverage) uses
 * alpha = 2 / (1 + period); Wilder's smoothing (smma.ts) uses alpha = 1 / period.
 * `start` is the index of the series' first value, for a series that is itself an indicator line
 * (MACD's signal smooths the macd line from its first value): the seed is then the mean of
 * x[start … start + period − 1]. Values before `start` are never read.
 * Warm-up: minperiod = period counted from `start`, so the first value is on start + period − 1.
 * The value never forgets its seed: it depends on every bar since `start`. A NaN input makes every
 * later value NaN, as it does in backtrader.
 */
import { fsum } from "./fsum.ts";
import { emptyLine } from "./line.ts";

export const emaMinPeriod = (period: number): number => period;

export function exponentialSmoothing(x: Float64Array, period: number, alpha: number, start = 0): Float64Array {
  const out = emptyLine(x.length);
  const seedAt = start + period - 1;
  if (seedAt >= x.length) return out;
  const keep = 1 - alpha;
  let value = fsum(x, start, seedAt + 1) / period;
  out[seedAt] = value;
  for (let i = seedAt + 1; i < x.length; i++) out[i] = value = value * keep + x[i] * alpha;
  return out;
}

export function ema(x: Float64Array, period: number, start = 0): Float64Array {
  return exponentialSmoothing(x, period, 2 / (1 + period), start);
}
