/**
 * What every bar-indicator kernel in this folder shares.
 *
 * Conventions: a series is a Float64Array, index i = bar i, oldest first. A kernel returns lines of
 * the input's length with NaN before the indicator's warm-up and a value on every bar after it. The
 * warm-up is backtrader's `minperiod` (the number of bars the indicator needs): its first value is on
 * index minperiod − 1, and an indicator with several lines starts them all there (backtrader's
 * indicator minperiod is the largest of its lines'). Kernels never look past index i for the value at
 * i, so values up to a bar do not change when later bars do.
 */

/** The bar fields the kernels read, index-aligned, oldest first (a NULL high or low is NaN). */
export interface PriceColumns {
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
}

/** A line of `length` bars with no values yet. */
export function emptyLine(length: number): Float64Array {
  return new Float64Array(length).fill(NaN);
}

/** `line` with the values before index `first` removed (a multi-line indicator's common start). */
export function startAt(line: Float64Array, first: number): Float64Array {
  line.fill(NaN, 0, Math.min(first, line.length));
  return line;
}
