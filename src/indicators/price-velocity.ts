/**
 * PRICE_VELOCITY(t, d), the original's speed of the price in percent per second, as source-systems.md
 * §4 defines it: the TWPA over the last t seconds against the same TWPA d seconds earlier,
 *   now = TWPA(t, 0), earlier = TWPA(t + d, d),
 *   velocity = (now − earlier) / earlier × 100 / d    (computed in this order).
 * Parameters in seconds, t > 0 and d > 0; defaults t = 10 (the original's current window) and d = 30.
 * NaN while `earlier` has no value (until a trade at or before g − t − d) or is 0.
 * The original's code differed from that definition: its baseline window (t3 to t3 − d seconds ago)
 * was d long while the current one was t1 long, and it divided by the distance between the two
 * windows' centres (t3 − d/2 − t1/2) rather than by d. Here both windows have the same length and lie
 * exactly d apart, so the divisor is the time between them.
 */
import type { TradeColumns } from "./tick-columns.ts";
import { twpa } from "./twpa.ts";

export function priceVelocity(trades: TradeColumns, grid: Float64Array, t: number, d: number): Float64Array {
  const now = twpa(trades, grid, t, 0);
  const earlier = twpa(trades, grid, t + d, d);
  for (let k = 0; k < grid.length; k++) now[k] = earlier[k] === 0 ? NaN : (((now[k] - earlier[k]) / earlier[k]) * 100) / d;
  return now;
}
