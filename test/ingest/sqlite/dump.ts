/**
 * The whole content of the tables a migration writes, for comparing two targets: every row as JSON
 * without its load-time columns (`created_at` where the source had none is the run's start, and
 * surrogate ids), sorted by its text so the order is the same on every engine.
 */
import type { Database } from "../../../src/db/index.ts";

const TABLES: Record<string, string[]> = {
  tickers: ["created_at"],
  stock_details: ["created_at"],
  etf_details: ["created_at"],
  etf_holdings: ["created_at"],
  instrument_info: ["created_at"],
  ticker_fundamentals: ["created_at"],
  ohlcv_data: [],
  dividends: ["created_at"],
  splits: ["created_at"],
  option_quotes: ["created_at"],
  technical_analysis: ["created_at"],
  portfolio_transactions: ["id", "created_at"],
  portfolio_holdings: ["id"],
  market_sentiment: ["created_at"],
  global_market_indices: ["created_at"],
  exchange_rate_history: ["created_at"],
  migration_rejects: ["id", "run_id", "created_at"],
};

/** Every row of `tables` (default: those a SQLite migration writes), each without the columns listed for it. */
export async function dumpTables(database: Database, tables: Record<string, string[]> = TABLES): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [table, dropped] of Object.entries(tables)) {
    const without = dropped.map((c) => ` - '${c}'`).join("");
    const rows = await database.query<{ r: string }>(`SELECT r FROM (SELECT (to_jsonb(t)${without})::text AS r FROM ${table} t) s ORDER BY r COLLATE "C"`);
    out[table] = rows.map((x) => x.r);
  }
  return out;
}

/** A run's stored accounting: per-table counts, inferred instruments, status. */
export async function runRecords(database: Database): Promise<{ status: string; tables: unknown; inferred: number }[]> {
  const rows = await database.query<{ status: string; tables: unknown; inferred_instruments: number }>(
    "SELECT status, tables, inferred_instruments FROM migration_runs ORDER BY id",
  );
  return rows.map((r) => ({ status: r.status, tables: typeof r.tables === "string" ? JSON.parse(r.tables) : r.tables, inferred: r.inferred_instruments }));
}
