/**
 * TWPA(t1, t2), the original's time-weighted price average: the mean of the trade price over the
 * window from t1 to t2 seconds before each grid time g, each price weighted by how long it stood:
 *   TWPA = (1 / (t1 − t2)) ∫_{g−t1}^{g−t2} price(s) ds,
 * price(s) the last trade's price at or before s (of trades sharing a time, the last in the file),
 * so the last trade before the window counts from the window's start (time-weighted.ts).
 * Parameters in seconds, t1 > t2 ≥ 0 (the original's defaults 300, 0: the last five minutes).
 * NaN until a trade at or before g − t1: the original then averaged over the part of the window its
 * trades covered (a 300 s TWPA from 2 s of trades); here a window is the whole window or no value.
 */
import { secondsToMicros, type TradeColumns } from "./tick-columns.ts";
import { timeWeightedMeans } from "./time-weighted.ts";

export function twpa(trades: TradeColumns, grid: Float64Array, t1: number, t2: number): Float64Array {
  return timeWeightedMeans(trades.ts, trades.price, grid, secondsToMicros(t1), secondsToMicros(t2));
}
