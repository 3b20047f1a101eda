/**
 * BID_ASK_IMBALANCE(t), the original's order-book pressure in percent: for each snapshot, with B and
 * A the quantities summed over every stored level of the bid and ask side (a missing level adds
 * nothing),
 *   imbalance = (B − A) / (B + A) × 100      (+100: bids only, −100: asks only),
 * averaged over the last t seconds weighted by how long each snapshot stood (time-weighted.ts, as the
 * original's default smoothing did), or with t = 0 the imbalance of the book standing at g.
 * Parameter in seconds, t ≥ 0; default 30 (the original's).
 * NaN until a snapshot at or before g − t, and over a window in which a book with no quantity on
 * either side stood. The original dropped such snapshots, so the imbalance of the book before them
 * was carried across a time the book was empty.
 */
import { secondsToMicros, type BookColumns } from "./tick-columns.ts";
import { timeWeightedMeans } from "./time-weighted.ts";

/** Σ of row i's `levels` (NaN levels add nothing). */
function sideTotal(levels: Float64Array, depth: number, i: number): number {
  let total = 0;
  for (let k = i * depth; k < (i + 1) * depth; k++) if (!Number.isNaN(levels[k])) total += levels[k];
  return total;
}

export function bidAskImbalance(books: BookColumns, grid: Float64Array, t: number): Float64Array {
  const perSnapshot = new Float64Array(books.ts.length);
  for (let i = 0; i < perSnapshot.length; i++) {
    const bid = sideTotal(books.bidQtys, books.depth, i);
    const ask = sideTotal(books.askQtys, books.depth, i);
    perSnapshot[i] = bid + ask === 0 ? NaN : ((bid - ask) / (bid + ask)) * 100;
  }
  return timeWeightedMeans(books.ts, perSnapshot, grid, secondsToMicros(t), 0);
}
