/**
 * The panel on the rows `rows` only (in the order given), as a panel of its own: copied, so the
 * result does not keep the whole input alive.
 */
import { resolveRows } from "./resolve-rows.ts";
import type { Panel } from "./types.ts";

export function selectRows(panel: Panel, rows: readonly number[]): Panel {
  resolveRows(panel, rows);
  const width = panel.tickers.length;
  const values = new Float64Array(rows.length * width);
  rows.forEach((d, r) => values.set(panel.values.subarray(d * width, (d + 1) * width), r * width));
  return { dates: rows.map((d) => panel.dates[d]), tickers: panel.tickers, values };
}
