/**
 * Quantile buckets by equal-count value edges, as pandas' `pd.qcut(values, q, labels=False)` (the
 * buckets alphalens' quantize_factor uses), beside the rank buckets of quantile-buckets.ts.
 *
 * Edges: the i/q quantiles of the values, i = 0..q, with linear interpolation between order statistics
 * (numpy's default: position (n − 1)·p in the sorted values). Bucket of x = (number of edges < x) − 1,
 * except x equal to the lowest edge, which goes to bucket 0: intervals (e_i, e_{i+1}], the first one
 * closed on the left. So bucket 0 holds the lowest values and tied values always share a bucket.
 * Duplicate edges (many tied values spanning a boundary) make pandas raise "Bin edges must be unique";
 * here that date is NOT bucketed (`assign` returns false), as alphalens does with max_loss ≠ 0 (the
 * date's rows are dropped in its binning phase and counted in the cleaning report). Unique edges can
 * still leave a bucket empty (e.g. 1, 2, 2, 2, 3, 4 in thirds fills buckets 0 and 2 only): pandas
 * allows that; `assign` reports it as false too, the same rule as the rank buckets.
 */
import { BucketArrays } from "./bucket-arrays.ts";
import type { Buckets } from "./buckets.ts";

export class QcutBuckets extends BucketArrays implements Buckets {
  private readonly edges: Float64Array;

  constructor(width: number, quantiles: number) {
    super(width, quantiles);
    this.edges = new Float64Array(quantiles + 1);
  }

  /** Assigns buckets to `values[0..n)`; false when the edges are not unique or a bucket is empty. */
  assign(values: Float64Array, n: number): boolean {
    if (n === 0) return false;
    const sorted = values.slice(0, n).sort();
    const q = this.quantiles;
    for (let i = 0; i <= q; i++) {
      const position = ((n - 1) * i) / q;
      const below = Math.floor(position);
      const above = Math.min(below + 1, n - 1);
      this.edges[i] = sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
    for (let i = 1; i <= q; i++) if (!(this.edges[i] > this.edges[i - 1])) return false;
    this.size.fill(0);
    for (let k = 0; k < n; k++) {
      const b = this.bucketOf(values[k]);
      this.bucket[k] = b;
      this.size[b]++;
    }
    return this.size.every((count) => count > 0);
  }

  /** (Number of edges < x) − 1 by binary search; the lowest edge itself → 0. */
  private bucketOf(x: number): number {
    let lo = 0;
    let hi = this.quantiles + 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.edges[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(lo - 1, 0);
  }
}
