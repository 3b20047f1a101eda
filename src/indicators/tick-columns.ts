/**
 * What every tick-window kernel in this folder shares: its inputs and its conventions.
 *
 * Inputs are one session symbol's trades and order-book snapshots as columns, in (ts, seq) order
 * (two rows may share a time; the later one in the file is later here), and a time grid (time-grid.ts).
 * Times are epoch microseconds held in a Float64Array (exact: every instant of 1970 … 2255 is below
 * 2^53). A missing volume or book level is NaN.
 *
 * Conventions:
 * - A kernel returns one value per grid time `g`, computed from the rows with ts ≤ g only (a row at
 *   exactly g counts), so a value never looks ahead and does not depend on the grid: the same time
 *   gives the same value on any grid.
 * - Windows are written as the original wrote them, in seconds before "now": (t1, t2) is the span
 *   from g − t1 to g − t2. A time-weighted window is the interval [g − t1, g − t2] (the integral does
 *   not see its ends); a window of counted trades is (g − t1, g − t2], open at its start, so adjacent
 *   windows (t1, t2) and (t2, 0) share no trade (the original closed both ends and counted a trade on
 *   the boundary twice).
 * - A price or a book is a state that holds from its row until the next row: its value at time s is
 *   the last row's with ts ≤ s (of rows sharing a time, the last). A time-weighted window needs that
 *   state from its start, so it has no value until there is a row at or before g − t1 (the warm-up;
 *   the original averaged over whatever part of the window its rows covered).
 * - A value that cannot be computed (an empty window, no row yet, a zero denominator) is NaN, never 0.
 */

/** One symbol's trades, in (ts, seq) order. */
export interface TradeColumns {
  ts: Float64Array;
  price: Float64Array;
  /** NaN where the source had none. */
  volume: Float64Array;
}

/**
 * One symbol's order-book snapshots, in (ts, seq) order; levels best first, row-major: row i's level
 * k is at i × depth + k. A side with fewer levels than `depth` (or a missing level) holds NaN there.
 */
export interface BookColumns {
  ts: Float64Array;
  /** Levels per side: the most any snapshot stored. */
  depth: number;
  bidPrices: Float64Array;
  bidQtys: Float64Array;
  askPrices: Float64Array;
  askQtys: Float64Array;
}

export interface TickColumns {
  trades: TradeColumns;
  books: BookColumns;
}

const none = new Float64Array(0);

export const NO_TRADES: TradeColumns = { ts: none, price: none, volume: none };
export const NO_BOOKS: BookColumns = { ts: none, depth: 0, bidPrices: none, bidQtys: none, askPrices: none, askQtys: none };

/** Seconds (as the specs write windows) to whole microseconds. */
export const secondsToMicros = (seconds: number): number => Math.round(seconds * 1_000_000);
