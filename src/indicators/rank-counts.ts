/**
 * Order statistics of a sliding set of values: which of a column's values are in the set is kept as
 * counts by rank (a Fenwick tree over the values sorted once; equal values share a rank), so adding
 * or taking away a row and asking for the k-th smallest each cost O(log n). Used for the median volume of a sliding window.
 * Only finite values have a rank; adding a NaN row does nothing.
 */
export class RankCounts {
  /** The finite values in ascending order. */
  private readonly sorted: Float64Array;
  /** Each row's rank: the first position of its value in `sorted` (equal values share it); −1 for a NaN. */
  private readonly rankOf: Int32Array;
  /** Fenwick tree of counts by rank, 1-based. */
  private readonly tree: Int32Array;
  private readonly top: number;
  private total = 0;

  constructor(values: Float64Array) {
    const finite = new Float64Array(values.length);
    let count = 0;
    for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) finite[count++] = values[i];
    this.sorted = finite.subarray(0, count).sort();
    this.rankOf = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) this.rankOf[i] = Number.isNaN(values[i]) ? -1 : this.firstAtLeast(values[i]);
    this.tree = new Int32Array(this.sorted.length + 1);
    let top = 1;
    while (top * 2 <= this.sorted.length) top *= 2;
    this.top = top;
  }

  /** The first position in `sorted` holding a value ≥ x. */
  private firstAtLeast(x: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Add (+1) or take away (−1) row `row`'s value. */
  change(row: number, delta: 1 | -1): void {
    const rank = this.rankOf[row];
    if (rank < 0) return;
    this.total += delta;
    for (let r = rank + 1; r < this.tree.length; r += r & -r) this.tree[r] += delta;
  }

  /** The k-th smallest value in the set, k from 1. */
  private kth(k: number): number {
    let position = 0;
    let rest = k;
    for (let step = this.top; step > 0; step >>= 1) {
      const next = position + step;
      if (next < this.tree.length && this.tree[next] < rest) {
        position = next;
        rest -= this.tree[next];
      }
    }
    return this.sorted[position];
  }

  /** The median of the set (the mean of the two middle values for an even count), NaN when empty. */
  median(): number {
    const n = this.total;
    if (n === 0) return NaN;
    return n % 2 === 1 ? this.kth((n + 1) / 2) : (this.kth(n / 2) + this.kth(n / 2 + 1)) / 2;
  }
}
