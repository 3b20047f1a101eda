/**
 * Mean forward return by quantile within each group, as alphalens' mean_return_by_quantile with
 * by_group=True: quantiles are cut over the whole universe on each date (buckets.ts, as
 * quantile-returns.ts; alphalens' binning_by_group=False), then each group's names in a bucket are
 * averaged. Over dates: meanReturn[b] = mean of the per-date means on the dates where the group had a
 * name in bucket b (null if never); spread = per-date (top − bottom) on dates where the group had
 * names in both, summarised (summary.ts). Names without a group take no part. Pass demeaned forward
 * returns (demean.ts) for demeaned or group-adjusted figures. Units: fraction over the horizon.
 */
import { assertSameShape, type Panel } from "../../panel/index.ts";
import { bucketsFor, type QuantileMethod } from "./buckets.ts";
import { forEachBucketedDate } from "./bucketed-dates.ts";
import type { GroupIndex } from "./group-index.ts";
import { type SeriesSummary, summarize } from "./summary.ts";

export interface GroupQuantileReturns {
  readonly group: string;
  /** Mean forward return per bucket, lowest factor values first; null where the group never had a name. */
  readonly meanReturn: (number | null)[];
  readonly spread: SeriesSummary;
}

export function quantileReturnsByGroup(
  factor: Panel,
  forward: Panel,
  groups: GroupIndex,
  quantiles = 5,
  method: QuantileMethod = "rank",
): GroupQuantileReturns[] {
  assertSameShape(factor, forward, "quantileReturnsByGroup, forward returns");
  const nGroups = groups.labels.length;
  const nDates = factor.dates.length;
  // [group][bucket] accumulators: per-date sums and counts, and totals of per-date means over dates.
  const sum = new Float64Array(nGroups * quantiles);
  const count = new Int32Array(nGroups * quantiles);
  const total = new Float64Array(nGroups * quantiles);
  const dates = new Int32Array(nGroups * quantiles);
  const spread = Array.from({ length: nGroups }, () => new Float64Array(nDates).fill(NaN));
  forEachBucketedDate(factor, forward, bucketsFor(method, factor.tickers.length, quantiles), ({ d, n, columns, forward: y, buckets }) => {
    sum.fill(0);
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const g = groups.of[columns[i]];
      if (g < 0) continue;
      sum[g * quantiles + buckets.bucket[i]] += y[i];
      count[g * quantiles + buckets.bucket[i]]++;
    }
    for (let g = 0; g < nGroups; g++) {
      for (let b = 0; b < quantiles; b++) {
        const k = g * quantiles + b;
        if (count[k] === 0) continue;
        total[k] += sum[k] / count[k];
        dates[k]++;
      }
      const top = g * quantiles + quantiles - 1;
      const bottom = g * quantiles;
      if (count[top] > 0 && count[bottom] > 0) spread[g][d] = sum[top] / count[top] - sum[bottom] / count[bottom];
    }
  });
  return groups.labels.map((group, g) => ({
    group,
    meanReturn: Array.from({ length: quantiles }, (_, b) => {
      const k = g * quantiles + b;
      return dates[k] > 0 ? total[k] / dates[k] : null;
    }),
    spread: summarize(spread[g]),
  }));
}
