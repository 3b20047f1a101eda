/**
 * Wilder's smoothed moving average, backtrader's SmoothedMovingAverage (SMMA): exponential smoothing
 * (ema.ts) with alpha = 1 / period, i.e. value = (previous × (period − 1) + x) / period, seeded with
 * the mean of the first `period` values from `start`. RSI and ATR smooth with it.
 * Warm-up: minperiod = period counted from `start`.
 */
import { exponentialSmoothing } from "./ema.ts";

export function smma(x: Float64Array, period: number, start = 0): Float64Array {
  return exponentialSmoothing(x, period, 1 / period, start);
}
