/**
 * The per-date loop every quantile figure shares: on each date, the names with a finite factor value
 * (and, when `forward` is given, a finite forward return) are cut into quantiles (buckets.ts) and
 * handed to `visit`; a date that cannot be bucketed goes to `skipped` with its name count instead.
 */
import type { Panel } from "../../panel/index.ts";
import type { Buckets } from "./buckets.ts";

/** One bucketed date: `n` names, their columns, factor values and forward returns (NaN without `forward`). */
export interface BucketedDate {
  readonly d: number;
  readonly n: number;
  readonly columns: Int32Array;
  readonly factor: Float64Array;
  readonly forward: Float64Array;
  readonly buckets: Buckets;
}

export function forEachBucketedDate(
  factor: Panel,
  forward: Panel | null,
  buckets: Buckets,
  visit: (date: BucketedDate) => void,
  skipped: (d: number, n: number) => void = () => {},
): void {
  const nTickers = factor.tickers.length;
  const columns = new Int32Array(nTickers);
  const x = new Float64Array(nTickers);
  const y = new Float64Array(nTickers).fill(NaN);
  for (let d = 0; d < factor.dates.length; d++) {
    const base = d * nTickers;
    let n = 0;
    for (let t = 0; t < nTickers; t++) {
      const u = factor.values[base + t];
      const v = forward === null ? 0 : forward.values[base + t];
      if (u - u === 0 && v - v === 0) {
        columns[n] = t;
        x[n] = u;
        if (forward !== null) y[n] = v;
        n++;
      }
    }
    if (buckets.assign(x, n)) visit({ d, n, columns, factor: x, forward: y, buckets });
    else skipped(d, n);
  }
}
