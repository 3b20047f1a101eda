/**
 * Each ticker's latest present value: for column t, the value on the last date where it is not NaN
 * (a price panel's latest prices, where a ticker without a bar on the last date keeps its previous
 * one; PyPortfolioOpt's `get_latest_prices`). NaN for a column with no value at all.
 */
import type { Panel } from "./types.ts";

export function lastValid(panel: Panel): Float64Array {
  const width = panel.tickers.length;
  const latest = new Float64Array(width).fill(NaN);
  let missing = width;
  // From the last row back, stopping once every column has its value: usually one row.
  for (let d = panel.dates.length - 1; d >= 0 && missing > 0; d--) {
    const base = d * width;
    for (let t = 0; t < width; t++) {
      const v = panel.values[base + t];
      if (latest[t] !== latest[t] && v === v) {
        latest[t] = v;
        missing--;
      }
    }
  }
  return latest;
}
