/**
 * What the sessions API must answer for the fixture, computed from the fixture's own rows in the
 * simplest way (a scan of the ticks in (ts, seq) order), independently of the SQL under test.
 */
import { formatInstant } from "../../src/util/instants.ts";
import type { Book, Tick } from "./fixture.ts";

export const tickJson = (t: Tick) => ({ timestamp: formatInstant(t.ts), seq: t.seq, price: t.price, volume: t.volume, quote_volume: t.quoteVolume });

export function bookJson(b: Book) {
  const pairs = (prices: readonly (number | null)[], quantities: readonly (number | null)[]) => prices.map((p, i) => [p, quantities[i]]);
  const [bid = null] = b.bidPrices;
  const [ask = null] = b.askPrices;
  const spread = bid === null || ask === null ? null : ask - bid;
  return { timestamp: formatInstant(b.ts), seq: b.seq, bids: pairs(b.bidPrices, b.bidQtys), asks: pairs(b.askPrices, b.askQtys), best_bid: bid, best_ask: ask, spread };
}

export const INTERVAL_SECONDS = { "1m": 60, "5m": 300, "15m": 900, "30m": 1800, "1h": 3600, "4h": 14_400, "1d": 86_400 } as const;

/**
 * Candles straight from ticks in (ts, seq) order: buckets of `seconds` counted from 1970 (which
 * coincide with buckets from 2000-01-01 for every interval here), first/max/min/last price, volume
 * summed over the trades that have one (null when none has), trade count.
 */
export function candlesFromTicks(ticks: readonly Tick[], seconds: number) {
  const candles: { time: number; open: number; high: number; low: number; close: number; volume: number | null; trades: number }[] = [];
  for (const t of ticks) {
    const time = Math.floor(t.ts / 1_000_000 / seconds) * seconds;
    const last = candles[candles.length - 1];
    if (last === undefined || last.time !== time) {
      candles.push({ time, open: t.price, high: t.price, low: t.price, close: t.price, volume: t.volume, trades: 1 });
      continue;
    }
    last.high = Math.max(last.high, t.price);
    last.low = Math.min(last.low, t.price);
    last.close = t.price;
    if (t.volume !== null) last.volume = (last.volume ?? 0) + t.volume;
    last.trades++;
  }
  return candles;
}

/** Indices ⌊k (count − 1) / (points − 1)⌋, k = 0 … points − 1 (all when count ≤ points). */
export function evenIndices(count: number, points: number): number[] {
  if (count <= points) return Array.from({ length: count }, (_, i) => i);
  return Array.from({ length: points }, (_, k) => Math.floor((k * (count - 1)) / (points - 1)));
}
