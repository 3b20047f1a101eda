/**
 * Daily simple returns from a price panel, as PyPortfolioOpt's
 * `expected_returns.returns_from_prices`: `prices.pct_change(fill_method=None).dropna(how="all")`.
 *
 * Conventions: r[t] = p[t] / p[t−1] − 1, dated at t; a return is missing (NaN) unless both prices
 * exist (no forward fill, so a gap costs the return into and out of it); rows where every
 * asset's return is missing are dropped, which also drops the first date. Prices must be finite
 * and > 0 where present. Each asset keeps its own observations: later estimators skip NaN.
 */
import { column, type Panel } from "../panel/index.ts";
import { OptimizationError } from "./errors.ts";

export function returnsFromPrices(prices: Panel): Panel {
  const { dates, tickers, values } = prices;
  const n = tickers.length;
  if (values.length !== dates.length * n) {
    throw new OptimizationError("invalid-input", `price panel has ${values.length} values for ${dates.length} dates × ${n} tickers`);
  }
  for (let d = 0; d < dates.length; d++) {
    for (let i = 0; i < n; i++) {
      const price = values[d * n + i];
      if (price === price && !(price > 0 && price < Infinity)) {
        throw new OptimizationError("invalid-input", `price of ${tickers[i]} on ${dates[d]} is ${price}; prices must be positive and finite (leave missing prices empty)`);
      }
    }
  }
  const keptDates: string[] = [];
  const rows: number[] = [];
  for (let d = 1; d < dates.length; d++) {
    let any = false;
    for (let i = 0; i < n; i++) {
      const r = values[d * n + i] / values[(d - 1) * n + i] - 1;
      rows.push(r);
      if (r === r) any = true;
    }
    if (any) keptDates.push(dates[d]);
    else rows.length -= n;
  }
  return { dates: keptDates, tickers, values: Float64Array.from(rows) };
}

/** Each asset's returns as a contiguous column (length = number of dates), NaN where missing. */
export function assetColumns(returns: Panel): Float64Array[] {
  return returns.tickers.map((_, i) => column(returns, i));
}

/** Throws `too-few-observations` unless every asset has at least `minimum` returns. */
export function requireObservations(returns: Panel, minimum: number): void {
  const n = returns.tickers.length;
  if (n === 0) throw new OptimizationError("invalid-input", "no assets: the price panel has no tickers");
  for (let i = 0; i < n; i++) {
    let count = 0;
    for (let d = 0; d < returns.dates.length; d++) if (returns.values[d * n + i] === returns.values[d * n + i]) count++;
    if (count < minimum) {
      throw new OptimizationError(
        "too-few-observations",
        `${returns.tickers[i]} has ${count} daily return${count === 1 ? "" : "s"}, at least ${minimum} are needed; supply a longer price history or drop the ticker`,
      );
    }
  }
}
