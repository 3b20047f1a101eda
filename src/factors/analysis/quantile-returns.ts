/**
 * Mean forward return by factor quantile (quintiles by default) and the top-minus-bottom spread.
 *
 * Per date: names with both a factor value and a forward return are bucketed by factor rank
 * (quantile-buckets.ts; bucket 0 = lowest factor values) and each bucket's forward returns averaged
 * with equal weight. Dates where some bucket is empty are skipped. Over dates: meanReturn[b] is the
 * equal-weighted mean of the per-date bucket means; spread is summarised from the per-date
 * (top − bottom) series. Units: simple returns over the forward horizon, fraction, not annualised.
 */
import { assertSameShape, type Panel } from "../../panel/index.ts";
import { QuantileBuckets } from "./quantile-buckets.ts";
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

export function quantileReturns(factor: Panel, forward: Panel, quantiles = 5): QuantileReturns {
  assertSameShape(factor, forward, "quantileReturns, forward returns");
  const nTickers = factor.tickers.length;
  const buckets = new QuantileBuckets(nTickers, quantiles);
  const x = new Float64Array(nTickers);
  const y = new Float64Array(nTickers);
  const bucketSum = new Float64Array(quantiles);
  const total = new Float64Array(quantiles);
  const spread = new Float64Array(factor.dates.length).fill(NaN);
  let dates = 0;
  for (let d = 0; d < factor.dates.length; d++) {
    const base = d * nTickers;
    let n = 0;
    for (let t = 0; t < nTickers; t++) {
      const u = factor.values[base + t];
      const v = forward.values[base + t];
      if (u - u === 0 && v - v === 0) {
        x[n] = u;
        y[n++] = v;
      }
    }
    if (!buckets.assign(x, n)) continue;
    bucketSum.fill(0);
    for (let i = 0; i < n; i++) bucketSum[buckets.bucket[i]] += y[i];
    for (let b = 0; b < quantiles; b++) total[b] += bucketSum[b] / buckets.size[b];
    spread[d] = bucketSum[quantiles - 1] / buckets.size[quantiles - 1] - bucketSum[0] / buckets.size[0];
    dates++;
  }
  return {
    quantiles,
    dates,
    meanReturn: Array.from(total, (sum) => (dates > 0 ? sum / dates : null)),
    spread: summarize(spread),
  };
}
