/**
 * Indicator specs evaluated over one series of bars, as `{ "<spec>.<line>": [[time, value], …] }`.
 *
 * The series can be any bars in time order with high, low and close: daily bars from the prices
 * repository (compute-indicators.ts), or candles built from ticks, whose times are instants. Times are
 * passed through as given. A line's points are its values after the indicator's warm-up on the bars
 * from index `shownFrom` on; a value that is not a finite number after warm-up (from a NULL high or low, or ROC over a
 * zero price) is left out rather than written as a number.
 */
import type { PriceColumns } from "./line.ts";
import { lineKeys, type IndicatorSpec } from "./spec.ts";

export interface TimedPriceColumns extends PriceColumns {
  /** One time per bar, ascending: `YYYY-MM-DD` for daily bars, an ISO instant for candles. */
  times: readonly string[];
}

export type IndicatorPoint = [time: string, value: number];
export type IndicatorSeries = Record<string, IndicatorPoint[]>;

export function indicatorSeries(bars: TimedPriceColumns, specs: readonly IndicatorSpec[], shownFrom = 0): IndicatorSeries {
  const series: IndicatorSeries = {};
  for (const spec of specs) {
    const lines = spec.definition.compute(bars, spec.args);
    lineKeys(spec).forEach((key, k) => {
      const points: IndicatorPoint[] = [];
      const values = lines[k];
      for (let i = shownFrom; i < values.length; i++) if (Number.isFinite(values[i])) points.push([bars.times[i], values[i]]);
      series[key] = points;
    });
  }
  return series;
}
