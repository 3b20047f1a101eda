/**
 * A small session for replay and tick-backtest tests, with ties at every level: X_USDT and Y_USDT
 * trade and quote at shared instants, so the order ts → symbol → kind → seq decides.
 *
 *   10:00:00  X trade 1 @100 (vol 10)   Y book 1
 *   10:00:01  X trade 2 @101 (vol 5)    X book 1    Y trade 1 @50 (vol 1)
 *   10:00:02  X trade 3 @102 (no volume)
 *   10:00:03  X trade 4 @103 (vol 20)   Y trade 2 @51 (vol 1)
 *   10:00:04  X trade 5 @104 (vol 2)
 */
import type { Database } from "../../src/db/index.ts";
import { tickOrderbook, tickPrices, tickSessions } from "../../src/schema/index.ts";

export const TINY = "exec_20251009_100000_bac4e575";
const at = (second: number) => new Date(Date.UTC(2025, 9, 9, 10, 0, second));
export const T0 = Date.UTC(2025, 9, 9, 10, 0, 0) * 1000;

const trade = (symbol: string, second: number, seq: number, price: number, volume: number | null) =>
  ({ sessionId: TINY, symbol, ts: at(second), seq, price, volume, quoteVolume: volume === null ? null : price * volume });

export const TINY_TRADES = [
  trade("X_USDT", 0, 1, 100, 10),
  trade("X_USDT", 1, 2, 101, 5),
  trade("X_USDT", 2, 3, 102, null),
  trade("X_USDT", 3, 4, 103, 20),
  trade("X_USDT", 4, 5, 104, 2),
  trade("Y_USDT", 1, 1, 50, 1),
  trade("Y_USDT", 3, 2, 51, 1),
];

export const TINY_BOOKS = [
  { sessionId: TINY, symbol: "X_USDT", ts: at(1), seq: 1, bidPrices: [100.5, null, 100.3], bidQtys: [1, null, 3], askPrices: [101.5], askQtys: [2] },
  { sessionId: TINY, symbol: "Y_USDT", ts: at(0), seq: 1, bidPrices: [49.5], bidQtys: [4], askPrices: [], askQtys: [] },
];

export async function seedTinySession(db: Database): Promise<void> {
  await db.copyRows(tickSessions, [{
    sessionId: TINY, status: "completed", symbols: ["X_USDT", "Y_USDT"], dataTypes: ["prices", "orderbook"], recordsCollected: 9,
    pricesCount: 7, orderbookCount: 2, tradesCount: 7, errorsCount: 0, exchange: "mexc", rejectedRows: 0,
  }]);
  await db.copyRows(tickPrices, TINY_TRADES);
  await db.copyRows(tickOrderbook, TINY_BOOKS);
}
