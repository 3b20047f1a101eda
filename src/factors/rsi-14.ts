/**
 * rsi_14: Wilder's relative strength index over 14 bars.
 *
 * Formula, on the price changes x_j = close[j] − close[j−1] between consecutive own bars:
 *   gains g_j = max(x_j, 0), losses l_j = max(−x_j, 0);
 *   seed: avgGain, avgLoss = simple means of the first 14 gains and losses of the window;
 *   then for each later change: avg = (prev × 13 + x) / 14 (Wilder smoothing);
 *   RSI = 100 − 100 / (1 + avgGain/avgLoss), computed as 100·avgGain/(avgGain + avgLoss), which is
 *   the same number and gives exactly 100 when every change is a gain (no 100.00000000000001).
 *   No movement at all (avgGain = avgLoss = 0) has no strength to measure → NaN.
 * Window: Wilder smoothing never forgets, so seeding at the start of whatever history was loaded would
 *   make today's value depend on how far back the caller loaded. We seed at the start of the last 250
 *   changes (or of the instrument's whole history when shorter): the value at t is a function of at
 *   most the last 251 closes, identical for a backfill and a daily run. The seed's weight after 236
 *   smoothing steps is (13/14)^236 ≈ 2.5e-8, so it is indistinguishable from a "since inception" RSI.
 * Inputs: daily closes. Minimum: 14 changes (15 closes); fewer → NaN. Lookback to load: 250 bars.
 * Units: index points 0..100. Point-in-time: closes up to t.
 * Direction: −1 (contrarian reading: oversold, low RSI, is preferred).
 */
import { definePriceFactor } from "./price-factor.ts";

const PERIOD = 14;
const WINDOW = 250;
const KEEP = (PERIOD - 1) / PERIOD;
const HALF_ADD = 1 / (2 * PERIOD);

export const rsi14 = definePriceFactor({
  name: "rsi_14",
  description: "Wilder RSI(14) over the last ≤ 250 price changes (points, 0..100)",
  direction: -1,
  lookback: WINDOW,
  minPriorBars: PERIOD,
  formula: (h, i, k) => {
    const close = h.close;
    const first = i - Math.min(k, WINDOW) + 1; // first change in the window ends on bar `first`
    let gain = 0;
    let loss = 0;
    for (let j = first; j < first + PERIOD; j++) {
      const x = close[j] - close[j - 1];
      if (x > 0) gain += x;
      else loss -= x;
    }
    gain /= PERIOD;
    loss /= PERIOD;
    for (let j = first + PERIOD; j <= i; j++) {
      const x = close[j] - close[j - 1];
      // (prev·13 + x)/14 as prev·(13/14) + x/14, and the gain/loss split as (|x| ± x)/2 (exact):
      // no divisions and no branches on the sign of a random change.
      const magnitude = Math.abs(x);
      gain = gain * KEEP + (magnitude + x) * HALF_ADD;
      loss = loss * KEEP + (magnitude - x) * HALF_ADD;
    }
    const total = gain + loss;
    return total > 0 ? (100 * gain) / total : NaN;
  },
});
