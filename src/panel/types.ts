/**
 * A date × ticker panel of one numeric field, the shape research code computes on.
 *
 * Layout: row-major, `values[d * tickers.length + t]` is the value of `tickers[t]` on `dates[d]`, so
 * one date's cross-section is a contiguous run (`row`) and one ticker's series is strided (`column`).
 * Dates are `YYYY-MM-DD` strings in ascending order; tickers are in the order given by the caller.
 * A missing observation is NaN (never 0), so typed-array loops can skip it with `x === x`.
 * Panels are treated as immutable: every verb returns a new panel (or a view that must not be
 * written), never changes its input; caches keyed by the panel object (own-history.ts) rely on it.
 */
export interface Panel {
  readonly dates: readonly string[];
  readonly tickers: readonly string[];
  readonly values: Float64Array;
}
