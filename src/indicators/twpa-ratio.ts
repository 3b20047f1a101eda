/**
 * TWPA_RATIO(t1, t2, t3, t4), the original's ratio of two time-weighted price averages (twpa.ts):
 *   ratio = TWPA(t1, t2) / TWPA(t3, t4),
 * e.g. the defaults (300, 60, 1800, 300): the price of 5 to 1 minutes ago against that of 30 to 5
 * minutes ago. Parameters in seconds, t1 > t2 ≥ 0 and t3 > t4 ≥ 0.
 * NaN while either TWPA is (the longer window's warm-up) or when the denominator is 0. The original
 * refused any denominator below an absolute 0.001 (`min_denominator`), so it had no value for any
 * coin priced under a tenth of a cent; only 0 is refused here.
 */
import type { TradeColumns } from "./tick-columns.ts";
import { twpa } from "./twpa.ts";

export function twpaRatio(trades: TradeColumns, grid: Float64Array, t1: number, t2: number, t3: number, t4: number): Float64Array {
  const numerator = twpa(trades, grid, t1, t2);
  const denominator = twpa(trades, grid, t3, t4);
  for (let k = 0; k < grid.length; k++) numerator[k] = denominator[k] === 0 ? NaN : numerator[k] / denominator[k];
  return numerator;
}
