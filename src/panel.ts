/**
 * A date × ticker panel of one numeric field, the shape research code computes on.
 *
 * Layout: row-major, `values[d * tickers.length + t]` is the value of `tickers[t]` on `dates[d]`.
 * Dates are `YYYY-MM-DD` strings in ascending order; tickers are in the order given by the caller.
 * A missing observation is NaN (never 0), so typed-array loops can skip it with `x === x`.
 */
export interface Panel {
  readonly dates: readonly string[];
  readonly tickers: readonly string[];
  readonly values: Float64Array;
}

