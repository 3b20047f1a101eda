/**
 * One date's cross-section: row `d` as a view into the panel's values (no copy; do not write to it).
 */
import type { Panel } from "./types.ts";

export function row(panel: Panel, d: number): Float64Array {
  if (!Number.isInteger(d) || d < 0 || d >= panel.dates.length) {
    throw new RangeError(`row index ${d} is outside the panel's ${panel.dates.length} dates`);
  }
  const width = panel.tickers.length;
  return panel.values.subarray(d * width, (d + 1) * width);
}
