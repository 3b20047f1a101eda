/**
 * Quantile buckets of a cross-section by rank: bucket(i) = ⌊(rank_i − 1) · q / n⌋ with average ranks
 * (cross-section/ranks.ts), so bucket 0 holds the lowest values and q − 1 the highest, buckets differ
 * in size by at most one name when there are no ties, and tied values always share a bucket.
 */
import { averageRanks } from "../cross-section/ranks.ts";
import { BucketArrays } from "./bucket-arrays.ts";
import type { Buckets } from "./buckets.ts";

/** Scratch buffers sized for one row, reused across dates. */
export class QuantileBuckets extends BucketArrays implements Buckets {
  private readonly ranks: Float64Array;

  constructor(width: number, quantiles: number) {
    super(width, quantiles);
    this.ranks = new Float64Array(width);
  }

  /** Assigns buckets to `values[0..n)`; false when some bucket is empty (too few names, or ties). */
  assign(values: Float64Array, n: number): boolean {
    if (n < this.quantiles) return false;
    averageRanks(values, n, this.ranks);
    this.size.fill(0);
    for (let i = 0; i < n; i++) {
      const b = Math.floor(((this.ranks[i] - 1) * this.quantiles) / n);
      this.bucket[i] = b;
      this.size[b]++;
    }
    return this.size.every((count) => count > 0);
  }
}
