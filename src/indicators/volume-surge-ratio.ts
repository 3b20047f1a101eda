/**
 * VOLUME_SURGE_RATIO(t1, t2, t3, t4), the original's volume surge: how the trades of a recent window
 * compare in size with the typical trade of a longer baseline window before it,
 *   ratio = mean(volume of the trades in (g − t1, g − t2]) / median(volume of the trades in (g − t3, g − t4]),
 * source-systems.md §4's "mean volume in the current window ÷ median volume in a baseline window",
 * both per trade. Trades without a volume are left out of both. Parameters in seconds, t1 > t2 ≥ 0,
 * t3 > t4 ≥ 0; the original's defaults (30, 0, 600, 30): the last 30 s against the 10 minutes before.
 * NaN when either window has no trade with a volume or the median is 0.
 * Fixed from the original: its numerator was volume per second (the window's summed volume ÷ its
 * length) while its denominator was a per-trade median, so the ratio moved with the trade rate and the
 * window length rather than measuring either; it refused any median below an absolute 0.001
 * (`min_baseline`); and its windows were closed at both ends, so a trade at exactly t4 = t1 seconds
 * ago counted in both (here windows are open at their start: tick-columns.ts).
 * Exact: the current window's sum is a sliding exact sum (exact-sum.ts), the median is taken from
 * counts by rank (rank-counts.ts): O((n + G) log n) over n trades and G grid times.
 */
import { ExactSum } from "./exact-sum.ts";
import { emptyLine } from "./line.ts";
import { RankCounts } from "./rank-counts.ts";
import { secondsToMicros, type TradeColumns } from "./tick-columns.ts";
import { TimeCursor } from "./time-cursor.ts";

/** Rows in (g − startAgo, g − endAgo] as grid time g advances: each row enters and leaves once. */
class SlidingRows {
  private readonly starts: TimeCursor;
  private readonly ends: TimeCursor;
  private lo = 0;
  private hi = 0;

  constructor(
    ts: Float64Array,
    private readonly startAgo: number,
    private readonly endAgo: number,
    private readonly change: (row: number, delta: 1 | -1) => void,
  ) {
    this.starts = new TimeCursor(ts);
    this.ends = new TimeCursor(ts);
  }

  moveTo(g: number): void {
    const hi = this.ends.upTo(g - this.endAgo);
    const lo = this.starts.upTo(g - this.startAgo);
    while (this.hi < hi) this.change(this.hi++, 1);
    while (this.lo < lo) this.change(this.lo++, -1);
  }
}

export function volumeSurgeRatio(trades: TradeColumns, grid: Float64Array, t1: number, t2: number, t3: number, t4: number): Float64Array {
  const { ts, volume } = trades;
  const out = emptyLine(grid.length);
  const sum = new ExactSum();
  let count = 0;
  const current = new SlidingRows(ts, secondsToMicros(t1), secondsToMicros(t2), (row, delta) => {
    if (Number.isNaN(volume[row])) return;
    sum.add(delta * volume[row]);
    count += delta;
  });
  const ranks = new RankCounts(volume);
  const baseline = new SlidingRows(ts, secondsToMicros(t3), secondsToMicros(t4), (row, delta) => ranks.change(row, delta));
  for (let k = 0; k < grid.length; k++) {
    current.moveTo(grid[k]);
    baseline.moveTo(grid[k]);
    const median = ranks.median();
    if (count > 0 && median > 0) out[k] = sum.value() / count / median;
  }
  return out;
}
