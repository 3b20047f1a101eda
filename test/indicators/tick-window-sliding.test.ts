/**
 * The tick-window kernels slide their windows (each row enters and leaves once); here they are checked
 * against the formulas computed directly for every grid time, over a seeded random session with ties,
 * gaps, missing volumes and empty books, on a grid that does not line up with the rows.
 */
import { describe, expect, it } from "vitest";
import { bidAskImbalance, ExactSum, twpa, volumeSurgeRatio, type TradeColumns } from "../../src/indicators/index.ts";
import { mulberry32 } from "../../src/synthetic/random.ts";
import { values } from "./series.ts";
import { bookColumns, gridOf, tradeColumns } from "./ticks.ts";

const uniform = mulberry32(20251009);
/** 2,000 trades over ~10 minutes: times in ms, a third of them sharing the previous time; prices in quarters, so time × price is exact. */
const rows: [number, number, number | null][] = [];
for (let i = 0, t = 0; i < 2_000; i++) {
  if (uniform() > 0.33) t += Math.floor(uniform() * 600) / 1000 + (uniform() < 0.01 ? 20 : 0);
  rows.push([t, 100 + Math.floor(uniform() * 40) / 4, uniform() < 0.1 ? null : Math.floor(uniform() * 10)]);
}
const trades = tradeColumns(rows);
const end = rows[rows.length - 1][0];
const grid = gridOf(0, end + 5, 0.7);

/** The last row at or before x (−1 when none). */
function lastAtOrBefore(ts: Float64Array, x: number): number {
  let i = -1;
  while (i + 1 < ts.length && ts[i + 1] <= x) i++;
  return i;
}

/** (1 / (b − a)) ∫ v over [a, b], summed segment by segment. */
function directMean(ts: Float64Array, v: Float64Array, a: number, b: number): number {
  const first = lastAtOrBefore(ts, a);
  if (first < 0) return NaN;
  if (a === b) return v[first];
  const sum = new ExactSum();
  let sawNaN = false;
  for (let i = first; i < ts.length && ts[i] <= b; i++) {
    const from = Math.max(ts[i], a);
    const to = Math.min(i + 1 < ts.length ? ts[i + 1] : Infinity, b);
    if (to > from || (ts[i] <= b && (i + 1 === ts.length || ts[i + 1] > b))) {
      if (Number.isNaN(v[i])) sawNaN = true;
      else sum.addProduct(v[i], to - from);
    }
  }
  if (sawNaN) return NaN;
  const ib = lastAtOrBefore(ts, b);
  return ib === first ? v[first] : sum.value() / (b - a);
}

function directSurge({ ts, volume }: TradeColumns, g: number, t1: number, t2: number, t3: number, t4: number): number {
  const within = (from: number, to: number) => Array.from(ts.keys()).filter((i) => ts[i] > g - from * 1e6 && ts[i] <= g - to * 1e6 && !Number.isNaN(volume[i])).map((i) => volume[i]);
  const current = within(t1, t2);
  const baseline = within(t3, t4).sort((x, y) => x - y);
  const n = baseline.length;
  const median = n === 0 ? NaN : n % 2 === 1 ? baseline[(n - 1) / 2] : (baseline[n / 2 - 1] + baseline[n / 2]) / 2;
  const mean = current.reduce((s, x) => s + x, 0) / current.length;
  return current.length > 0 && median > 0 ? mean / median : NaN;
}

describe("sliding windows equal the direct computation at every grid time", () => {
  it("TWPA", () => {
    for (const [t1, t2] of [[30, 0], [60, 15], [1.5, 0.5]]) {
      const expected = Array.from(grid, (g) => directMean(trades.ts, trades.price, g - t1 * 1e6, g - t2 * 1e6));
      expect(values(twpa(trades, grid, t1, t2)), `twpa(${t1},${t2})`).toEqual(expected);
      expect(expected.filter(Number.isFinite).length).toBeGreaterThan(500);
    }
  });

  it("volume surge ratio", () => {
    const expected = Array.from(grid, (g) => directSurge(trades, g, 10, 0, 120, 10));
    expect(values(volumeSurgeRatio(trades, grid, 10, 0, 120, 10))).toEqual(expected);
    expect(expected.filter(Number.isFinite).length).toBeGreaterThan(500);
  });

  it("bid-ask imbalance over books with empty ones", () => {
    const books = bookColumns(
      rows.filter((_, i) => i % 4 === 0).map(([t], k) => [t, k % 37 === 0 ? [] : [[99, 1 + (k % 5)], [98, 2]], k % 37 === 0 ? [] : [[101, 1 + (k % 3)]]]),
    );
    const qty = (q: Float64Array, i: number) => [0, 1, 2].reduce((s, k) => s + (Number.isNaN(q[i * 3 + k]) ? 0 : q[i * 3 + k]), 0);
    const perBook = Float64Array.from(books.ts, (_, i) => {
      const [bid, ask] = [qty(books.bidQtys, i), qty(books.askQtys, i)];
      return bid + ask === 0 ? NaN : ((bid - ask) / (bid + ask)) * 100;
    });
    const expected = Array.from(grid, (g) => directMean(books.ts, perBook, g - 20e6, g));
    expect(values(bidAskImbalance(books, grid, 20))).toEqual(expected);
    expect(expected.filter(Number.isFinite).length).toBeGreaterThan(200);
    expect(expected.filter(Number.isNaN).length).toBeGreaterThan(50);
  });
});
