/**
 * The per-date series behind the factor tear sheet's charts (alphalens' plots), which the factor
 * report (../factors/analysis/report.ts) only summarises: IC and rank IC per date and horizon, mean
 * forward return per rank quantile per date, top-minus-bottom spread per date, top-quantile turnover
 * and rank autocorrelation per pair of consecutive dates. Same definitions as the report, so each
 * series' mean over its finite values is the report's mean:
 * - IC = Pearson, rank IC = Spearman of the oriented factor against forward returns (ic.ts);
 * - quantiles by rank (quantile-buckets.ts), bucket 0 = lowest oriented values; a date with an empty
 *   bucket is null for every quantile (quantile-returns.ts);
 * - turnover = share of the previous date's top quantile no longer in it; rank autocorrelation =
 *   Spearman between consecutive dates (stability.ts); dated by the later date of the pair.
 * The factor is oriented by `direction` first (−1 negates it), as analyzeFactor does. Units: simple
 * returns over the horizon, fractions. Non-computable values are null.
 */
import { forwardReturns } from "../factors/analysis/forward-returns.ts";
import { icSeries } from "../factors/analysis/ic.ts";
import { RowPairs } from "../factors/analysis/correlation.ts";
import { QuantileBuckets } from "../factors/analysis/quantile-buckets.ts";
import { forEachBucketedDate } from "../factors/analysis/bucketed-dates.ts";
import { type FactorReport, type ReportOptions, analyzeFactor, DEFAULT_HORIZONS } from "../factors/analysis/report.ts";
import { type Panel, row as rowOf, rowsOfDates } from "../panel/index.ts";
import { finiteOrNull } from "./chart.ts";

export interface HorizonSeries {
  readonly horizon: number;
  readonly ic: (number | null)[];
  readonly rankIc: (number | null)[];
  /** [date][quantile] mean forward return; a row of nulls where some bucket was empty. */
  readonly quantileReturns: (number | null)[][];
  /** Top minus bottom quantile per date. */
  readonly spread: (number | null)[];
}

export interface FactorSeries {
  readonly dates: readonly string[];
  readonly quantiles: number;
  readonly horizons: HorizonSeries[];
  /** Per date from the second on (index k is the pair k − 1 → k; index 0 is null). */
  readonly turnover: (number | null)[];
  readonly rankAutocorrelation: (number | null)[];
}

/** A factor's report and its per-date series: what the factor tear sheet draws. */
export interface FactorTearSheet {
  /** Factor name and what it measures, for the title. */
  readonly factor: string;
  readonly description?: string;
  readonly region?: string;
  readonly report: FactorReport;
  readonly series?: FactorSeries;
}

export interface FactorSeriesOptions {
  readonly horizons?: readonly number[];
  readonly quantiles?: number;
  readonly direction?: 1 | -1;
}

export function factorSeries(factor: Panel, closes: Panel, options: FactorSeriesOptions = {}): FactorSeries {
  const quantiles = options.quantiles ?? 5;
  const oriented: Panel = options.direction === -1 ? { ...factor, values: factor.values.map((v) => -v) } : factor;
  const rows = rowsOfDates(closes, factor.dates);
  const horizons = (options.horizons ?? DEFAULT_HORIZONS).map((horizon): HorizonSeries => {
    const forward = forwardReturns(closes, horizon, rows);
    const ics = icSeries(oriented, forward);
    const byQuantile = quantileReturnsByDate(oriented, forward, quantiles);
    return {
      horizon,
      ic: Array.from(ics.ic, finiteOrNull),
      rankIc: Array.from(ics.rankIc, finiteOrNull),
      quantileReturns: byQuantile,
      spread: byQuantile.map((q) => (q[0] === null ? null : q[quantiles - 1]! - q[0])),
    };
  });
  const { turnover, rankAutocorrelation } = stabilityByDate(oriented, quantiles);
  return { dates: factor.dates, quantiles, horizons, turnover, rankAutocorrelation };
}

/** analyzeFactor and factorSeries of the same inputs, for the tear sheet. */
export function factorTearSheet(name: string, factor: Panel, closes: Panel, options: ReportOptions = {}): FactorTearSheet {
  return {
    factor: name,
    report: analyzeFactor(factor, closes, options),
    series: factorSeries(factor, closes, { horizons: options.horizons, quantiles: options.quantiles, direction: options.direction }),
  };
}

function quantileReturnsByDate(factor: Panel, forward: Panel, quantiles: number): (number | null)[][] {
  const out = factor.dates.map(() => new Array<number | null>(quantiles).fill(null));
  const sums = new Float64Array(quantiles);
  forEachBucketedDate(factor, forward, new QuantileBuckets(factor.tickers.length, quantiles), ({ d, n, forward: y, buckets }) => {
    sums.fill(0);
    for (let i = 0; i < n; i++) sums[buckets.bucket[i]] += y[i];
    out[d] = Array.from(sums, (sum, b) => sum / buckets.size[b]);
  });
  return out;
}

function stabilityByDate(factor: Panel, quantiles: number): { turnover: (number | null)[]; rankAutocorrelation: (number | null)[] } {
  const tops: (Set<number> | null)[] = factor.dates.map(() => null);
  forEachBucketedDate(factor, null, new QuantileBuckets(factor.tickers.length, quantiles), ({ d, n, columns, buckets }) => {
    const top = new Set<number>();
    for (let i = 0; i < n; i++) if (buckets.bucket[i] === quantiles - 1) top.add(columns[i]);
    tops[d] = top;
  });
  const pairs = new RowPairs(factor.tickers.length);
  return {
    turnover: tops.map((top, d) => {
      const previous = d === 0 ? null : tops[d - 1];
      return top === null || previous === null ? null : [...previous].filter((t) => !top.has(t)).length / previous.size;
    }),
    rankAutocorrelation: factor.dates.map((_, d) => (d === 0 ? null : finiteOrNull(pairs.load(rowOf(factor, d - 1), rowOf(factor, d)).spearman()))),
  };
}
