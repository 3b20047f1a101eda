/**
 * One ticker's series: column `t` copied into a contiguous array of one value per date (NaN kept),
 * the layout per-asset estimators loop over.
 */
import type { Panel } from "./types.ts";

export function column(panel: Panel, t: number): Float64Array {
  const width = panel.tickers.length;
  if (!Number.isInteger(t) || t < 0 || t >= width) {
    throw new RangeError(`column index ${t} is outside the panel's ${width} tickers`);
  }
  const series = new Float64Array(panel.dates.length);
  for (let d = 0; d < series.length; d++) series[d] = panel.values[d * width + t];
  return series;
}
