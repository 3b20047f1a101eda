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

/** Consecutive calendar days: `days(start, n)`, n of them from `start` (UTC), as YYYY-MM-DD. */
export { calendarDays as days } from "../src/synthetic/calendar.ts";
