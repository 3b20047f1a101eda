/**
 * A hand-made tick session for the session-indicator tests (library, script and API), written
 * straight into a test database with its 1-minute candles refreshed, as an import leaves them:
 * - X_USDT: the trades and books of ticks.ts (all within the first 6 seconds after T0);
 * - Y_USDT: trades in four minutes whose 1-minute closes are 12, 11, 14, 13 (one 5-minute candle);
 * - Z_USDT: a symbol of the session with no trades or books.
 * HAND_SERIES are the values worked out by hand in tick-window.test.ts, at their instants.
 */
import type { Database } from "../../src/db/index.ts";
import type { IndicatorSeries } from "../../src/indicators/index.ts";
import { refreshTickCandles } from "../../src/repositories/tick-candles.ts";
import { tickOrderbook, tickPrices, tickSessions } from "../../src/schema/index.ts";
import { formatInstant } from "../../src/util/instants.ts";
import { at, BOOKS, TRADES } from "./ticks.ts";

export const HAND = "exec_20251009_100000_0000beef";

/** The ISO instant `seconds` after T0. */
export const iso = (seconds: number): string => formatInstant(at(seconds));

const Y_TRADES: [seconds: number, price: number][] = [[0, 10], [30, 12], [60, 11], [150, 14], [200, 13]];

const levels = (values: Float64Array, i: number, depth: number) => {
  const out: (number | null)[] = Array.from(values.subarray(i * depth, (i + 1) * depth), (v) => (Number.isNaN(v) ? null : v));
  while (out.length > 0 && out[out.length - 1] === null) out.pop();
  return out;
};

export async function seedHandSession(db: Database): Promise<void> {
  await db.copyRows(tickSessions, [{
    sessionId: HAND, status: "completed", symbols: ["X_USDT", "Y_USDT", "Z_USDT"], dataTypes: ["prices", "orderbook"], recordsCollected: 15,
    pricesCount: 10, orderbookCount: 5, tradesCount: 10, errorsCount: 0, exchange: "mexc", rejectedRows: 0,
  }]);
  const date = (micros: number) => new Date(micros / 1000);
  await db.copyRows(tickPrices, [
    ...Array.from(TRADES.ts, (ts, i) => {
      const volume = Number.isNaN(TRADES.volume[i]) ? null : TRADES.volume[i];
      return { sessionId: HAND, symbol: "X_USDT", ts: date(ts), seq: i + 1, price: TRADES.price[i], volume, quoteVolume: volume === null ? null : volume * TRADES.price[i] };
    }),
    ...Y_TRADES.map(([s, price], i) => ({ sessionId: HAND, symbol: "Y_USDT", ts: date(at(s)), seq: i + 1, price, volume: 1, quoteVolume: price })),
  ]);
  const { depth } = BOOKS;
  await db.copyRows(
    tickOrderbook,
    Array.from(BOOKS.ts, (ts, i) => ({
      sessionId: HAND, symbol: "X_USDT", ts: date(ts), seq: i + 1,
      bidPrices: levels(BOOKS.bidPrices, i, depth), bidQtys: levels(BOOKS.bidQtys, i, depth),
      askPrices: levels(BOOKS.askPrices, i, depth), askQtys: levels(BOOKS.askQtys, i, depth),
    })),
  );
  await refreshTickCandles(db, { from: null, to: null });
}

/** X_USDT's tick-window values on the 1 s grid over its trades (0 … 6 s) and books (1 … 6 s). */
export const HAND_TICK_SERIES: IndicatorSeries = {
  "twpa(4,0).value": [[iso(4), 102], [iso(5), 103], [iso(6), 103.25]],
  "volume_surge_ratio(2,0,6,2).value": [[iso(2), 4], [iso(3), 4], [iso(6), 0.5]],
  "bid_ask_imbalance(0).value": [[iso(1), 50], [iso(2), 50], [iso(3), -50], [iso(6), 0]],
  "spread_pct(0).value": [[iso(1), 2], [iso(2), 2], [iso(3), 1], [iso(6), 0]],
};
export const HAND_TICK_SPECS = "twpa(4,0),volume_surge_ratio(2,0,6,2),bid_ask_imbalance(0),spread_pct";

/**
 * Y_USDT's 1-minute candles closing 12, 11, 14, 13: SMA(2) and momentum(1) from the second one, dated
 * by the candle's end (its close is known then, not at its start).
 */
export const HAND_BAR_SERIES: IndicatorSeries = {
  "sma(2).value": [[iso(120), 11.5], [iso(180), 12.5], [iso(240), 13.5]],
  "momentum(1).value": [[iso(120), -1], [iso(180), 3], [iso(240), -1]],
};
