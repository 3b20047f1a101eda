/**
 * Underwater curve and drawdown periods of an equity curve, as pyfolio's `get_top_drawdowns` /
 * `gen_drawdown_table` read them, over end-of-day values.
 *
 * Conventions: drawdown_k = V_k / max(start, V_0 … V_k) − 1 (≤ 0), where `start` is the value before
 * the first day (the initial cash), so a loss on day one is a drawdown from the cash (its peak date is
 * null: the start, before the first date). A period begins at the peak (the last date at the running
 * maximum before the fall), its valley is the date of its lowest drawdown (the first on ties), and it
 * recovers on the first date the value is back at or above the peak value (null while still under
 * water). `days` counts trading days from the peak (the start is day 0 before the first date) to the
 * recovery, or to the last date when not recovered. Periods rank by depth, deepest first (ties:
 * earlier first). NaN values are skipped: they neither set a peak nor end a period.
 */

export interface DrawdownPeriod {
  /** Last date at the peak; null when the peak is the starting value (before the first date). */
  readonly peak: string | null;
  readonly valley: string;
  /** First date back at the peak value; null when not recovered by the last date. */
  readonly recovery: string | null;
  /** Drawdown at the valley, ≤ 0 (−0.2 is a 20% fall). */
  readonly depth: number;
  /** Trading days from the peak (the start counts as day 0 before the first date) to the recovery or the last date. */
  readonly days: number;
}

/** V_k / running max − 1 per date; NaN where the value is NaN. */
export function underwater(values: ArrayLike<number>, start: number): Float64Array {
  const out = new Float64Array(values.length);
  let peak = start;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (Number.isNaN(v)) {
      out[k] = NaN;
      continue;
    }
    if (!(peak >= v)) peak = v;
    out[k] = v / peak - 1;
  }
  return out;
}

/** Every drawdown period, deepest first; `top` keeps the first so many. */
export function drawdownPeriods(dates: readonly string[], values: ArrayLike<number>, start: number, top = Infinity): DrawdownPeriod[] {
  const periods: DrawdownPeriod[] = [];
  let peak = start;
  let peakIndex = -1;
  let open: { valley: number; depth: number } | null = null;
  const close = (end: number, recovered: boolean) => {
    periods.push({
      peak: peakIndex < 0 ? null : dates[peakIndex],
      valley: dates[open!.valley],
      recovery: recovered ? dates[end] : null,
      depth: open!.depth,
      days: end - peakIndex,
    });
    open = null;
  };
  let last = -1;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (Number.isNaN(v)) continue;
    last = k;
    if (v >= peak) {
      if (open !== null) close(k, true);
      peak = v;
      peakIndex = k;
      continue;
    }
    const depth = v / peak - 1;
    if (open === null) open = { valley: k, depth };
    else if (depth < open.depth) open = { valley: k, depth };
  }
  if (open !== null) close(last, false);
  return periods
    .map((p, order) => ({ p, order }))
    .sort((a, b) => a.p.depth - b.p.depth || a.order - b.order)
    .slice(0, top)
    .map(({ p }) => p);
}
