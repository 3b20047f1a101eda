import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/index.ts";
import { migrateFromSqlite, type MigrateReport } from "../../../src/ingest/sqlite/migrate.ts";
import { writeSpockFixture } from "./spock-fixture.ts";
import { scratchDir, targetKinds, type Target } from "./targets.ts";

const scratch = scratchDir("spock-fixture-");

const utc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS ${column}`;

for (const kind of targetKinds) {
  describe(`Spock transforms [${kind.name}]`, () => {
    let target: Target;
    let database: Database;
    let first: MigrateReport;
    let second: MigrateReport;
    const rows = <T = Record<string, unknown>>(sql: string) => database.query<T>(sql);

    beforeAll(async () => {
      target = await kind.create();
      const source = writeSpockFixture(join(scratch, kind.name));
      first = await migrateFromSqlite({ source, target: target.options });
      second = await migrateFromSqlite({ source, target: target.options });
      database = await target.open();
    });
    afterAll(async () => {
      await database?.close();
      await target?.drop();
    });

    it("accounts for every source row: source = loaded + merged + rejected", () => {
      expect(first.layout).toBe("spock");
      expect(first.tables).toEqual({
        tickers: { source: 4, loaded: 4, merged: 0, rejected: 0 },
        stock_details: { source: 3, loaded: 2, merged: 0, rejected: 1 },
        etf_details: { source: 1, loaded: 1, merged: 0, rejected: 0 },
        etf_holdings: { source: 2, loaded: 1, merged: 0, rejected: 1 },
        ticker_fundamentals: { source: 3, loaded: 2, merged: 1, rejected: 0 },
        ohlcv_data: { source: 15, loaded: 8, merged: 2, rejected: 5 },
        technical_analysis: { source: 2, loaded: 1, merged: 0, rejected: 1 },
        trades: { source: 1, loaded: 1, merged: 0, rejected: 0 },
        portfolio: { source: 1, loaded: 1, merged: 0, rejected: 0 },
        market_sentiment: { source: 1, loaded: 1, merged: 0, rejected: 0 },
        global_market_indices: { source: 1, loaded: 1, merged: 0, rejected: 0 },
        exchange_rate_history: { source: 2, loaded: 1, merged: 1, rejected: 0 },
      });
      expect(first.inferredInstruments).toBe(3);
      expect(first.skipped).toEqual(["circuit_breaker_logs", "filter_cache_stage0", "kelly_sizing", "kis_api_logs", "rebalancing_logs"]);
      expect(first.notes).toEqual({ ohlcv_data: { closeOutsideLowHigh: 1 } });
    });

    it("stores the same accounting in migration_runs", async () => {
      const runs = await rows<{ id: number; status: string; source_layout: string; tables: unknown; inferred_instruments: number }>(
        "SELECT id, status, source_layout, tables, inferred_instruments FROM migration_runs ORDER BY id",
      );
      expect(runs.map((r) => [r.id, r.status, r.source_layout, r.inferred_instruments])).toEqual([[first.runId, "completed", "spock", 3], [second.runId, "completed", "spock", 0]]);
      const stored = typeof runs[0].tables === "string" ? JSON.parse(runs[0].tables) : runs[0].tables;
      expect(stored).toEqual(first.tables);
    });

    it("is idempotent: a second run merges every row it loaded before and changes nothing", async () => {
      for (const [table, a] of Object.entries(second.tables)) {
        expect(a, table).toEqual({ source: a.source, loaded: 0, merged: first.tables[table].loaded + first.tables[table].merged, rejected: first.tables[table].rejected });
      }
      expect(second.inferredInstruments).toBe(0);
      const [{ n }] = await rows<{ n: number }>("SELECT count(*)::int AS n FROM ohlcv_data");
      expect(n).toBe(8);
    });

    it("keeps tickers as text, keys instruments by (ticker, region) and marks the inferred ones", async () => {
      expect(await rows("SELECT ticker, region, is_inferred, currency, data_source, is_active FROM tickers ORDER BY region, ticker COLLATE \"C\"")).toEqual([
        { ticker: "000660", region: "CN", is_inferred: true, currency: "CNY", data_source: "spock", is_active: true },
        { ticker: "600000", region: "CN", is_inferred: true, currency: "CNY", data_source: "spock", is_active: true },
        { ticker: "0000D0", region: "KR", is_inferred: false, currency: "KRW", data_source: null, is_active: true },
        { ticker: "000660", region: "KR", is_inferred: false, currency: "KRW", data_source: null, is_active: true },
        { ticker: "00088K", region: "KR", is_inferred: true, currency: "KRW", data_source: "spock", is_active: true },
        { ticker: "005930", region: "KR", is_inferred: false, currency: "KRW", data_source: null, is_active: true },
        { ticker: "BRK.B", region: "US", is_inferred: false, currency: "USD", data_source: null, is_active: false },
      ]);
    });

    it("parses dates and timestamps strictly: YYYYMMDD, dates with a time, local T-stamps, UTC database defaults", async () => {
      expect(await rows(`SELECT ticker, listing_date, name_eng, ${utc("created_at")}, ${utc("updated_at")} FROM tickers WHERE NOT is_inferred AND region = 'KR' ORDER BY ticker COLLATE "C"`)).toEqual([
        { ticker: "0000D0", listing_date: "2024-01-02", name_eng: null, created_at: "2025-10-14 08:55:51.282939", updated_at: "2025-10-14 08:55:51.000000" },
        { ticker: "000660", listing_date: null, name_eng: null, created_at: "2025-10-14 08:55:51.282939", updated_at: "2025-10-14 08:55:51.000000" },
        { ticker: "005930", listing_date: "1975-06-11", name_eng: null, created_at: "2025-10-14 08:55:51.282939", updated_at: "2025-10-14 08:55:51.000000" },
      ]);
    });

    it("normalises timeframes, resolves NULL regions, lets a row with its own region win, keeps every indicator", async () => {
      expect(await rows("SELECT ticker, region, timeframe, date, close, volume, source, price_basis FROM ohlcv_data ORDER BY region, ticker COLLATE \"C\", timeframe, date")).toEqual([
        { ticker: "000660", region: "CN", timeframe: "1d", date: "2024-01-02", close: 50, volume: 1000, source: "spock", price_basis: "raw" },
        { ticker: "600000", region: "CN", timeframe: "1w", date: "2024-01-05", close: 10, volume: 1000, source: "spock", price_basis: "raw" },
        { ticker: "0000D0", region: "KR", timeframe: "1mo", date: "2024-01-31", close: 100, volume: 1000, source: "spock", price_basis: "total" },
        { ticker: "000660", region: "KR", timeframe: "1d", date: "2024-01-02", close: 60, volume: 1000, source: "spock", price_basis: "total" },
        { ticker: "00088K", region: "KR", timeframe: "1d", date: "2024-01-02", close: 115, volume: 0, source: "spock", price_basis: "total" },
        { ticker: "005930", region: "KR", timeframe: "1d", date: "2024-01-02", close: 105, volume: 1000, source: "spock", price_basis: "total" },
        { ticker: "005930", region: "KR", timeframe: "1d", date: "2024-01-03", close: 106, volume: 1000, source: "spock", price_basis: "total" },
        { ticker: "005930", region: "KR", timeframe: "1d", date: "2024-01-04", close: 107, volume: 1000, source: "spock", price_basis: "total" },
      ]);
      expect(await rows(`SELECT ma5, rsi_14, atr_14, atr, volume_ratio, ${utc("fetched_at")} FROM ohlcv_data WHERE ticker = '005930' AND date = '2024-01-02'`)).toEqual([
        { ma5: null, rsi_14: 100.00000000000001, atr_14: null, atr: 2.5, volume_ratio: 0.75, fetched_at: "2025-10-14 08:55:51.282939" },
      ]);
    });

    it("rejects rows with their reasons and whole source rows; nothing is dropped silently", async () => {
      const rejects = await rows<{ source_table: string; source_row_id: string; reason: string }>(
        `SELECT source_table, source_row_id, reason FROM migration_rejects WHERE run_id = ${first.runId} ORDER BY source_table, source_row_id::int`,
      );
      expect(rejects).toEqual([
        { source_table: "etf_holdings", source_row_id: "2", reason: 'region of etf_ticker: missing, and no instrument with ticker "777777" exists to take it from' },
        { source_table: "ohlcv_data", source_row_id: "11", reason: 'date: impossible date "2024-02-30"' },
        { source_table: "ohlcv_data", source_row_id: "12", reason: 'close: "abc" where a number belongs' },
        { source_table: "ohlcv_data", source_row_id: "13", reason: "volume: negative value -1" },
        { source_table: "ohlcv_data", source_row_id: "14", reason: 'region: missing, and no instrument with ticker "999999" exists to take it from' },
        { source_table: "ohlcv_data", source_row_id: "15", reason: "high: infinite value Infinity" },
        { source_table: "stock_details", source_row_id: "3", reason: 'region: missing, and no instrument with ticker "999998" exists to take it from' },
        { source_table: "technical_analysis", source_row_id: "2", reason: "gpt_analysis: text contains a NUL character" },
      ]);
      const [{ row }] = await rows<{ row: unknown }>(`SELECT row FROM migration_rejects WHERE run_id = ${first.runId} AND source_table = 'ohlcv_data' AND source_row_id = '15'`);
      const whole = typeof row === "string" ? JSON.parse(row) : row;
      expect(whole).toMatchObject({ id: 15, ticker: "005930", timeframe: "D", date: "2024-01-09", region: "KR", open: 100, high: "Infinity", low: 90, close: 100, volume: 1000, ma5: null, created_at: "2025-10-14T17:55:51.282939" });
      expect(Object.keys(whole)).toHaveLength(27);
      const [nul] = await rows<{ text: string }>(`SELECT row->>'gpt_analysis' AS text FROM migration_rejects WHERE run_id = ${first.runId} AND source_table = 'technical_analysis'`);
      expect(nul.text).toBe("cut\ufffdoff");
    });

    it("reads booleans, JSON-free text, Korean leverage text, and resolves detail rows to one instrument", async () => {
      expect(await rows("SELECT ticker, region, sector, industry, is_spac, is_preferred, par_value FROM stock_details ORDER BY ticker COLLATE \"C\"")).toEqual([
        { ticker: "005930", region: "KR", sector: null, industry: "Semiconductors", is_spac: false, is_preferred: false, par_value: 100 },
        { ticker: "600000", region: "CN", sector: "Banks", industry: null, is_spac: false, is_preferred: null, par_value: null },
      ]);
      expect(await rows("SELECT ticker, region, inception_date, leverage_text, leverage_ratio, currency_hedged, pension_eligible, expense_ratio FROM etf_details")).toEqual([
        { ticker: "0000D0", region: "KR", inception_date: "2020-01-01", leverage_text: "2배", leverage_ratio: 2, currency_hedged: true, pension_eligible: false, expense_ratio: 0.64 },
      ]);
      expect(await rows("SELECT etf_ticker, region, stock_ticker, as_of_date, weight FROM etf_holdings")).toEqual([
        { etf_ticker: "0000D0", region: "KR", stock_ticker: "005930", as_of_date: "2024-01-31", weight: 5.5 },
      ]);
    });

    it("loads fundamentals point-in-time and merges repeated DAILY rows (later wins)", async () => {
      expect(await rows("SELECT region, period_type, period_end, known_date, fiscal_year, per, market_cap, revenue FROM ticker_fundamentals ORDER BY known_date")).toEqual([
        { region: "KR", period_type: "DAILY", period_end: "2024-01-02", known_date: "2024-01-02", fiscal_year: null, per: 12.75, market_cap: 4.1e14, revenue: null },
        { region: "KR", period_type: "ANNUAL", period_end: "2023-12-31", known_date: "2024-03-29", fiscal_year: 2023, per: null, market_cap: null, revenue: 2.589e14 },
      ]);
    });

    it("loads the book, market series and exchange rates", async () => {
      expect(await rows(`SELECT portfolio, source_key, ticker, region, side, quantity, price, amount, ${utc("ordered_at")} FROM portfolio_transactions`)).toEqual([
        { portfolio: "spock", source_key: "spock:trades:1", ticker: "005930", region: "KR", side: "BUY", quantity: 10, price: 70000, amount: 700000, ordered_at: "2024-01-02 00:00:05.000000" },
      ]);
      expect(await rows("SELECT portfolio, ticker, region, as_of_date, quantity, avg_price, entry_date FROM portfolio_holdings")).toEqual([
        { portfolio: "spock", ticker: "005930", region: "KR", as_of_date: "2024-01-05", quantity: 10, avg_price: 70000, entry_date: "2024-01-02" },
      ]);
      expect(await rows("SELECT ticker, region, analysis_date, stage, signal, gpt_pattern, total_score FROM technical_analysis")).toEqual([
        { ticker: "005930", region: "KR", analysis_date: "2024-01-05", stage: 2, signal: "BUY", gpt_pattern: null, total_score: 81.5 },
      ]);
      expect(await rows("SELECT symbol, date, region, close, low, change_percent FROM global_market_indices")).toEqual([
        { symbol: "^N225", date: "2024-01-02", region: "ASIA", close: 33288.29, low: 33000, change_percent: -0.5 },
      ]);
      expect(await rows("SELECT date, vix, market_regime FROM market_sentiment")).toEqual([{ date: "2024-01-02", vix: 13.2, market_regime: "bull" }]);
      expect(await rows(`SELECT currency, quote_currency, rate_date, rate, ${utc("observed_at")} FROM exchange_rate_history`)).toEqual([
        { currency: "USD", quote_currency: "KRW", rate_date: "2024-01-02", rate: 1301.5, observed_at: "2024-01-02 09:00:00.000000" },
      ]);
    });

    it("refreshes the monthly aggregate over the loaded daily bars", async () => {
      expect(await rows("SELECT ticker, region, date, open, high, low, close, bar_count FROM ohlcv_monthly WHERE ticker = '005930'")).toEqual([
        { ticker: "005930", region: "KR", date: "2024-01-01", open: 100, high: 110, low: 90, close: 107, bar_count: 3 },
      ]);
    });
  });
}
