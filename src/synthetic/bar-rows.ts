/**
 * Synthetic prices as `ohlcv_data` rows: daily (`1d`), raw basis, under the caller's `source` tag so
 * they can be told from real data.
 */
import type { Panel } from "../panel/index.ts";
import type { NewOhlcvBar } from "../schema/index.ts";
import type { Bars } from "./bars.ts";

/** One instrument's bars (./bars.ts) on `dates`, one bar per date. */
export function barRows(ticker: string, region: string, dates: readonly string[], bars: Bars, source: string): NewOhlcvBar[] {
  return dates.map((date, i) => ({
    ticker, region, timeframe: "1d", date,
    open: bars.open[i], high: bars.high[i], low: bars.low[i], close: bars.close[i], volume: bars.volume[i],
    source, priceBasis: "raw",
  }));
}

/** A close panel as close-only bars (volume 0), date by date, not built all at once; a NaN close gives no row. */
export function* closeBars(closes: Panel, region: string, source: string): Generator<NewOhlcvBar> {
  const nTickers = closes.tickers.length;
  for (let d = 0; d < closes.dates.length; d++) {
    for (let t = 0; t < nTickers; t++) {
      const close = closes.values[d * nTickers + t];
      if (close === close) yield { ticker: closes.tickers[t], region, timeframe: "1d", date: closes.dates[d], close, volume: 0, source, priceBasis: "raw" };
    }
  }
}
