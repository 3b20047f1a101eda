/**
 * Mean forward return by factor quantile (quintiles by default) and the top-minus-bottom spread.
 *
 * Per date: names with both a factor value and a forward return are bucketed by factor rank, or by
 * qcut edges with method "qcut" (buckets.ts; bucket 0 = lowest factor values) and each bucket's
 * forward returns averaged with equal weight. Dates where some bucket is empty are skipped. Over
 * dates: meanReturn[b] is the equal-weighted mean of the per-date bucket means (alphalens pools rows
 * instead; the two agree when every date has the same names); spread is summarised from the per-date
 * (top − bottom) series. Units: simple returns over the forward horizon, fraction, not annualised.
 * Demeaned or group-adjusted figures: pass demeaned forward returns (demean.ts).
 */
import { assertSameShape, type Panel } from "../../panel/index.ts";
import { bucketsFor, type QuantileMethod } from "./buckets.ts";
import { forEachBucketedDate } from "./bucketed-dates.ts";
import { type SeriesSummary, summarize } from "./summary.ts";

export interface QuantileReturns {
  readonly quantiles: number;
  /** Dates where every bucket was filled. */
  readonly dates: number;
  /** Mean forward return per bucket, lowest factor values first; null when no date qualified. */
  readonly meanReturn: (number | null)[];
  /** Per-date top-minus-bottom forward return, summarised. */
  readonly spread: SeriesSummary;
}

export function quantileReturns(factor: Panel, forward: Panel, quantiles = 5, method: QuantileMethod = "rank"): QuantileReturns {
  assertSameShape(factor, forward, "quantileReturns, forward returns");
  const bucketSum = new Float64Array(quantiles);
  const total = new Float64Array(quantiles);
  const spread = new Float64Array(factor.dates.length).fill(NaN);
  let dates = 0;
  forEachBucketedDate(factor, forward, bucketsFor(method, factor.tickers.length, quantiles), ({ d, n, forward: y, buckets }) => {
    bucketSum.fill(0);
    for (let i = 0; i < n; i++) bucketSum[buckets.bucket[i]] += y[i];
    for (let b = 0; b < quantiles; b++) total[b] += bucketSum[b] / buckets.size[b];
    spread[d] = bucketSum[quantiles - 1] / buckets.size[quantiles - 1] - bucketSum[0] / buckets.size[0];
    dates++;
  });
  return {
    quantiles,
    dates,
    meanReturn: Array.from(total, (sum) => (dates > 0 ? sum / dates : null)),
    spread: summarize(spread),
  };
}
