/**
 * The finite cells of one panel row: the cross-section every per-date tool works on. Missing (NaN or
 * infinite) cells take no part and stay missing in the result.
 */
import { nanPanel, type Panel, row } from "../../panel/index.ts";

/** Copies the finite values of `row` into `values` and their column indices into `columns`; returns the count. */
export function finiteCells(row: Float64Array, values: Float64Array, columns: Int32Array): number {
  let n = 0;
  for (let t = 0; t < row.length; t++) {
    const v = row[t];
    if (v - v === 0) {
      values[n] = v;
      columns[n++] = t;
    }
  }
  return n;
}

/**
 * Applies `transform` to each date's cross-section: it receives the n finite values of the row and
 * writes one result per value to `out[0..n)` (NaN where it has none). Cells missing in the input stay
 * missing; the input panel is not modified.
 */
export function mapCrossSections(
  panel: Panel,
  transform: (values: Float64Array, n: number, out: Float64Array) => void,
): Panel {
  const nTickers = panel.tickers.length;
  const result = nanPanel(panel.dates, panel.tickers);
  const values = new Float64Array(nTickers);
  const columns = new Int32Array(nTickers);
  const out = new Float64Array(nTickers);
  for (let d = 0; d < panel.dates.length; d++) {
    const base = d * nTickers;
    const n = finiteCells(row(panel, d), values, columns);
    if (n === 0) continue;
    transform(values, n, out);
    for (let i = 0; i < n; i++) result.values[base + columns[i]] = out[i];
  }
  return result;
}
