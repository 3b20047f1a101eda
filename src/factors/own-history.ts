/**
 * Each instrument's own daily bar history, extracted once from a close panel and shared by all
 * price factors and by forward returns.
 *
 * Convention (the point of this module): an instrument's history is its own bars, i.e. the cells of
 * its column whose close is finite and > 0, in date order. "k bars before t" counts those bars only,
 * so a ticker with a missing day shifts nobody else, and a hole in one ticker is bridged (its return
 * across a hole spans the gap). A price factor has a value on date t only if the instrument has a bar
 * on t: no bar, no value (never carried forward). Non-positive closes are bad data and treated as holes.
 *
 * Layout: ticker-major flat arrays, so a window of one ticker's bars is a contiguous slice.
 * Point-in-time: bar k of a ticker uses only bars 0..k of that ticker; nothing here looks ahead except
 * `forwardReturns`, which says so.
 *
 * The history is cached per close panel object (panels are treated as immutable), so computing
 * several factors on the same closes builds it once.
 */
import { nanPanel, type Panel, resolveRows } from "../panel/index.ts";

export interface OwnHistory {
  readonly closes: Panel;
  /** `start[t]..start[t+1]` are ticker t's bars in `close` and `ret`; length tickers + 1. */
  readonly start: Int32Array;
  /** Own-bar closes, ticker-major. */
  readonly close: Float64Array;
  /** Simple return from the previous own bar; NaN on each ticker's first bar. */
  readonly ret: Float64Array;
  /** Own-bar index of every panel cell (row-major like the panel), −1 where the ticker has no bar. */
  readonly barIndex: Int32Array;
}

const cache = new WeakMap<Panel, OwnHistory>();

export function ownHistory(closes: Panel): OwnHistory {
  let history = cache.get(closes);
  if (history === undefined) {
    history = buildOwnHistory(closes);
    cache.set(closes, history);
  }
  return history;
}

function buildOwnHistory(closes: Panel): OwnHistory {
  const nDates = closes.dates.length;
  const nTickers = closes.tickers.length;
  const values = closes.values;
  if (values.length !== nDates * nTickers) {
    throw new Error(`close panel holds ${values.length} cells, expected ${nDates} dates × ${nTickers} tickers`);
  }
  // Pass 1 (row-major, contiguous): own-bar index of each cell and bar counts per ticker.
  const barIndex = new Int32Array(values.length);
  const count = new Int32Array(nTickers);
  for (let d = 0, cell = 0; d < nDates; d++) {
    for (let t = 0; t < nTickers; t++, cell++) {
      const c = values[cell];
      barIndex[cell] = c > 0 && c < Infinity ? count[t]++ : -1;
    }
  }
  const start = new Int32Array(nTickers + 1);
  for (let t = 0; t < nTickers; t++) start[t + 1] = start[t] + count[t];
  // Pass 2: scatter closes into ticker-major order.
  const close = new Float64Array(start[nTickers]);
  for (let d = 0, cell = 0; d < nDates; d++) {
    for (let t = 0; t < nTickers; t++, cell++) {
      const k = barIndex[cell];
      if (k >= 0) close[start[t] + k] = values[cell];
    }
  }
  const ret = new Float64Array(close.length);
  for (let t = 0; t < nTickers; t++) {
    const first = start[t];
    if (first < start[t + 1]) ret[first] = NaN;
    for (let i = first + 1; i < start[t + 1]; i++) ret[i] = close[i] / close[i - 1] - 1;
  }
  return { closes, start, close, ret, barIndex };
}

/**
 * A panel on the rows `at` (default: every row) whose cell for ticker t is `value(history, i, k, t)`
 * where the ticker has a bar on that date (i: its position in `history.close`, k: its own-bar index),
 * and NaN where it has none. The one walk shared by the price factors and forward returns.
 */
export function mapOwnBars(
  closes: Panel,
  at: readonly number[] | undefined,
  value: (history: OwnHistory, i: number, k: number, t: number) => number,
): Panel {
  const rows = resolveRows(closes, at);
  const history = ownHistory(closes);
  const nTickers = closes.tickers.length;
  const out = nanPanel(
    rows.map((d) => closes.dates[d]),
    closes.tickers,
  );
  for (let r = 0; r < rows.length; r++) {
    const cellBase = rows[r] * nTickers;
    const outBase = r * nTickers;
    for (let t = 0; t < nTickers; t++) {
      const k = history.barIndex[cellBase + t];
      if (k >= 0) out.values[outBase + t] = value(history, history.start[t] + k, k, t);
    }
  }
  return out;
}
