/**
 * The two ways of cutting a date's cross-section into quantiles, behind one interface:
 * - "rank" (default): by average rank, quantile-buckets.ts — sizes differ by at most one name.
 * - "qcut": by equal-count value edges as pandas' qcut / alphalens, qcut-buckets.ts.
 * Both: bucket 0 = lowest values, tied values share a bucket, `assign` is false when the date cannot
 * be bucketed (an empty bucket; for qcut also duplicate edges) and the date is then left out.
 */
import { QcutBuckets } from "./qcut-buckets.ts";
import { QuantileBuckets } from "./quantile-buckets.ts";

export type QuantileMethod = "rank" | "qcut";

export const QUANTILE_METHODS: readonly QuantileMethod[] = ["rank", "qcut"];

export interface Buckets {
  readonly quantiles: number;
  /** Bucket of each of the values last assigned. */
  readonly bucket: Int32Array;
  /** Names per bucket after the last assignment. */
  readonly size: Int32Array;
  assign(values: Float64Array, n: number): boolean;
}

/** Scratch buckets for rows of `width` names. */
export function bucketsFor(method: QuantileMethod, width: number, quantiles: number): Buckets {
  return method === "qcut" ? new QcutBuckets(width, quantiles) : new QuantileBuckets(width, quantiles);
}
