/**
 * Test helper: a Market from a table of closes (rows = dates, null = no bar), every other field
 * neutral (open = adjusted close = close, volume 1,000 where there is a bar, no splits, dividends
 * or delistings). Dates are weekdays from 2024-01-01 unless given; labels A, B, C, … unless given.
 */
import type { Market } from "../../../src/backtest/types.ts";
import { weekdaysFrom } from "../../../src/synthetic/index.ts";

export function testMarket(closes: readonly (readonly (number | null)[])[], startRow: number, options: { dates?: readonly string[]; labels?: readonly string[] } = {}): Market {
  const width = closes[0].length;
  const labels = options.labels ?? Array.from({ length: width }, (_, i) => String.fromCharCode(65 + i));
  const close = Float64Array.from(closes.flat(), (c) => c ?? NaN);
  return {
    dates: options.dates ?? weekdaysFrom("2024-01-01", closes.length),
    instruments: labels.map((ticker) => ({ ticker, region: "US" })),
    labels,
    open: close,
    close,
    adjustedClose: close,
    volume: close.map((c) => (c === c ? 1000 : NaN)),
    splitRatio: new Float64Array(close.length).fill(1),
    dividend: new Float64Array(close.length),
    delistRow: new Int32Array(width).fill(-1),
    startRow,
  };
}

/** Rows `from` … `to − 1`. */
export function rowRange(from: number, to: number): Int32Array {
  return Int32Array.from({ length: to - from }, (_, r) => from + r);
}

/** The plan's values as rows of plain numbers (NaN kept), for readable expectations. */
export function planRows(values: Float64Array, width: number): number[][] {
  return Array.from({ length: values.length / width }, (_, d) => Array.from(values.subarray(d * width, (d + 1) * width)));
}
