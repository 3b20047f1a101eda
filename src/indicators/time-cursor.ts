/**
 * A forward-only position in an ascending time column: how many rows have ts ≤ x, for x that never
 * decreases from one call to the next (the grid's window ends). Over a whole grid it moves through the
 * column once, so sliding a window costs O(rows + grid times), not a search per grid time.
 */
export class TimeCursor {
  private at = 0;

  constructor(private readonly ts: Float64Array) {}

  /** Rows with ts ≤ x: the index of the first row after x. */
  upTo(x: number): number {
    while (this.at < this.ts.length && this.ts[this.at] <= x) this.at++;
    return this.at;
  }
}
