/**
 * SPREAD_PCT(t), the original's bid-ask spread as a percentage of the mid price: for each snapshot,
 * with bid and ask its best levels,
 *   spread% = (ask − bid) / ((ask + bid) / 2) × 100,
 * taken for the book standing at g (t = 0, the default: the original used the latest snapshot), or
 * averaged over the last t seconds weighted by how long each snapshot stood (time-weighted.ts).
 * A crossed book (ask < bid) gives the negative value it shows.
 * NaN until a snapshot at or before g − t, and while a book without a best bid or a best ask stood.
 * The original returned a made-up 0.1 (% "for liquid markets") when it had trades but no book, and
 * nothing when no snapshot had arrived in the last second although a book stood; here a book stands
 * until the next snapshot and there is no value without one.
 */
import { secondsToMicros, type BookColumns } from "./tick-columns.ts";
import { timeWeightedMeans } from "./time-weighted.ts";

export function spreadPct(books: BookColumns, grid: Float64Array, t: number): Float64Array {
  const { depth, bidPrices, askPrices } = books;
  const perSnapshot = new Float64Array(books.ts.length);
  for (let i = 0; i < perSnapshot.length; i++) {
    const bid = depth > 0 ? bidPrices[i * depth] : NaN;
    const ask = depth > 0 ? askPrices[i * depth] : NaN;
    perSnapshot[i] = bid > 0 && ask > 0 ? ((ask - bid) / ((ask + bid) / 2)) * 100 : NaN;
  }
  return timeWeightedMeans(books.ts, perSnapshot, grid, secondsToMicros(t), 0);
}
