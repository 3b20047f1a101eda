/**
 * Tick-data sessions (FX_code_AI's data collection, migrations/0006): the sessions, their price ticks
 * and order-book snapshots, the files each import read, indicator values, and 1-minute candles.
 *
 * - `tick_sessions`: one row per session, the original's `data_collection_sessions` fields (its soft
 *   delete `is_deleted` left out: a session is deleted with its rows) plus import provenance
 *   (`source_dir`, `source_metadata`, `import_run_id`, `imported_at`) and the first and last tick.
 * - `tick_prices`: one row per trade. `seq` is the trade's line number in its source file, so two
 *   trades with the same timestamp are both kept (the original de-duplicated on the timestamp and
 *   lost one). `volume` and `quote_volume` are NULL where the source wrote `0` for missing.
 * - `tick_orderbook`: one row per snapshot; each side's levels best first as parallel arrays of prices
 *   and quantities, so any depth fits (the source files have 3 per side). A missing level (`0,0`) is a
 *   NULL element, and missing levels at the end are left off. Best bid, best ask and spread are the
 *   first elements and their difference, computed on read as the original did.
 * - `tick_session_files`: what an import read per session and file (path relative to the session
 *   folder, size, modification time, SHA-256, accounting), so a re-run skips unchanged files.
 * - `indicator_values`: values per `(series, symbol, indicator_id, ts)`. `series` is a session id for
 *   tick sessions, or `bars/<REGION>/<timeframe>` for stored bars (symbol = the ticker); session ids
 *   never contain `/`, so the two cannot meet. `value` is NULL where the source had none.
 * - `tick_candles_1m`: 1-minute candles from `tick_prices` (first, max, min, last price by `(ts, seq)`,
 *   summed volume, trade count); a continuous aggregate on TimescaleDB, a materialized view refreshed
 *   by refresh_tick_candles() on plain PostgreSQL.
 *
 * Times are timestamptz at PostgreSQL's microsecond precision; prices and quantities doubles.
 */
import { bigint, doublePrecision, integer, jsonb, pgMaterializedView, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAt, float, instant } from "./columns.ts";

export const TICK_SESSION_STATUSES = ["active", "completed", "failed", "stopped"] as const;
export type TickSessionStatus = (typeof TICK_SESSION_STATUSES)[number];

export const TICK_DATA_TYPES = ["prices", "orderbook", "indicators"] as const;
export type TickDataType = (typeof TICK_DATA_TYPES)[number];

export const TICK_FILE_KINDS = ["prices", "orderbook", "indicator"] as const;
export type TickFileKind = (typeof TICK_FILE_KINDS)[number];

export const tickSessions = pgTable("tick_sessions", {
  sessionId: text("session_id").primaryKey(),
  status: text("status").notNull().$type<TickSessionStatus>(),
  /** Symbols with at least one data file, in name order. */
  symbols: text("symbols").array().notNull().$type<string[]>(),
  dataTypes: text("data_types").array().notNull().$type<TickDataType[]>(),
  /** From session_metadata.json when it states them, else the first and last tick. */
  startTime: instant("start_time"),
  endTime: instant("end_time"),
  durationSeconds: float("duration_seconds"),
  /** prices + order-book snapshots stored. */
  recordsCollected: bigint("records_collected", { mode: "number" }).notNull(),
  pricesCount: bigint("prices_count", { mode: "number" }).notNull(),
  orderbookCount: bigint("orderbook_count", { mode: "number" }).notNull(),
  /** One price row is one trade: equal to prices_count. */
  tradesCount: bigint("trades_count", { mode: "number" }).notNull(),
  errorsCount: integer("errors_count").notNull(),
  exchange: text("exchange").notNull(),
  notes: text("notes"),
  firstTickAt: instant("first_tick_at"),
  lastTickAt: instant("last_tick_at"),
  /** The session folder imported (absolute). */
  sourceDir: text("source_dir"),
  /** session_metadata.json as read, when the folder has one. */
  sourceMetadata: jsonb("source_metadata").$type<Record<string, unknown>>(),
  /** The `migration_runs` run that last imported files of the session. */
  importRunId: bigint("import_run_id", { mode: "number" }),
  importedAt: instant("imported_at"),
  /** Source rows rejected over the session's imported files. */
  rejectedRows: bigint("rejected_rows", { mode: "number" }).notNull(),
  createdAt: createdAt(),
  updatedAt: instant("updated_at").notNull().defaultNow(),
});

