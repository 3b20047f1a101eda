/**
 * Rows [first, end) as a panel whose values are a view into the input's (no copy; do not write to
 * it): cutting a long result into blocks costs nothing.
 */
import type { Panel } from "./types.ts";

export function sliceRows(panel: Panel, first: number, end: number): Panel {
  if (!Number.isInteger(first) || !Number.isInteger(end) || first < 0 || first > end || end > panel.dates.length) {
    throw new RangeError(`rows ${first}..${end} are not a range of the panel's ${panel.dates.length} dates`);
  }
  const width = panel.tickers.length;
  return { dates: panel.dates.slice(first, end), tickers: panel.tickers, values: panel.values.subarray(first * width, end * width) };
}
