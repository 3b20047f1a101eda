/**
 * The JSON of the sessions API, shaped like FX_code_AI's REST API (source-systems.md §4) so its
 * front end could point here: snake_case fields, the session fields of its `data_collection_sessions`
 * rows, chart points `{ timestamp, price, volume, symbol }`, candles `{ time, open, high, low, close,
 * volume }` in epoch seconds, order books with `bids`/`asks` as `[price, qty]` pairs.
 *
 * Where this differs from the original, on purpose: instants are ISO 8601 UTC with all six decimals
 * and a `Z` (the original printed naive local times, its time-zone bug); a value the source did not
 * have is null, never 0 (a missing volume, a missing book level, the spread of a one-sided book);
 * candles also carry `trades`. Indicator history keeps the original's envelope
 * `{ type: "response", data, version }` without its wall-clock `timestamp`, so a response depends only on the data.
 */
import type { IndicatorValue } from "../repositories/indicator-values.ts";
import type { StoredCandle, StoredSession, StoredSnapshot, StoredTick, SymbolStatistics } from "../repositories/tick-sessions.ts";
import { formatInstant } from "../util/instants.ts";

const instant = (micros: number | null) => (micros === null ? null : formatInstant(micros));

export function sessionJson(s: StoredSession) {
  return {
    session_id: s.sessionId,
    status: s.status,
    symbols: s.symbols,
    data_types: s.dataTypes,
    start_time: instant(s.startTime),
    end_time: instant(s.endTime),
    duration_seconds: s.durationSeconds,
    records_collected: s.recordsCollected,
    prices_count: s.pricesCount,
    orderbook_count: s.orderbookCount,
    trades_count: s.tradesCount,
    errors_count: s.errorsCount,
    exchange: s.exchange,
    notes: s.notes,
    first_tick_at: instant(s.firstTickAt),
    last_tick_at: instant(s.lastTickAt),
    source_dir: s.sourceDir,
    imported_at: instant(s.importedAt),
    rejected_rows: s.rejectedRows,
    created_at: instant(s.createdAt),
    updated_at: instant(s.updatedAt),
  };
}

/** The original's `get_session_statistics` shape, each symbol with what this store knows of it. */
export function statisticsJson(s: StoredSession, symbols: readonly SymbolStatistics[]) {
  return {
    session_id: s.sessionId,
    status: s.status,
    duration_seconds: s.durationSeconds,
    total_records: s.recordsCollected,
    symbols: symbols.map((x) => ({
      symbol: x.symbol,
      price_records: x.priceRecords,
      orderbook_records: x.orderbookRecords,
      total_records: x.priceRecords + x.orderbookRecords,
      first_tick: instant(x.firstTick),
      last_tick: instant(x.lastTick),
      first_price: x.firstPrice,
      last_price: x.lastPrice,
      min_price: x.minPrice,
      max_price: x.maxPrice,
      total_volume: x.totalVolume,
      first_snapshot: instant(x.firstSnapshot),
      last_snapshot: instant(x.lastSnapshot),
      indicators: x.indicators,
    })),
    created_at: instant(s.createdAt),
    updated_at: instant(s.updatedAt),
  };
}

export function tickJson(t: StoredTick) {
  return { timestamp: formatInstant(t.ts), seq: t.seq, price: t.price, volume: t.volume, quote_volume: t.quoteVolume };
}

/** Levels as `[price, qty]` pairs, best first; a missing level is `[null, null]`. */
function levels(prices: readonly (number | null)[], quantities: readonly (number | null)[]): [number | null, number | null][] {
  return prices.map((price, i) => [price, quantities[i] ?? null]);
}

export function snapshotJson(s: StoredSnapshot) {
  const bestBid = s.bidPrices[0] ?? null;
  const bestAsk = s.askPrices[0] ?? null;
  return {
    timestamp: formatInstant(s.ts),
    seq: s.seq,
    bids: levels(s.bidPrices, s.bidQtys),
    asks: levels(s.askPrices, s.askQtys),
    best_bid: bestBid,
    best_ask: bestAsk,
    spread: bestBid !== null && bestAsk !== null ? bestAsk - bestBid : null,
  };
}

export function chartPointJson(t: StoredTick, symbol: string) {
  return { timestamp: formatInstant(t.ts), price: t.price, volume: t.volume, symbol };
}

export function candleJson(c: StoredCandle) {
  return { time: c.time, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume, trades: c.tradeCount };
}

export function indicatorValueJson(v: IndicatorValue, key: { sessionId: string; symbol: string; indicatorId: string }) {
  return {
    timestamp: v.ts / 1_000_000,
    value: v.value,
    metadata: { session_id: key.sessionId, symbol: key.symbol, indicator_id: key.indicatorId, confidence: v.confidence ?? null, stored: v.metadata ?? null },
  };
}