const tickKey = () => ({
  sessionId: text("session_id").notNull(),
  symbol: text("symbol").notNull(),
  ts: instant("ts").notNull(),
  /** Line number in the source file: the tie-break between rows with the same timestamp. */
  seq: integer("seq").notNull(),
});

export const tickPrices = pgTable(
  "tick_prices",
  {
    ...tickKey(),
    price: float("price").notNull(),
    volume: float("volume"),
    quoteVolume: float("quote_volume"),
  },
  // One session's symbol over a time range, in (ts, seq) order, is every read (API pages, replay,
  // candles); the hypertable's time column is in the key as TimescaleDB requires.
  (t) => [primaryKey({ columns: [t.sessionId, t.symbol, t.ts, t.seq] })],
);

export const tickOrderbook = pgTable(
  "tick_orderbook",
  {
    ...tickKey(),
    bidPrices: doublePrecision("bid_prices").array().notNull().$type<(number | null)[]>(),
    bidQtys: doublePrecision("bid_qtys").array().notNull().$type<(number | null)[]>(),
    askPrices: doublePrecision("ask_prices").array().notNull().$type<(number | null)[]>(),
    askQtys: doublePrecision("ask_qtys").array().notNull().$type<(number | null)[]>(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.symbol, t.ts, t.seq] })],
);

export const tickSessionFiles = pgTable(
  "tick_session_files",
  {
    sessionId: text("session_id")
      .notNull()
      .references(() => tickSessions.sessionId, { onDelete: "cascade" }),
    /** Relative to the session folder: `BTC_USDT/prices.csv`, `BTC_USDT/indicators/twpa_1.csv`. */
    path: text("path").notNull(),
    symbol: text("symbol").notNull(),
    kind: text("kind").notNull().$type<TickFileKind>(),
    /** Indicator files: the file name without `.csv`. */
    indicatorId: text("indicator_id"),
    size: bigint("size", { mode: "number" }).notNull(),
    /** The file's modification time as the import saw it (fs.Stats.mtimeMs). */
    mtimeMs: float("mtime_ms").notNull(),
    sha256: text("sha256").notNull(),
    source: bigint("source", { mode: "number" }).notNull(),
    loaded: bigint("loaded", { mode: "number" }).notNull(),
    merged: bigint("merged", { mode: "number" }).notNull(),
    rejected: bigint("rejected", { mode: "number" }).notNull(),
    runId: bigint("run_id", { mode: "number" }).notNull(),
    importedAt: instant("imported_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.path] })],
);

export const indicatorValues = pgTable(
  "indicator_values",
  {
    series: text("series").notNull(),
    symbol: text("symbol").notNull(),
    indicatorId: text("indicator_id").notNull(),
    ts: instant("ts").notNull(),
    value: float("value"),
    confidence: float("confidence"),
    metadata: jsonb("metadata").$type<unknown>(),
  },
  (t) => [primaryKey({ columns: [t.series, t.symbol, t.indicatorId, t.ts] })],
);

// Declared `.existing()` so drizzle-kit leaves it to the custom part of the migration that builds it.
export const tickCandles1m = pgMaterializedView("tick_candles_1m", {
  sessionId: text("session_id").notNull(),
  symbol: text("symbol").notNull(),
  barStart: instant("bar_start").notNull(),
  open: float("open").notNull(),
  high: float("high").notNull(),
  low: float("low").notNull(),
  close: float("close").notNull(),
  volume: float("volume"),
  tradeCount: integer("trade_count").notNull(),
}).existing();
