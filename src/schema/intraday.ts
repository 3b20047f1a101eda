/**
 * Intraday bars: `ohlcv_intraday`, one row per instrument, timeframe and bar start, and the hourly and
 * daily bars rolled up from its 1-minute bars (continuous aggregates; see migrations/0005).
 *
 * `bar_start` is the instant the bar opens (timestamptz, so no zone is implied); `timeframe` is the bar
 * length in the platform's words, `1m` … `60m` (daily bars stay in `ohlcv_data` with timeframe `1d`).
 * Prices are doubles holding the source's value exactly (kite_app's float32 prices widen losslessly);
 * `volume` and `open_interest` are whole counts, `open_interest` NULL where the source has none
 * (equities). `source` names where the row came from (`kite_app`, …).
 *
 * On TimescaleDB `ohlcv_intraday` is a hypertable; on plain PostgreSQL an ordinary table with the same
 * columns and key, and the aggregates are materialized views refreshed by refresh_intraday_aggregates().
 */
import { bigint, integer, pgMaterializedView, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { float, instant, instrumentKey } from "./columns.ts";

export const INTRADAY_TIMEFRAMES = ["1m", "3m", "5m", "10m", "15m", "30m", "60m"] as const;
export type IntradayTimeframe = (typeof INTRADAY_TIMEFRAMES)[number];

/** A bar's values: prices, volume and open interest, in the table and in its aggregates alike. */
const barValues = () => ({
  open: float("open").notNull(),
  high: float("high").notNull(),
  low: float("low").notNull(),
  close: float("close").notNull(),
  volume: bigint("volume", { mode: "number" }).notNull(),
  openInterest: bigint("open_interest", { mode: "number" }),
});

export const ohlcvIntraday = pgTable(
  "ohlcv_intraday",
  {
    ...instrumentKey(),
    timeframe: text("timeframe").notNull().$type<IntradayTimeframe>(),
    barStart: instant("bar_start").notNull(),
    ...barValues(),
    source: text("source").notNull(),
  },
  // One instrument's bars of one timeframe over a time range is the read (the bar-store API); the
  // key serves it, and the hypertable's time column is part of it as TimescaleDB requires.
  (t) => [primaryKey({ columns: [t.ticker, t.region, t.timeframe, t.barStart] })],
);

/** Hourly and daily bars built from 1-minute bars; `bar_start` is the bucket's start. */
const intradayAggregateColumns = () => ({
  ...instrumentKey(),
  barStart: instant("bar_start").notNull(),
  ...barValues(),
  barCount: integer("bar_count").notNull(),
});

// Declared `.existing()` so drizzle-kit leaves them to the custom part of the migration that builds them.
export const ohlcvIntradayHourly = pgMaterializedView("ohlcv_intraday_hourly", intradayAggregateColumns()).existing();
export const ohlcvIntradayDaily = pgMaterializedView("ohlcv_intraday_daily", intradayAggregateColumns()).existing();
