/**
 * Quantile buckets of a cross-section by rank: bucket(i) = ⌊(rank_i − 1) · q / n⌋ with average ranks
 * (cross-section/ranks.ts), so bucket 0 holds the lowest values and q − 1 the highest, buckets differ
 * in size by at most one name when there are no ties, and tied values always share a bucket.
 */
import { averageRanks } from "../cross-section/ranks.ts";

/** Scratch buffers sized for one row, reused across dates. */
export class QuantileBuckets {
  readonly bucket: Int32Array;
  readonly size: Int32Array;
  private readonly ranks: Float64Array;

  constructor(
    width: number,
    readonly quantiles: number,
  ) {
    if (!Number.isInteger(quantiles) || quantiles < 2) throw new RangeError(`quantiles must be an integer ≥ 2, got ${quantiles}`);
    this.bucket = new Int32Array(width);
    this.ranks = new Float64Array(width);
    this.size = new Int32Array(quantiles);
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
