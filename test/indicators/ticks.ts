/**
 * Hand-made trades and order books for the tick-window tests, times in seconds after T0 (a whole
 * second, so a 1 s grid lands on them):
 *
 *   trades   t=0 @100 (vol 1)   t=2 @102 (vol 3)   t=2 @104 (vol 5, later in the file: it holds)
 *            t=5 @101 (no volume)                   t=6 @110 (vol 2)
 *   books    t=1 bids 99×1, 98×2 / asks 101×1            imbalance 50, spread 2 %
 *            t=3 bids 1×100 / asks 2×100                  (superseded at once by the next row)
 *            t=3 bids 99.5×1 / asks 100.5×3               imbalance −50, spread 1 %
 *            t=4 an empty book                            no imbalance, no spread
 *            t=6 bids 100×2 / asks 100×2                  imbalance 0, spread 0 % (a locked book)
 */
import type { BookColumns, TradeColumns } from "../../src/indicators/index.ts";
import { timeGrid } from "../../src/indicators/index.ts";

export const T0 = Date.UTC(2025, 9, 9, 10) * 1000;
export const at = (seconds: number): number => T0 + seconds * 1_000_000;

export function tradeColumns(rows: readonly [seconds: number, price: number, volume: number | null][]): TradeColumns {
  return {
    ts: Float64Array.from(rows, ([s]) => at(s)),
    price: Float64Array.from(rows, ([, p]) => p),
    volume: Float64Array.from(rows, ([, , v]) => v ?? NaN),
  };
}

type Level = [price: number, qty: number];

export function bookColumns(rows: readonly [seconds: number, bids: Level[], asks: Level[]][], depth = 3): BookColumns {
  const side = (pick: (row: (typeof rows)[number]) => Level[], field: 0 | 1) => {
    const out = new Float64Array(rows.length * depth).fill(NaN);
    rows.forEach((row, i) => pick(row).forEach((level, k) => (out[i * depth + k] = level[field])));
    return out;
  };
  return {
    ts: Float64Array.from(rows, ([s]) => at(s)),
    depth,
    bidPrices: side((r) => r[1], 0),
    bidQtys: side((r) => r[1], 1),
    askPrices: side((r) => r[2], 0),
    askQtys: side((r) => r[2], 1),
  };
}

export const TRADES = tradeColumns([
  [0, 100, 1],
  [2, 102, 3],
  [2, 104, 5],
  [5, 101, null],
  [6, 110, 2],
]);

export const BOOKS = bookColumns([
  [1, [[99, 1], [98, 2]], [[101, 1]]],
  [3, [[1, 100]], [[2, 100]]],
  [3, [[99.5, 1]], [[100.5, 3]]],
  [4, [], []],
  [6, [[100, 2]], [[100, 2]]],
]);

/** Grid times from `from` to `to` seconds after T0, every `every` seconds. */
export const gridOf = (from: number, to: number, every = 1): Float64Array => timeGrid(at(from), at(to), every * 1_000_000);
