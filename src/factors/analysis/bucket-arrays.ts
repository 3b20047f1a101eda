/**
 * The arrays every Buckets implementation (buckets.ts) fills: one bucket per name of a row of up to
 * `width` names and one size per bucket, after checking that `quantiles` is an integer ≥ 2.
 */
export abstract class BucketArrays {
  readonly bucket: Int32Array;
  readonly size: Int32Array;

  constructor(
    width: number,
    readonly quantiles: number,
  ) {
    if (!Number.isInteger(quantiles) || quantiles < 2) throw new RangeError(`quantiles must be an integer ≥ 2, got ${quantiles}`);
    this.bucket = new Int32Array(width);
    this.size = new Int32Array(quantiles);
  }
}
