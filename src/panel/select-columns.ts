/**
 * The panel on the columns `columns` only (ticker indices, in the order given), every date kept; the
 * values are copied.
 */
import type { Panel } from "./types.ts";

export function selectColumns(panel: Panel, columns: readonly number[]): Panel {
  const width = panel.tickers.length;
  for (const t of columns) {
    if (!Number.isInteger(t) || t < 0 || t >= width) throw new RangeError(`column index ${t} is outside the panel's ${width} tickers`);
  }
  const nDates = panel.dates.length;
  const values = new Float64Array(nDates * columns.length);
  for (let d = 0, cell = 0; d < nDates; d++) {
    const base = d * width;
    for (let c = 0; c < columns.length; c++, cell++) values[cell] = panel.values[base + columns[c]];
  }
  return { dates: panel.dates, tickers: columns.map((t) => panel.tickers[t]), values };
}
