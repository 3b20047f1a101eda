/**
 * Ranks with ties averaged, the basis of percentile ranks, Spearman correlation and quantile buckets.
 *
 * Rank 1 is the smallest value; tied values share the mean of the ranks they occupy (values 5, 7, 7, 9
 * rank 1, 2.5, 2.5, 4). Inputs are finite values only. A native numeric sort plus two binary searches
 * per value: O(n log n) with no comparator callbacks.
 */

/** Average ranks (1..n) of `values[0..n)`, written to `out[0..n)`. */
export function averageRanks(values: Float64Array, n: number, out: Float64Array): void {
  const sorted = values.slice(0, n).sort();
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const below = countBelow(sorted, v);
    // Most values are unique: skip the second search unless the next sorted value ties.
    const upTo = below + 1 < n && sorted[below + 1] === v ? countUpTo(sorted, v, below + 1) : below + 1;
    // 0-based positions below..upTo−1 hold v, i.e. ranks below+1..upTo; their mean:
    out[i] = (below + 1 + upTo) / 2;
  }
}

/** Number of values < v in ascending `a`. */
function countBelow(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of values ≤ v in ascending `a`, knowing at least `from` are < v. */
function countUpTo(a: Float64Array, v: number, from: number): number {
  let lo = from;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
