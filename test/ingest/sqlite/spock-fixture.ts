/**
 * A hand-made Spock file small enough to state every expected outcome: each row below is there for one
 * transformation or one reason to reject (see the comments), and spock-transforms.test.ts checks
 * the exact result of loading it.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { SPOCK_DDL } from "../../../src/synthetic/spock-ddl.ts";

type Row = Record<string, unknown>;

function insert(db: Sqlite.Database, table: string, rows: Row[]): void {
  for (const row of rows) {
    const columns = Object.keys(row);
    db.prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`).run(Object.values(row));
  }
}

const LOCAL = "2025-10-14T17:55:51.282939";
const bar = (ticker: string, timeframe: string, date: string, region: string | null, close: unknown, extra: Row = {}): Row => ({
  ticker, timeframe, date, region, open: 100, high: 110, low: 90, close, volume: 1000, created_at: LOCAL, ...extra,
});

/** Writes `dir/spock_local.db` (creating `dir`) and returns its path. */
export function writeSpockFixture(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "spock_local.db");
  const db = new Sqlite(path);
  db.exec(SPOCK_DDL);
  insert(db, "tickers", [
    { ticker: "005930", name: "삼성전자", name_eng: "", exchange: "KOSPI", region: "KR", currency: "KRW", asset_type: "STOCK", listing_date: "19750611", lot_size: 1, is_active: 1, created_at: LOCAL, last_updated: "2025-10-14 08:55:51" },
    { ticker: "0000D0", name: "KODEX 2X", exchange: "KOSPI", region: "KR", currency: "KRW", asset_type: "ETF", listing_date: "2024-01-02 00:00:00", is_active: null, created_at: LOCAL, last_updated: "2025-10-14 08:55:51" },
    { ticker: "BRK.B", name: "Berkshire Hathaway B", exchange: "NYSE", region: "US", currency: "USD", asset_type: "STOCK", is_active: 0, created_at: LOCAL, last_updated: "2025-10-14 08:55:51" },
    { ticker: "000660", name: "SK하이닉스", exchange: "KOSPI", region: "KR", currency: "KRW", asset_type: "STOCK", created_at: LOCAL, last_updated: "2025-10-14 08:55:51" },
  ]);
  insert(db, "ohlcv_data", [
    /* 1 */ bar("005930", "D", "2024-01-02", "KR", 105, { ma5: null, rsi_14: 100.00000000000001, atr_14: null, atr: 2.5, volume_ratio: 0.75 }),
    /* 2 */ bar("005930", "D", "2024-01-03", null, 109), // legacy: duplicates row 3, which has the region and wins
    /* 3 */ bar("005930", "D", "2024-01-03", "KR", 106),
    /* 4 */ bar("005930", "D", "2024-01-04", null, 107), // legacy pair: the first one wins
    /* 5 */ bar("005930", "D", "2024-01-04", null, 108),
    /* 6 */ bar("000660", "D", "2024-01-02", "CN", 50, { open: 50, high: 51, low: 49 }), // the Chinese 000660: no master row → inferred
    /* 7 */ bar("000660", "D", "2024-01-02", null, 60, { open: 60, high: 61, low: 59 }), // legacy: the master says KR
    /* 8 */ bar("600000", "W", "2024-01-05", "CN", 10, { open: 10, high: 11, low: 9 }), // weekly, inferred
    /* 9 */ bar("0000D0", "M", "2024-01-31", "KR", 100), // monthly
    /* 10 */ bar("00088K", "daily", "2024-01-02", "KR", 115, { volume: 0 }), // inferred, zero volume, close 4.5% above high
    /* 11 */ bar("005930", "D", "2024-02-30", "KR", 100),
    /* 12 */ bar("005930", "D", "2024-01-05", "KR", "abc"),
    /* 13 */ bar("005930", "D", "2024-01-08", "KR", 100, { volume: -1 }),
    /* 14 */ bar("999999", "D", "2024-01-02", null, 100),
    /* 15 */ bar("005930", "D", "2024-01-09", "KR", 100, { high: Infinity }),
  ]);
  insert(db, "stock_details", [
    { ticker: "005930", sector: "", industry: "Semiconductors", is_spac: 0, is_preferred: 0, par_value: 100, region: null, created_at: LOCAL },
    { ticker: "600000", sector: "Banks", is_spac: 0, region: null, created_at: "2025-10-14 08:55:51" }, // no master row: priced in CN only
    { ticker: "999998", sector: "Unknown", region: null },
  ]);
  insert(db, "etf_details", [
    { ticker: "0000D0", issuer: "삼성자산운용", inception_date: "20200101", tracking_index: "KOSPI 200", expense_ratio: 0.64, leverage_ratio: "2배", currency_hedged: 1, pension_eligible: 0 },
  ]);
  insert(db, "etf_holdings", [
    { etf_ticker: "0000D0", stock_ticker: "005930", weight: 5.5, shares: 100, as_of_date: "2024-01-31" },
    { etf_ticker: "777777", stock_ticker: "005930", weight: 1, as_of_date: "2024-01-31" },
  ]);
  insert(db, "ticker_fundamentals", [
    { ticker: "005930", date: "2024-01-02", period_type: "DAILY", fiscal_year: null, per: 12.5, market_cap: 4e14 },
    { ticker: "005930", date: "2024-01-02", period_type: "DAILY", fiscal_year: null, per: 12.75, market_cap: 4.1e14 }, // NULL fiscal_year repeat → merged, later wins
    { ticker: "005930", date: "2024-03-29", period_type: "ANNUAL", fiscal_year: 2023, revenue: 2.589e14, net_income: 1.5487e13 },
  ]);
  insert(db, "technical_analysis", [
    { ticker: "005930", analysis_date: "2024-01-05", stage: 2, signal: "BUY", gpt_pattern: "", total_score: 81.5 },
    { ticker: "005930", analysis_date: "2024-01-12", stage: 2, gpt_analysis: "cut\u0000off" }, // PostgreSQL text cannot hold NUL
  ]);
  insert(db, "trades", [
    { ticker: "005930", region: "KR", side: "BUY", order_type: "LIMIT", quantity: 10, price: 70000, amount: 700000, order_time: "2024-01-02 09:00:05" },
  ]);
  insert(db, "portfolio", [{ ticker: "005930", quantity: 10, avg_price: 70000, entry_date: "2024-01-02", last_updated: "2024-01-05 07:00:00" }]);
  insert(db, "market_sentiment", [{ date: "2024-01-02", vix: 13.2, market_regime: "bull" }]);
  insert(db, "global_market_indices", [{ date: "2024-01-02", symbol: "^N225", index_name: "Nikkei 225", region: "ASIA", close_price: 33288.29, low_price: 33000, change_percent: -0.5 }]);
  insert(db, "exchange_rate_history", [
    { currency: "USD", rate: 1300.5, timestamp: "2024-01-02 06:00:00", rate_date: "2024-01-02" },
    { currency: "USD", rate: 1301.5, timestamp: "2024-01-02 09:00:00", rate_date: "2024-01-02" }, // no UNIQUE in older files: merged, later wins
  ]);
  insert(db, "kis_api_logs", [{ endpoint: "/uapi/x", status_code: 200 }]);
  db.close();
  return path;
}
