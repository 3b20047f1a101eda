/**
 * A panel of the given dates and tickers with every cell missing, for a computation to fill in.
 */
import type { Panel } from "./types.ts";

export function nanPanel(dates: readonly string[], tickers: readonly string[]): Panel {
  return { dates, tickers, values: new Float64Array(dates.length * tickers.length).fill(NaN) };
}
