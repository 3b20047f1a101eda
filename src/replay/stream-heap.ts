/**
 * The merge order of a replay's streams: a binary min-heap of streams keyed by their current row,
 * (ts, rank), where a stream's rank is its place in (symbol, kind) order. Rows within one stream are
 * already in (ts, seq) order, so the events come out ordered by ts, then symbol, then kind, then seq.
 */
import type { TickStream } from "./streams.ts";

export class StreamHeap {
  private readonly items: number[] = [];

  /** `streams` in rank order; `live` are the indices of those with a current row. */
  constructor(
    private readonly streams: readonly TickStream[],
    live: readonly number[],
  ) {
    for (const index of live) this.push(index);
  }

  get size(): number {
    return this.items.length;
  }

  /** The stream holding the next event. */
  top(): TickStream {
    return this.streams[this.items[0]];
  }

  private before(a: number, b: number): boolean {
    const sa = this.streams[a];
    const sb = this.streams[b];
    const ta = sa.batch!.ts[sa.at];
    const tb = sb.batch!.ts[sb.at];
    return ta < tb || (ta === tb && a < b);
  }

  private push(index: number): void {
    const items = this.items;
    let i = items.push(index) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  /** The top stream moved to its next row: restore the order. */
  topChanged(): void {
    const items = this.items;
    const n = items.length;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) return;
      const right = left + 1;
      const child = right < n && this.before(items[right], items[left]) ? right : left;
      if (!this.before(items[child], items[i])) return;
      [items[i], items[child]] = [items[child], items[i]];
      i = child;
    }
  }

  /** The top stream is done: drop it. */
  popTop(): void {
    const last = this.items.pop()!;
    if (this.items.length > 0) {
      this.items[0] = last;
      this.topChanged();
    }
  }
}
