/** Small hand-made rows shared by storage tests. */
import type { NewOhlcvBar } from "../src/schema/index.ts";

/** A daily bar with OHLC derived from `close` (open = close − 1, high = close + 2, low = close − 2). */
export function bar(ticker: string, region: string, date: string, close: number, extra: Partial<NewOhlcvBar> = {}): NewOhlcvBar {
  return {
    ticker,
    region,
    timeframe: "1d",
    date,
    open: close - 1,
    high: close + 2,
    low: close - 2,
    close,
    volume: 1000,
    source: "test",
    priceBasis: "raw",
    ...extra,
  };
}

/** Consecutive calendar days from `start` (UTC), `n` of them, as YYYY-MM-DD. */
export function days(start: string, n: number): string[] {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => new Date(t0 + i * 86_400_000).toISOString().slice(0, 10));
}
