/**
 * Indicator specs evaluated over one series, as `{ "<spec>.<line>": [[time, value], …] }`.
 *
 * Bar indicators (`indicatorSeries`) run over any bars in time order with high, low and close: daily
 * bars from the prices repository (compute-indicators.ts), or candles built from ticks, whose times
 * are instants. Times are passed through as given. A line's points are its values after the
 * indicator's warm-up on the bars from index `shownFrom` on.
 * Tick-window indicators (`tickIndicatorSeries`) run over a symbol's trades and books on a time grid
 * (tick-columns.ts); a point's time is its grid time as ISO 8601 UTC with six decimals.
 * A value that is not a finite number (before a warm-up, from a NULL high or low, ROC over a zero
 * price, an empty window) is left out rather than written as a number.
 */
import { formatInstant } from "../util/instants.ts";
import type { PriceColumns } from "./line.ts";
import { lineKeys, type IndicatorSpec, type SessionIndicatorSpec, type TickIndicatorSpec } from "./spec.ts";
import type { TickColumns } from "./tick-columns.ts";

export interface TimedPriceColumns extends PriceColumns {
  /** One time per bar, ascending: `YYYY-MM-DD` for daily bars, an ISO instant for candles. */
  times: readonly string[];
}

export type IndicatorPoint = [time: string, value: number];
export type IndicatorSeries = Record<string, IndicatorPoint[]>;

/** The finite values of each line of `spec` from index `from`, into `series`. */
function addLines(series: IndicatorSeries, spec: SessionIndicatorSpec, lines: Float64Array[], timeOf: (i: number) => string, from: number): void {
  lineKeys(spec).forEach((key, k) => {
    const points: IndicatorPoint[] = [];
    const values = lines[k];
    for (let i = from; i < values.length; i++) if (Number.isFinite(values[i])) points.push([timeOf(i), values[i]]);
    series[key] = points;
  });
}

export function indicatorSeries(bars: TimedPriceColumns, specs: readonly IndicatorSpec[], shownFrom = 0): IndicatorSeries {
  const series: IndicatorSeries = {};
  for (const spec of specs) addLines(series, spec, spec.definition.compute(bars, spec.args), (i) => bars.times[i], shownFrom);
  return series;
}

export function tickIndicatorSeries(columns: TickColumns, grid: Float64Array, specs: readonly TickIndicatorSpec[]): IndicatorSeries {
  const series: IndicatorSeries = {};
  for (const spec of specs) addLines(series, spec, spec.definition.compute(columns, grid, spec.args), (i) => formatInstant(grid[i]), 0);
  return series;
}
