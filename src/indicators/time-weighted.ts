/**
 * The time-weighted mean of a step series over a sliding window: TWPA over trade prices, the
 * bid-ask imbalance and the spread over book snapshots (conventions: tick-columns.ts).
 *
 * Row i's value holds from ts_i until the next row's time. For a grid time g the window is
 * [a, b] = [g − startAgo, g − endAgo] (microseconds) and
 *   mean = (1 / (b − a)) ∫_a^b v(s) ds
 *        = ( v_ia (ts_{ia+1} − a) + Σ_{ia<j<ib} v_j (ts_{j+1} − ts_j) + v_ib (b − ts_ib) ) / (b − a)
 * with ia, ib the last rows at or before a and b; when ia = ib (no row inside the window) it is v_ia
 * itself, and so is a window of length 0 (the value holding at g − endAgo).
 * No value until a row holds at a (ia exists). A NaN value holding at any instant of [a, b] (the
 * ends included: the row at or before b holds at b) makes the mean NaN. Rows sharing a time hold for
 * no instant but the last of them, which holds from that time on.
 *
 * Exact: the products are summed exactly (exact-sum.ts) and rounded once, then divided by b − a, so a
 * value depends on its window alone. The full segments are a sliding exact sum (each added and
 * taken away once over the grid), so a grid of G times over n rows costs O(n + G).
 */
import { ExactSum } from "./exact-sum.ts";
import { emptyLine } from "./line.ts";
import { TimeCursor } from "./time-cursor.ts";

export function timeWeightedMeans(ts: Float64Array, values: Float64Array, grid: Float64Array, startAgo: number, endAgo: number): Float64Array {
  const out = emptyLine(grid.length);
  const span = startAgo - endAgo;
  const starts = new TimeCursor(ts);
  const ends = new TimeCursor(ts);
  const full = new ExactSum();
  let fullNaNs = 0;
  // Segments j in [lo, hi) are in `full`; segment j is v_j over [ts_j, ts_{j+1}).
  let lo = 0;
  let hi = 0;
  const segment = (j: number, sign: 1 | -1) => {
    const duration = ts[j + 1] - ts[j];
    if (duration === 0) return;
    if (Number.isNaN(values[j])) fullNaNs += sign;
    else full.addProduct(sign * values[j], duration);
  };
  for (let k = 0; k < grid.length; k++) {
    const a = grid[k] - startAgo;
    const b = grid[k] - endAgo;
    const ia = starts.upTo(a) - 1;
    const ib = ends.upTo(b) - 1;
    if (ia < 0) continue;
    if (ib === ia) {
      out[k] = values[ia];
      continue;
    }
    // ib > ia: the full segments are ia < j < ib. Extending first keeps lo ≤ hi.
    while (hi < ib) segment(hi++, 1);
    while (lo <= ia) if (lo++ < hi) segment(lo - 1, -1);
    if (fullNaNs > 0 || Number.isNaN(values[ia]) || Number.isNaN(values[ib])) continue;
    const head = ts[ia + 1] - a;
    const tail = b - ts[ib];
    full.addProduct(values[ia], head);
    full.addProduct(values[ib], tail);
    out[k] = full.value() / span;
    full.addProduct(-values[ia], head);
    full.addProduct(-values[ib], tail);
  }
  return out;
}
